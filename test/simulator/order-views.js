'use strict';

/**
 * Answer shapes of the order endpoints, field for field as each revision's document shows them.
 * The documents disagree with themselves in places; where they do, the choice is noted.
 */

const { maskSixFour, maskLastFour, maskSixSixFour, maskFirstLast } = require('./cardnumbers');
const { FEES } = require('./fees');

/**
 * orderType in POST answers. The v1.4 examples name two of them differently from the query enum
 * (TopUpCard vs CardTopUp, ModifyCreditLimit vs CreditLimit); the v1.0 examples only show the
 * placeholder 'ApplyCard'. Both revisions answer with the v1.4 example values.
 */
const POST_ORDER_TYPE = Object.freeze({ CardTopUp: 'TopUpCard', CreditLimit: 'ModifyCreditLimit' });

/**
 * @param {import('./context').Context} ctx
 * @param {import('./orders').Order} order
 */
function card(ctx, order) {
	return order.cardId ? ctx.store.card(order.cardId) : undefined;
}

/**
 * @param {import('./context').Context} ctx
 * @param {import('./orders').Order} order
 */
function productInfo(ctx, order, withCurrency = true) {
	const product = ctx.store.product(order.productCode);
	/** @type {Record<string, any>} */
	const info = {
		productCode: order.productCode,
		productName: product ? product.productName : null,
		cardModel: order.cardModel,
	};
	if (withCurrency) info.cardCurrency = order.cardCurrency;
	return info;
}

/**
 * cardInfo / cardInfos[] item of the POST answers.
 * @param {import('./context').Context} ctx
 * @param {import('./state').Card} c
 */
function cardSummary(ctx, c) {
	const product = ctx.store.product(c.productCode);
	return {
		cardId: c.cardId,
		productCode: c.productCode,
		productName: product ? product.productName : null,
		cardCurrency: c.cardCurrency,
		maskCardNumber: maskSixFour(c.cardNumber),
		cardModel: c.cardModel,
	};
}

/**
 * @param {import('./context').Context} ctx
 * @param {import('./orders').Order} order
 */
function isDone(ctx, order) {
	return order.status === ctx.options.orderStatuses.completed;
}

/**
 * @param {import('./context').Context} ctx
 * @param {import('./orders').Order} order
 */
function isFailed(ctx, order) {
	return order.status === ctx.options.orderStatuses.failed;
}

/**
 * failureReason where the document shows it: v1.0 examples use "", v1.4 examples null.
 * @param {import('./context').Context} ctx
 * @param {import('./orders').Order} order
 */
function failureReason(ctx, order) {
	if (order.failureReason) return order.failureReason;
	return ctx.revision === '1.4' ? null : '';
}

/**
 * Whether answers carry the fields the documents' examples do not show (option orderViews: 'extended').
 * @param {import('./context').Context} ctx
 */
function extended(ctx) {
	return ctx.options.orderViews === 'extended';
}

/**
 * Extended answers: shapes whose document has no failureReason still carry it once the order has failed.
 * @param {import('./context').Context} ctx
 * @param {import('./orders').Order} order
 * @param {Record<string, any>} view
 */
function withFailure(ctx, order, view) {
	if (extended(ctx) && isFailed(ctx, order)) view.failureReason = order.failureReason;
	return view;
}

/**
 * @param {import('./context').Context} ctx
 * @param {string} currency
 * @param {number} amount
 * @param {'issue' | 'topUp'} kind
 */
function feeItems(ctx, currency, amount, kind) {
	if (ctx.revision === '1.4') {
		return [{ feeType: kind === 'issue' ? 'OpenCardFee' : 'TopUpFee', amount, currency }];
	}
	return [
		kind === 'issue'
			? { feeCode: 'CARD_ISSUE', feeName: '开卡费', feeAmount: amount }
			: { feeCode: 'CARD_TOPUP', feeName: '充值手续费', feeAmount: amount },
	];
}

/**
 * The data of a POST order answer.
 * @param {import('./context').Context} ctx
 * @param {import('./orders').Order} order
 */
