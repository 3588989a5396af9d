'use strict';

/**
 * The 11 order-placing endpoints. Each order goes through: body validation (400) → duplicate
 * customerOrderNo (DUPLICATE_ORDER) → business checks (hasError answers) → acceptance (money is taken:
 * the order is "paid") → completion, at once or after `orderCompletion.afterMs`, when its effect is
 * applied or, for a forced failure, the acceptance is undone.
 */

const { ok, businessError, invalidParam } = require('./envelope');
const { FEES, topUpFee } = require('./fees');
const { writeAccountLog, writeCardLog } = require('./logs');
const { iso, round2 } = require('./util');
const {
	jsonObjectBody,
	stringField,
	amountField,
	customerOrderNoField,
	LIMITS,
} = require('./validate');
const { postView } = require('./order-views');

/** Order types per model, as the order-query endpoints name them. */
const ORDER_TYPES = Object.freeze({
	Standard: Object.freeze([
		'ApplyCard',
		'CardTopUp',
		'CardCancel',
		'CardBlock',
		'CardUnblock',
		'CardWithdraw',
	]),
	ShareBalance: Object.freeze([
		'ApplyCard',
		'CreditLimit',
		'CardCancel',
		'CardBlock',
		'CardUnblock',
	]),
});

const CURRENCY = /^[A-Z]{3}$/;
const STATUS_CHANGING = Object.freeze(['CardBlock', 'CardUnblock', 'CardCancel']);

/**
 * @typedef {object} Order
 * @property {string} orderNo
 * @property {string | null} customerOrderNo
 * @property {'Standard' | 'ShareBalance'} cardModel
 * @property {string} orderType        the order-query name (ApplyCard, CardTopUp, CreditLimit, …)
 * @property {string} path             the endpoint it was placed on
 * @property {string} status           Processing | Completed | Failed (names configurable)
 * @property {string | null} failureReason
 * @property {string | null} cardId     the card acted on, or the card issued (apply: null until completed)
 * @property {string} productCode
 * @property {string} cardCurrency
 * @property {string | null} cardAlias
 * @property {number | null} topUpAmount
 * @property {number | null} totalFee
 * @property {number | null} totalPayAmount
 * @property {number | null} withdrawAmount
 * @property {number | null} withdrawFee
 * @property {number | null} totalAmount
 * @property {number | null} fee
 * @property {number | null} settleAmount
 * @property {number | null} maxAuthAmount
 * @property {number | null} maxCreditAmount
 * @property {string} createdOn
 * @property {string} modifiedOn
 * @property {string | null} paidOn
 * @property {string | null} completedOn
 */

/**
 * @typedef {object} OrderSpec
 * @property {'Standard' | 'ShareBalance'} cardModel
 * @property {string} orderType
 * @property {(ctx: import('./context').Context, body: Record<string, any>) => Record<string, any>} validate
 * @property {(ctx: import('./context').Context, input: Record<string, any>) => Record<string, any>} check
 *   business checks; returns the order's fields (amounts, card, product)
 * @property {(ctx: import('./context').Context, order: Order, t: number) => void} [accept]
 * @property {(ctx: import('./context').Context, order: Order, t: number) => void} [complete]
 * @property {(ctx: import('./context').Context, order: Order, t: number) => void} [undo]
 */

// ---------------------------------------------------------------- shared checks

/**
 * @param {import('./context').Context} ctx
 * @param {string} cardId
 * @param {'Standard' | 'ShareBalance'} model
 * @param {string[]} allowed   statuses the action accepts
 * @param {string} action
 */
