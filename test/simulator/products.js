'use strict';

const { ok } = require('./envelope');

/**
 * GET /v1/products. v1.0: productCode, productName, cardModels, cardCurrency, description.
 * v1.4 adds cardBinConfigs[].
 * @param {import('./context').Context} ctx
 */
function listProducts(ctx) {
	const data = ctx.store.state.products.map((p) => {
		const base = {
			productCode: p.productCode,
			productName: p.productName,
			cardModels: [...p.cardModels],
			cardCurrency: [...p.cardCurrency],
			description: p.description,
		};
		if (ctx.revision !== '1.4') return base;
		return { ...base, cardBinConfigs: JSON.parse(JSON.stringify(p.cardBinConfigs)) };
	});
	return { status: 200, body: ok(data) };
}

module.exports = { listProducts };