function postView(ctx, order) {
	const v14 = ctx.revision === '1.4';
	const c = card(ctx, order);
	const done = isDone(ctx, order);
	const orderType =
		/** @type {Record<string, string>} */ (POST_ORDER_TYPE)[order.orderType] || order.orderType;
	const times = {
		createdOn: order.createdOn,
		modifiedOn: order.modifiedOn,
		completedOn: order.completedOn,
	};
	const share = order.cardModel === 'ShareBalance';

	switch (order.orderType) {
		case 'ApplyCard':
			if (!share) {
				return withFailure(ctx, order, {
					orderNo: order.orderNo,
					productInfo: productInfo(ctx, order),
					totalTopUpAmount: order.topUpAmount,
					totalFee: order.totalFee,
					totalPayAmount: order.totalPayAmount,
					totalCardCount: 1,
					totalOpened: done ? 1 : 0,
					orderLines: [
						{
							orderLineNo: 1,
							topUpAmount: order.topUpAmount,
							quantity: 1,
							feeItems: feeItems(
								ctx,
								order.cardCurrency,
								/** @type {number} */ (order.totalFee),
								'issue',
							),
						},
					],
					cardInfos: c ? [cardSummary(ctx, c)] : [],
					status: order.status,
					payMessage: '支付成功',
					orderType,
					createdOn: order.createdOn,
					modifiedOn: order.modifiedOn,
					paidOn: order.paidOn,
					completedOn: order.completedOn,
					customerOrderNo: order.customerOrderNo,
				});
			}
			return withFailure(ctx, order, {
				orderNo: order.orderNo,
				productInfo: productInfo(ctx, order),
				quantity: 1,
				maxAuthAmount: order.maxAuthAmount,
				maxCreditAmount: order.maxCreditAmount,
				totalAmount: order.totalAmount,
				transAmount: order.totalAmount,
				transFee: order.totalFee,
				openedQty: done ? 1 : 0,
				cardInfos: c
					? [
							v14
								? {
										cardId: c.cardId,
										cardNumber: maskFirstLast(c.cardNumber),
										expiryDate: c.expirationMMYY,
										cvv: '***',
										status: c.status,
									}
								: cardSummary(ctx, c),
						]
					: [],
				note: '开卡申请',
				status: order.status,
				orderType,
				...times,
				customerOrderNo: order.customerOrderNo,
			});

		case 'CardTopUp': {
			// v1.0's example shows orderLines: []; v1.4 documents one line per card.
			const lines =
				v14 && c
					? [
							{
								orderLineNo: 'LINE001',
								cardInfo: { ...cardSummary(ctx, c), maskCardNumber: maskLastFour(c.cardNumber) },
								topUpAmount: order.topUpAmount,
								feeItems: feeItems(
									ctx,
									order.cardCurrency,
									/** @type {number} */ (order.totalFee),
									'topUp',
								),
								isCompleted: done,
								completedOn: order.completedOn,
							},
						]
					: [];
			return withFailure(ctx, order, {
				orderNo: order.orderNo,
				productInfo: productInfo(ctx, order),
				totalTopUpAmount: order.topUpAmount,
				totalFee: order.totalFee,
				totalPayAmount: order.totalPayAmount,
				totalCardCount: 1,
				totalCompletedCardCount: done ? 1 : 0,
				orderLines: lines,
				status: order.status,
				payMessage: '支付成功',
				orderType,
				createdOn: order.createdOn,
				modifiedOn: order.modifiedOn,
				paidOn: order.paidOn,
				completedOn: order.completedOn,
				customerOrderNo: order.customerOrderNo,
			});
		}

		case 'CardBlock':
		case 'CardUnblock': {
			const block = order.orderType === 'CardBlock';
			/** @type {Record<string, any>} */
			const view = {
				orderNo: order.orderNo,
				cardInfo: c ? cardSummary(ctx, c) : null,
				note: block ? '冻结卡操作' : '解冻卡操作',
			};
			if (block) view.isBlocked = done;
			return {
				...view,
				status: order.status,
				failureReason: failureReason(ctx, order),
				orderType,
				...times,
				customerOrderNo: order.customerOrderNo,
			};
		}

		case 'CardCancel': {
			const settled = done ? 'Completed' : isFailed(ctx, order) ? null : 'Pending';
			/** @type {Record<string, any>} */
			const view = {
				orderNo: order.orderNo,
				cardInfo: c ? cardSummary(ctx, c) : null,
				fee: order.fee,
				chargeMethodType: 'FixedValue',
				fixedValue: FEES.cancel,
				percent: 0,
			};
			if (!share) {
				return {
					...view,
					settleAmount: order.settleAmount,
					note: '销卡操作',
					status: order.status,
					settleStatus: settled,
					orderType,
					failureReason: failureReason(ctx, order),
					createdOn: order.createdOn,
					completedOn: order.completedOn,
					customerOrderNo: order.customerOrderNo,
				};
			}
			// The v1.4 field table lists these; its example does not show them.
			if (v14 && extended(ctx)) {
				view.feeChargeDetails = order.fee
					? [{ feeType: 'CancelCardFee', amount: order.fee, currency: order.cardCurrency }]
					: [];
				view.feePricingStandard = {
					chargeMethodType: 'FixedValue',
					fixedValue: FEES.cancel,
					percent: 0,
				};
				view.isUseNewVersionPricing = false;
			}
			view.note = '销卡操作';
			if (v14 && extended(ctx)) view.cancelCardSource = 'OpenApi';
			return {
				...view,
				status: order.status,
				orderType,
				settleStatus: settled,
				failureReason: failureReason(ctx, order),
				createdOn: order.createdOn,
				completedOn: order.completedOn,
				customerOrderNo: order.customerOrderNo,
			};
		}

		case 'CardWithdraw':
			return withFailure(ctx, order, {
				orderNo: order.orderNo,
				cardId: order.cardId,
				withdrawAmount: order.withdrawAmount,
				withdrawFee: order.withdrawFee,
				totalAmount: order.totalAmount,
				status: order.status,
				orderType,
				...times,
				customerOrderNo: order.customerOrderNo,
			});

		case 'CreditLimit':
			return {
				orderNo: order.orderNo,
				cardId: order.cardId,
				maxAuthAmount: order.maxAuthAmount,
				maxCreditAmount: order.maxCreditAmount,
				status: order.status,
				orderType,
				failureReason: failureReason(ctx, order),
				createdOn: order.createdOn,
				completedOn: order.completedOn,
				customerOrderNo: order.customerOrderNo,
			};

		default:
			throw new Error(`no view for order type ${order.orderType}`);
	}
}