function requireCard(ctx, cardId, model, allowed, action) {
	const card = ctx.store.card(cardId);
	if (!card) throw businessError('CARD_NOT_FOUND', `Card '${cardId}' was not found`);
	if (card.cardModel !== model) {
		throw businessError(
			'CARD_STATUS_INVALID',
			`Card '${cardId}' is a ${card.cardModel} card; this endpoint accepts ${model} cards only`,
		);
	}
	if (!allowed.includes(card.status)) {
		throw businessError(
			'CARD_STATUS_INVALID',
			`Card '${cardId}' is ${card.status}; ${action} needs a card that is ${allowed.join(' or ')}`,
		);
	}
	// Only seen with orderCompletion { afterMs }: a block/unblock/cancel still processing locks the card.
	const pending = ctx.store.state.orders.find(
		(o) =>
			o.cardId === cardId &&
			o.status === ctx.options.orderStatuses.processing &&
			STATUS_CHANGING.includes(o.orderType),
	);
	if (pending) {
		throw businessError(
			'ORDER_STATUS_INVALID',
			`Order ${pending.orderNo} (${pending.orderType}) on card '${cardId}' is still processing; retry once it has completed`,
		);
	}
	return card;
}

/**
 * The product offers this model and currency (v1.4 also: its permissions allow the action).
 * @param {import('./context').Context} ctx
 * @param {string} productCode
 * @param {'Standard' | 'ShareBalance'} model
 * @param {string} currency
 */
function requireProduct(ctx, productCode, model, currency) {
	const product = ctx.store.product(productCode);
	if (!product)
		throw businessError(
			'PRODUCT_NOT_AVAILABLE',
			`Product '${productCode}' is not available to this customer`,
		);
	if (!product.cardModels.includes(model)) {
		throw businessError(
			'PRODUCT_NOT_AVAILABLE',
			`Product '${productCode}' does not offer the ${model} card model`,
		);
	}
	const config = ctx.store.binConfig(productCode, model, currency);
	if (!product.cardCurrency.includes(currency) || !config) {
		throw businessError(
			'PRODUCT_NOT_AVAILABLE',
			`Product '${productCode}' does not offer ${model} cards in ${currency}`,
		);
	}
	return { product, config };
}

/**
 * v1.4 only: the card BIN config's permission for this action.
 * @param {import('./context').Context} ctx
 * @param {string} productCode
 * @param {string} model
 * @param {string} currency
 * @param {keyof import('./seed').Permissions} permission
 * @param {string} action
 */
function requirePermission(ctx, productCode, model, currency, permission, action) {
	if (ctx.revision !== '1.4') return;
	const config = ctx.store.binConfig(productCode, model, currency);
	if (!config || !config.permissions[permission]) {
		throw businessError(
			'PRODUCT_NOT_AVAILABLE',
			`${action} is not allowed for ${productCode} ${model} ${currency} cards (permissions.${permission} is false)`,
		);
	}
}

/**
 * v1.4 only: minimum amount and amount precision of the card BIN config.
 * @param {import('./context').Context} ctx
 * @param {import('./seed').CardBinConfig} config
 * @param {string} productCode
 * @param {string} field
 * @param {number} amount
 * @param {'minPreTopUpAmount' | 'minTopUpAmount'} minRule
 * @param {'openCardAmountPrecision' | 'topUpAmountPrecision'} precisionRule
 */
function enforceAmountRules(ctx, config, productCode, field, amount, minRule, precisionRule) {
	if (ctx.revision !== '1.4') return;
	const what = `${productCode} ${config.cardModel} ${config.currency} cards`;
	const min = config[minRule];
	if (min !== null && amount < min)
		throw invalidParam(
			field,
			`must be at least ${min} for ${what} (${minRule} ${min}), got ${amount}`,
		);
	if (config[precisionRule] === 'IntegerOnly' && !Number.isInteger(amount)) {
		throw invalidParam(
			field,
			`must be a whole number for ${what} (${precisionRule} IntegerOnly), got ${amount}`,
		);
	}
}

/**
 * @param {import('./context').Context} ctx
 * @param {string} currency
 * @param {number} needed
 * @param {string} breakdown
 */
