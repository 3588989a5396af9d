'use strict';

const { ok, businessError, invalidParam } = require('./envelope');
const { ORDER_TYPES } = require('./orders');
const { queryView } = require('./order-views');

/**
 * GET /v1/orders/standard and /v1/orders/sharebalance.
 * - OrderType: optional in v1.0, required in v1.4; must be one of the model's own types.
 * - OrderNo and/or CustomerOrderNo: one of them is required (both must then match the same order).
 * - Not found (unknown, other model, other type): v1.0 → ORDER_NOT_FOUND (HTTP 200 or orderNotFoundStatus, hasError);
 *   v1.4 → data: null with hasError false, as the v1.4 document shows.
 * @param {import('./context').Context} ctx
 * @param {import('./context').ApiRequest} req
 * @param {'Standard' | 'ShareBalance'} model
 */
function queryOrder(ctx, req, model) {
	const v14 = ctx.revision === '1.4';
	const names = v14
		? { type: 'orderType', no: 'orderNo', customer: 'customerOrderNo' }
		: { type: 'OrderType', no: 'OrderNo', customer: 'CustomerOrderNo' };
	const q = req.query;
	const orderType = q.get(names.type);
	const orderNo = q.get(names.no);
	const customerOrderNo = q.get(names.customer);

	const allowed = ORDER_TYPES[model];
	if (orderType === undefined && v14)
		throw invalidParam(names.type, `is required; one of ${allowed.join(', ')}`);
	if (orderType !== undefined && !allowed.includes(orderType)) {
		throw invalidParam(names.type, `must be one of ${allowed.join(', ')}, got '${orderType}'`);
	}
	if (orderNo === undefined && customerOrderNo === undefined) {
		throw invalidParam(`${names.no} or ${names.customer}`, 'is required');
	}

	const order = ctx.store.state.orders.find(
		(o) =>
			o.cardModel === model &&
			(orderNo === undefined || o.orderNo === orderNo) &&
			(customerOrderNo === undefined || o.customerOrderNo === customerOrderNo) &&
			(orderType === undefined || o.orderType === orderType),
	);
	if (!order) {
		if (v14) return { status: 200, body: ok(null) };
		const by = [
			orderNo !== undefined ? `OrderNo '${orderNo}'` : '',
			customerOrderNo !== undefined ? `CustomerOrderNo '${customerOrderNo}'` : '',
		]
			.filter(Boolean)
			.join(' and ');
		throw businessError(
			'ORDER_NOT_FOUND',
			`No ${model} order${orderType ? ` of type ${orderType}` : ''} with ${by}`,
			ctx.options.orderNotFoundStatus,
		);
	}
	return { status: 200, body: ok(queryView(ctx, order)) };
}

module.exports = { queryOrder };