/**
 * The data of GET /v1/orders/standard|sharebalance, field for field as the v1.4 examples show it (v1.0
 * documents no shape and is answered the same way). With orderViews 'extended', fields the examples do not
 * show are added: failureReason everywhere, cardInfos on a standard ApplyCard, the refund on a standard
 * CardCancel, and cardInfo.cardId and the limits on share-balance orders.
 * @param {import('./context').Context} ctx
 * @param {import('./orders').Order} order
 */
function queryView(ctx, order) {
	const c = card(ctx, order);
	const more = extended(ctx);
	const tail = {
		createdOn: order.createdOn,
		modifiedOn: order.modifiedOn,
		completedOn: order.completedOn,
		customerOrderNo: order.customerOrderNo,
	};
	const reason = order.failureReason || null;
	const failure = more ? { failureReason: reason } : {};

	if (order.cardModel === 'ShareBalance') {
		/** @type {Record<string, any>} */
		const cardInfo = c
			? {
					cardNo: c.cardNumber,
					maskedCardNo: maskSixSixFour(c.cardNumber),
					// the v1.4 example shows 'Cancelled' here where the card itself says 'Cancel'
					cardStatus: c.status === 'Cancel' ? 'Cancelled' : c.status,
				}
			: null;
		if (more && cardInfo) cardInfo.cardId = c.cardId;
		/** @type {Record<string, any>} */
		const view = {
			status: order.status,
			orderType: order.orderType,
			...tail,
			orderNo: order.orderNo,
			cardInfo,
			note: SHARE_NOTES[order.orderType],
			failureReason: reason,
		};
		if (more && (order.orderType === 'ApplyCard' || order.orderType === 'CreditLimit')) {
			view.maxAuthAmount = order.maxAuthAmount;
			view.maxCreditAmount = order.maxCreditAmount;
		}
		return view;
	}

	const cardRef = c
		? { cardId: c.cardId, cardAlias: c.alias, maskedCardNumber: maskLastFour(c.cardNumber) }
		: { cardId: order.cardId, cardAlias: null, maskedCardNumber: null };
	const status = { status: order.status, ...failure, orderType: order.orderType };
	switch (order.orderType) {
		case 'ApplyCard':
			return {
				orderNo: order.orderNo,
				productInfo: productInfo(ctx, order, false),
				totalTopUpAmount: order.topUpAmount,
				totalFee: order.totalFee,
				totalPayAmount: order.totalPayAmount,
				totalCardCount: 1,
				totalOpened: isDone(ctx, order) ? 1 : 0,
				...(more ? { cardInfos: c ? [cardSummary(ctx, c)] : [] } : {}),
				...status,
				...tail,
			};
		case 'CardTopUp':
			return {
				orderNo: order.orderNo,
				cardInfo: cardRef,
				topUpAmount: order.topUpAmount,
				fee: order.totalFee,
				totalAmount: order.totalPayAmount,
				...status,
				...tail,
			};
		case 'CardWithdraw':
			return {
				orderNo: order.orderNo,
				cardId: order.cardId,
				withdrawAmount: order.withdrawAmount,
				withdrawFee: order.withdrawFee,
				totalAmount: order.totalAmount,
				...status,
				...tail,
			};
		case 'CardCancel':
			return {
				orderNo: order.orderNo,
				...cardRef,
				...(more ? { refundAmount: order.settleAmount } : {}),
				...status,
				...tail,
			};
		case 'CardBlock':
			return {
				orderNo: order.orderNo,
				...cardRef,
				blockReason: 'Blocked via OpenAPI',
				...status,
				...tail,
			};
		case 'CardUnblock':
			return { orderNo: order.orderNo, ...cardRef, ...status, ...tail };
		default:
			throw new Error(`no view for order type ${order.orderType}`);
	}
}

/** @type {Record<string, string>} */
const SHARE_NOTES = {
	ApplyCard: '开卡申请',
	CreditLimit: '额度调整',
	CardCancel: '销卡',
	CardBlock: '卡片冻结',
	CardUnblock: '卡片解冻',
};

module.exports = { postView, queryView, POST_ORDER_TYPE };