function requireFunds(ctx, currency, needed, breakdown) {
	const balance = ctx.store.balance(currency);
	if (balance < needed) {
		throw businessError(
			'INSUFFICIENT_BALANCE',
			`Fund account balance ${currency} ${balance.toFixed(2)} is less than the ${needed.toFixed(2)} this order needs (${breakdown})`,
		);
	}
}

/** @param {Record<string, any>} body */
function cardIdField(body) {
	return /** @type {string} */ (
		stringField(body, 'cardId', { required: true, max: LIMITS.cardIdMaxLength })
	);
}

/** @param {Record<string, any>} body */
function productFields(body) {
	return {
		productCode: /** @type {string} */ (
			stringField(body, 'productCode', { required: true, max: 64 })
		),
		cardCurrency: /** @type {string} */ (
			stringField(body, 'cardCurrency', {
				required: true,
				pattern: CURRENCY,
				patternText: 'must be a 3-letter ISO 4217 code in upper case, e.g. USD',
			})
		),
		cardAlias: stringField(body, 'cardAlias', { max: LIMITS.cardAliasMaxLength }) || null,
	};
}

/**
 * maxAuthAmount / maxCreditAmount as each revision documents them.
 * v1.0: maxAuthAmount required > 0; maxCreditAmount optional, null/empty = no total limit.
 * v1.4: maxAuthAmount required >= 1 (a whole number on creditLimit); maxCreditAmount required, a whole number >= 1.
 * @param {import('./context').Context} ctx
 * @param {Record<string, any>} body
 * @param {boolean} creditLimitEndpoint
 */
function limitFields(ctx, body, creditLimitEndpoint) {
	const v14 = ctx.revision === '1.4';
	const maxAuthAmount = /** @type {number} */ (
		amountField(
			body,
			'maxAuthAmount',
			v14
				? { required: true, min: 1, integer: creditLimitEndpoint }
				: { required: true, min: 0, minExclusive: true },
		)
	);
	const maxCreditAmount = v14
		? /** @type {number} */ (
				amountField(body, 'maxCreditAmount', { required: true, min: 1, integer: true })
			)
		: amountField(body, 'maxCreditAmount', { nullable: true, min: 0, minExclusive: true });
	const credit = maxCreditAmount === undefined ? null : maxCreditAmount;
	if (credit !== null && maxAuthAmount > credit) {
		throw invalidParam(
			'maxAuthAmount',
			`must not exceed maxCreditAmount (${maxAuthAmount} > ${credit})`,
		);
	}
	return { maxAuthAmount, maxCreditAmount: credit };
}

// ---------------------------------------------------------------- order specs

/** @type {Record<string, OrderSpec>} */
const SPECS = {
	'standard/apply': {
		cardModel: 'Standard',
		orderType: 'ApplyCard',
		validate: (ctx, body) => ({
			...productFields(body),
			topUpAmount: amountField(body, 'topUpAmount', { required: true, min: 0, minExclusive: true }),
		}),
		check(ctx, input) {
			const { product, config } = requireProduct(
				ctx,
				input.productCode,
				'Standard',
				input.cardCurrency,
			);
			requirePermission(
				ctx,
				input.productCode,
				'Standard',
				input.cardCurrency,
				'allowOpenCard',
				'Opening a card',
			);
			enforceAmountRules(
				ctx,
				config,
				input.productCode,
				'topUpAmount',
				input.topUpAmount,
				'minPreTopUpAmount',
				'openCardAmountPrecision',
			);
			const fee = FEES.cardIssue;
			const pay = round2(input.topUpAmount + fee);
			requireFunds(
				ctx,
				input.cardCurrency,
				pay,
				`top-up ${input.topUpAmount.toFixed(2)} + card issue fee ${fee.toFixed(2)}`,
			);
			return {
				cardId: null,
				productCode: product.productCode,
				cardCurrency: input.cardCurrency,
				cardAlias: input.cardAlias,
				topUpAmount: input.topUpAmount,
				totalFee: fee,
				totalPayAmount: pay,
			};
		},
		accept(ctx, order, t) {
			ctx.store.moveAccount(order.cardCurrency, -(/** @type {number} */ (order.totalPayAmount)));
			writeAccountLog(ctx.store, {
				t,
				type: 'CardOpen',
				direction: 'Expenditure',
				currency: order.cardCurrency,
				amount: /** @type {number} */ (order.totalPayAmount),
				orderNo: order.orderNo,
				note: '开卡',
			});
		},
		complete(ctx, order, t) {
			const card = ctx.store.issueCard({
				cardModel: 'Standard',
				productCode: order.productCode,
				cardCurrency: order.cardCurrency,
				alias: order.cardAlias,
				balanceAmount: /** @type {number} */ (order.topUpAmount),
				maxAuthAmount: null,
				maxCreditAmount: null,
				now: t,
				orderNo: order.orderNo,
			});
			order.cardId = card.cardId;
			writeCardLog(ctx.store, {
				t,
				type: 'CardOpen',
				direction: 'Income',
				card,
				amount: /** @type {number} */ (order.topUpAmount),
				fee: /** @type {number} */ (order.totalFee),
				feeType: 'OpenCardFee',
				orderNo: order.orderNo,
				note: '开卡',
			});
		},
		undo: refundAccount,
	},

	'standard/topup': {
		cardModel: 'Standard',
		orderType: 'CardTopUp',
		validate: (ctx, body) => ({
			cardId: cardIdField(body),
			// "最低充值金额为1" in both revisions
			topUpAmount: amountField(body, 'topUpAmount', { required: true, min: 1 }),
		}),
		check(ctx, input) {
			const card = requireCard(ctx, input.cardId, 'Standard', ['Active'], 'top-up');
			requirePermission(
				ctx,
				card.productCode,
				'Standard',
				card.cardCurrency,
				'allowTopUpCard',
				'Top-up',
			);
			const config = ctx.store.binConfig(card.productCode, 'Standard', card.cardCurrency);
			if (config)
				enforceAmountRules(
					ctx,
					config,
					card.productCode,
					'topUpAmount',
					input.topUpAmount,
					'minTopUpAmount',
					'topUpAmountPrecision',
				);
			const fee = topUpFee(input.topUpAmount);
			const pay = round2(input.topUpAmount + fee);
			requireFunds(
				ctx,
				card.cardCurrency,
				pay,
				`top-up ${input.topUpAmount.toFixed(2)} + fee ${fee.toFixed(2)}`,
			);
			return {
				...cardFields(card),
				topUpAmount: input.topUpAmount,
				totalFee: fee,
				totalPayAmount: pay,
			};
		},
		accept(ctx, order, t) {
			ctx.store.moveAccount(order.cardCurrency, -(/** @type {number} */ (order.totalPayAmount)));
			writeAccountLog(ctx.store, {
				t,
				type: 'CardTopUp',
				direction: 'Expenditure',
				currency: order.cardCurrency,
				amount: /** @type {number} */ (order.totalPayAmount),
				orderNo: order.orderNo,
				note: '卡充值',
				card: ctx.store.card(/** @type {string} */ (order.cardId)),
			});
		},
		complete(ctx, order, t) {
			const card = liveCard(ctx, order);
			card.balanceAmount = round2(card.balanceAmount + /** @type {number} */ (order.topUpAmount));
			writeCardLog(ctx.store, {
				t,
				type: 'CardTopUp',
				direction: 'Income',
				card,
				amount: /** @type {number} */ (order.topUpAmount),
				fee: /** @type {number} */ (order.totalFee),
				feeType: 'TopUpFee',
				orderNo: order.orderNo,
				note: '卡充值',
			});
		},
		undo: refundAccount,
	},

	'standard/block': statusSpec(
		'Standard',
		'CardBlock',
		['Active'],
		'Blocked',
		'allowBlockCard',
		'Blocking',
	),
	'standard/unblock': statusSpec(
		'Standard',
		'CardUnblock',
		['Blocked'],
		'Active',
		'allowUnBlockCard',
		'Unblocking',
	),

	'standard/cancel': {
		cardModel: 'Standard',
		orderType: 'CardCancel',
		validate: (ctx, body) => ({ cardId: cardIdField(body) }),
		check(ctx, input) {
			const card = requireCard(
				ctx,
				input.cardId,
				'Standard',
				['Active', 'Blocked', 'Expired'],
				'cancelling',
			);
			requirePermission(
				ctx,
				card.productCode,
				'Standard',
				card.cardCurrency,
				'allowCancelCard',
				'Cancelling',
			);
			const fee = round2(Math.min(FEES.cancel, card.balanceAmount));
			return { ...cardFields(card), fee, settleAmount: round2(card.balanceAmount - fee) };
		},
		complete(ctx, order, t) {
			const card = liveCard(ctx, order);
			const balance = card.balanceAmount;
			const fee = round2(Math.min(FEES.cancel, balance));
			order.fee = fee;
			order.settleAmount = round2(balance - fee);
			if (balance > 0) {
				writeCardLog(ctx.store, {
					t,
					type: 'CardCancel',
					direction: 'Expenditure',
					card,
					amount: order.settleAmount,
					fee,
					feeType: 'CancelCardFee',
					orderNo: order.orderNo,
					note: '销卡',
				});
			}
			card.balanceAmount = 0;
			card.status = 'Cancel';
			if (order.settleAmount > 0) {
				ctx.store.moveAccount(card.cardCurrency, order.settleAmount);
				writeAccountLog(ctx.store, {
					t,
					type: 'CardCancelRefund',
					direction: 'Income',
					currency: card.cardCurrency,
					amount: order.settleAmount,
					orderNo: order.orderNo,
					note: '销卡退回余额',
					card,
				});
			}
		},
	},

	'standard/withdraw': {
		cardModel: 'Standard',
		orderType: 'CardWithdraw',
		validate: (ctx, body) => ({
			cardId: cardIdField(body),
			withdrawAmount: amountField(body, 'withdrawAmount', { min: 0, minExclusive: true }),
		}),
		check(ctx, input) {
			const card = requireCard(ctx, input.cardId, 'Standard', ['Active'], 'withdrawing');
			requirePermission(
				ctx,
				card.productCode,
				'Standard',
				card.cardCurrency,
				'allowWithdraw',
				'Withdrawing the card balance',
			);
			const fee = ctx.options.withdrawFee;
			const balance = card.balanceAmount;
			// Without an amount the whole balance leaves the card: the fee comes out of it.
			const amount =
				input.withdrawAmount === undefined ? round2(balance - fee) : input.withdrawAmount;
			const total = round2(amount + fee);
			if (amount <= 0 || total > balance) {
				throw businessError(
					'INSUFFICIENT_BALANCE',
					`Card '${card.cardId}' balance ${card.cardCurrency} ${balance.toFixed(2)} does not cover ${input.withdrawAmount === undefined ? 'the withdraw fee' : `the withdrawal of ${amount.toFixed(2)} plus the fee`} ${fee.toFixed(2)}`,
				);
			}
			return { ...cardFields(card), withdrawAmount: amount, withdrawFee: fee, totalAmount: total };
		},
		accept(ctx, order, t) {
			const card = liveCard(ctx, order);
			card.balanceAmount = round2(card.balanceAmount - /** @type {number} */ (order.totalAmount));
			writeCardLog(ctx.store, {
				t,
				type: 'CardWithdraw',
				direction: 'Expenditure',
				card,
				amount: /** @type {number} */ (order.withdrawAmount),
				fee: /** @type {number} */ (order.withdrawFee),
				feeType: 'CardWithdrawFee',
				orderNo: order.orderNo,
				note: '卡余额转出',
			});
		},
		complete(ctx, order, t) {
			ctx.store.moveAccount(order.cardCurrency, /** @type {number} */ (order.withdrawAmount));
			writeAccountLog(ctx.store, {
				t,
				type: 'CardWithdraw',
				direction: 'Income',
				currency: order.cardCurrency,
				amount: /** @type {number} */ (order.withdrawAmount),
				orderNo: order.orderNo,
				note: '卡余额转出',
				card: ctx.store.card(/** @type {string} */ (order.cardId)),
			});
		},
		undo(ctx, order, t) {
			const card = liveCard(ctx, order);
			card.balanceAmount = round2(card.balanceAmount + /** @type {number} */ (order.totalAmount));
			writeCardLog(ctx.store, {
				t,
				type: 'CardWithdrawRefund',
				direction: 'Income',
				card,
				amount: /** @type {number} */ (order.totalAmount),
				orderNo: order.orderNo,
				note: '转出失败退回',
			});
		},
	},

	'sharebalance/apply': {
		cardModel: 'ShareBalance',
		orderType: 'ApplyCard',
		validate: (ctx, body) => ({ ...productFields(body), ...limitFields(ctx, body, false) }),
		check(ctx, input) {
			const { product } = requireProduct(
				ctx,
				input.productCode,
				'ShareBalance',
				input.cardCurrency,
			);
			requirePermission(
				ctx,
				input.productCode,
				'ShareBalance',
				input.cardCurrency,
				'allowOpenCard',
				'Opening a card',
			);
			const fee = FEES.cardIssue;
			requireFunds(ctx, input.cardCurrency, fee, `card issue fee ${fee.toFixed(2)}`);
			return {
				cardId: null,
				productCode: product.productCode,
				cardCurrency: input.cardCurrency,
				cardAlias: input.cardAlias,
				maxAuthAmount: input.maxAuthAmount,
				maxCreditAmount: input.maxCreditAmount,
				totalFee: fee,
				totalAmount: fee,
			};
		},
		accept(ctx, order, t) {
			ctx.store.moveAccount(order.cardCurrency, -(/** @type {number} */ (order.totalAmount)));
			writeAccountLog(ctx.store, {
				t,
				type: 'CardOpen',
				direction: 'Expenditure',
				currency: order.cardCurrency,
				amount: /** @type {number} */ (order.totalAmount),
				orderNo: order.orderNo,
				note: '开卡',
			});
		},
		complete(ctx, order, t) {
			const card = ctx.store.issueCard({
				cardModel: 'ShareBalance',
				productCode: order.productCode,
				cardCurrency: order.cardCurrency,
				alias: order.cardAlias,
				balanceAmount: 0,
				maxAuthAmount: order.maxAuthAmount,
				maxCreditAmount: order.maxCreditAmount,
				now: t,
				orderNo: order.orderNo,
			});
			order.cardId = card.cardId;
		},
		undo(ctx, order, t) {
			ctx.store.moveAccount(order.cardCurrency, /** @type {number} */ (order.totalAmount));
			writeAccountLog(ctx.store, {
				t,
				type: 'OrderRefund',
				direction: 'Income',
				currency: order.cardCurrency,
				amount: /** @type {number} */ (order.totalAmount),
				orderNo: order.orderNo,
				note: '订单失败退款',
			});
		},
	},

	'sharebalance/creditlimit': {
		cardModel: 'ShareBalance',
		orderType: 'CreditLimit',
		validate: (ctx, body) => ({ cardId: cardIdField(body), ...limitFields(ctx, body, true) }),
		check(ctx, input) {
			const card = requireCard(
				ctx,
				input.cardId,
				'ShareBalance',
				['Active', 'Blocked'],
				'changing limits',
			);
			requirePermission(
				ctx,
				card.productCode,
				'ShareBalance',
				card.cardCurrency,
				'allowUpdateLimit',
				'Changing limits',
			);
			const used = card.usedCreditAmount || 0;
			if (input.maxCreditAmount !== null && input.maxCreditAmount < used) {
				throw businessError(
					'LIMIT_EXCEEDED',
					`maxCreditAmount ${input.maxCreditAmount} is below the ${used.toFixed(2)} card '${card.cardId}' has already used`,
				);
			}
			return {
				...cardFields(card),
				maxAuthAmount: input.maxAuthAmount,
				maxCreditAmount: input.maxCreditAmount,
			};
		},
		complete(ctx, order) {
			const card = liveCard(ctx, order);
			card.maxAuthAmount = order.maxAuthAmount;
			card.maxCreditAmount = order.maxCreditAmount;
		},
	},

	'sharebalance/block': statusSpec(
		'ShareBalance',
		'CardBlock',
		['Active'],
		'Blocked',
		'allowBlockCard',
		'Blocking',
	),
	'sharebalance/unblock': statusSpec(
		'ShareBalance',
		'CardUnblock',
		['Blocked'],
		'Active',
		'allowUnBlockCard',
		'Unblocking',
	),
	'sharebalance/cancel': statusSpec(
		'ShareBalance',
		'CardCancel',
		['Active', 'Blocked', 'Expired'],
		'Cancel',
		'allowCancelCard',
		'Cancelling',
		() => ({ fee: FEES.cancel }),
	),
};

/**
 * Block, unblock and share-balance cancel: no money moves, the card's status changes on completion.
 * @param {'Standard' | 'ShareBalance'} model
 * @param {string} orderType
 * @param {string[]} from
 * @param {'Active' | 'Blocked' | 'Cancel'} to
 * @param {keyof import('./seed').Permissions} permission
 * @param {string} action
 * @param {(card: import('./state').Card) => Record<string, any>} [extra]  further order fields
 * @returns {OrderSpec}
 */
function statusSpec(model, orderType, from, to, permission, action, extra) {
	return {
		cardModel: model,
		orderType,
		validate: (ctx, body) => ({ cardId: cardIdField(body) }),
		check(ctx, input) {
			const card = requireCard(ctx, input.cardId, model, from, action.toLowerCase());
			requirePermission(ctx, card.productCode, model, card.cardCurrency, permission, action);
			return { ...cardFields(card), ...(extra ? extra(card) : {}) };
		},
		complete(ctx, order) {
			liveCard(ctx, order).status = to;
		},
	};
}

/** @param {import('./state').Card} card */
function cardFields(card) {
	return {
		cardId: card.cardId,
		productCode: card.productCode,
		cardCurrency: card.cardCurrency,
		cardAlias: card.alias || null,
	};
}

/**
 * @param {import('./context').Context} ctx
 * @param {Order} order
 */
function liveCard(ctx, order) {
	const card = ctx.store.card(/** @type {string} */ (order.cardId));
	if (!card) throw new Error(`order ${order.orderNo} refers to unknown card ${order.cardId}`);
	return card;
}

/** @type {NonNullable<OrderSpec['undo']>} */
function refundAccount(ctx, order, t) {
	const amount = /** @type {number} */ (order.totalPayAmount);
	ctx.store.moveAccount(order.cardCurrency, amount);
	writeAccountLog(ctx.store, {
		t,
		type: 'OrderRefund',
		direction: 'Income',
		currency: order.cardCurrency,
		amount,
		orderNo: order.orderNo,
		note: '订单失败退款',
	});
}

// ---------------------------------------------------------------- placing and completing

/**
 * Handles POST /v1/orders/{model}/{action}.
 * @param {import('./context').Context} ctx
 * @param {import('./context').ApiRequest} req
 * @param {string} key   e.g. 'standard/topup' (lower case)
 */
function placeOrder(ctx, req, key) {
	const spec = SPECS[key];
	const body = jsonObjectBody(req);
	const customerOrderNo = customerOrderNoField(body);
	const input = spec.validate(ctx, body);

	if (customerOrderNo !== undefined) {
		const previous = ctx.store.byCustomerOrderNo.get(customerOrderNo);
		if (previous && ctx.options.duplicateRefusal === 'generic') {
			throw businessError('400', '订单号重复', 400);
		}
		if (previous) {
			throw businessError(
				'DUPLICATE_ORDER',
				`customerOrderNo '${customerOrderNo}' has already been used (order ${previous.orderNo}); nothing was changed`,
				ctx.options.duplicateOrderStatus,
			);
		}
	}

	const fields = spec.check(ctx, input);
	const t = ctx.now();
	const stamp = /** @type {string} */ (iso(t));
	/** @type {Order} */
	const order = {
		orderNo: ctx.store.nextOrderNo(t),
		customerOrderNo: customerOrderNo === undefined ? null : customerOrderNo,
		cardModel: spec.cardModel,
		orderType: spec.orderType,
		path: req.path,
		status: ctx.options.orderStatuses.processing,
		failureReason: null,
		cardId: null,
		productCode: '',
		cardCurrency: '',
		cardAlias: null,
		topUpAmount: null,
		totalFee: null,
		totalPayAmount: null,
		withdrawAmount: null,
		withdrawFee: null,
		totalAmount: null,
		fee: null,
		settleAmount: null,
		maxAuthAmount: null,
		maxCreditAmount: null,
		...fields,
		createdOn: stamp,
		modifiedOn: stamp,
		paidOn: spec.accept ? stamp : null,
		completedOn: null,
	};

	const forced = ctx.orderFailures.take({
		method: req.method,
		path: req.path,
		orderType: order.orderType,
		cardModel: order.cardModel,
		cardId: order.cardId,
		productCode: order.productCode,
		cardCurrency: order.cardCurrency,
		customerOrderNo: order.customerOrderNo,
	});

	if (spec.accept) spec.accept(ctx, order, t);
	ctx.store.state.orders.push(order);
	if (order.customerOrderNo !== null) ctx.store.byCustomerOrderNo.set(order.customerOrderNo, order);

	const failWith = forced ? String(forced.reason || 'Order failed') : null;
	const completion = ctx.options.orderCompletion;
	if (completion === 'immediate') finish(ctx, spec, order, failWith);
	else ctx.schedule(() => finish(ctx, spec, order, failWith), completion.afterMs);

	return {
		status: 200,
		body: ok(
			postView(ctx, order),
			spec.orderType === 'ApplyCard' && spec.cardModel === 'Standard' ? '开卡成功' : '操作成功',
		),
	};
}

/**
 * @param {import('./context').Context} ctx
 * @param {OrderSpec} spec
 * @param {Order} order
 * @param {string | null} failWith
 */
function finish(ctx, spec, order, failWith) {
	const t = ctx.now();
	let reason = failWith;
	// A card cancelled meanwhile (by another order) makes this one fail, as a real processor would.
	if (!reason && order.cardId && order.orderType !== 'CardCancel') {
		const card = ctx.store.card(order.cardId);
		if (card && card.status === 'Cancel')
			reason = `Card '${card.cardId}' was cancelled before the order completed`;
	}
	if (reason) {
		if (spec.undo) spec.undo(ctx, order, t);
		order.status = ctx.options.orderStatuses.failed;
		order.failureReason = reason;
	} else {
		if (spec.complete) spec.complete(ctx, order, t);
		order.status = ctx.options.orderStatuses.completed;
	}
	order.modifiedOn = /** @type {string} */ (iso(t));
	order.completedOn = order.modifiedOn;
}

module.exports = { placeOrder, ORDER_TYPES, SPECS };
