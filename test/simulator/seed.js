'use strict';

/**
 * The data every simulator starts with. Tests read it from here instead of repeating numbers.
 * Everything is frozen; state.js deep-copies it into a live store.
 */

const { cardNumber, cvvFor, organisationFor } = require('./cardnumbers');

const PRECISION_DESCRIPTIONS = Object.freeze({
	IntegerOnly: '仅支持整数',
	DecimalAllowed: '支持小数（最多2位小数）',
});

/**
 * @typedef {object} Permissions
 * @property {boolean} allowOpenCard
 * @property {boolean} allowTopUpCard
 * @property {boolean} allowBlockCard
 * @property {boolean} allowUnBlockCard
 * @property {boolean} allowCancelCard
 * @property {boolean} allowWithdraw
 * @property {boolean} allowUpdateLimit
 */

/**
 * @typedef {object} CardBinConfig
 * @property {'Standard' | 'ShareBalance'} cardModel
 * @property {string} currency
 * @property {string} cardBin
 * @property {number | null} minPreTopUpAmount
 * @property {number | null} minTopUpAmount
 * @property {'IntegerOnly' | 'DecimalAllowed'} openCardAmountPrecision
 * @property {string} openCardAmountPrecisionDescription
 * @property {'IntegerOnly' | 'DecimalAllowed'} topUpAmountPrecision
 * @property {string} topUpAmountPrecisionDescription
 * @property {Permissions} permissions
 */

/**
 * @typedef {object} Product
 * @property {string} productCode
 * @property {string} productName
 * @property {Array<'Standard' | 'ShareBalance'>} cardModels
 * @property {string[]} cardCurrency
 * @property {string} description
 * @property {CardBinConfig[]} cardBinConfigs  only answered in revision 1.4, enforced only in 1.4
 */

/**
 * @param {'Standard' | 'ShareBalance'} cardModel
 * @param {string} currency
 * @param {string} cardBin
 * @param {{minPre?: number | null, minTopUp?: number | null, precision?: 'IntegerOnly' | 'DecimalAllowed', permissions?: Partial<Permissions>}} rules
 * @returns {CardBinConfig}
 */
function binConfig(cardModel, currency, cardBin, rules) {
	const precision = rules.precision || 'DecimalAllowed';
	const standard = cardModel === 'Standard';
	return {
		cardModel,
		currency,
		cardBin,
		minPreTopUpAmount: rules.minPre === undefined ? null : rules.minPre,
		minTopUpAmount: rules.minTopUp === undefined ? null : rules.minTopUp,
		openCardAmountPrecision: precision,
		openCardAmountPrecisionDescription: PRECISION_DESCRIPTIONS[precision],
		topUpAmountPrecision: precision,
		topUpAmountPrecisionDescription: PRECISION_DESCRIPTIONS[precision],
		// v1.4: standard cards may not change limits; share-balance cards may not top up or withdraw.
		permissions: {
			allowOpenCard: true,
			allowTopUpCard: standard,
			allowBlockCard: true,
			allowUnBlockCard: true,
			allowCancelCard: true,
			allowWithdraw: standard,
			allowUpdateLimit: !standard,
			...rules.permissions,
		},
	};
}

/** @type {ReadonlyArray<Product>} */
const PRODUCTS = deepFreeze([
	{
		productCode: 'PROD001',
		productName: '美元虚拟卡',
		cardModels: ['Standard', 'ShareBalance'],
		cardCurrency: ['USD', 'EUR'],
		description: 'Mastercard virtual card in USD and EUR, standard and share-balance models',
		cardBinConfigs: [
			// minimum top-up 10 (v1.4 only; v1.0 only knows the documented minimum of 1)
			binConfig('Standard', 'USD', '504232', { minPre: 10, minTopUp: 10 }),
			// whole amounts only (v1.4 only)
			binConfig('Standard', 'EUR', '504234', { minPre: 20, minTopUp: 1, precision: 'IntegerOnly' }),
			binConfig('ShareBalance', 'USD', '504233', {}),
			binConfig('ShareBalance', 'EUR', '504235', {}),
		],
	},
	{
		productCode: 'PROD002',
		productName: 'VISA Advertising Card',
		cardModels: ['Standard'],
		cardCurrency: ['USD'],
		description: 'VISA virtual card for online advertising, USD, standard model only',
		cardBinConfigs: [
			// withdraw forbidden (v1.4 only)
			binConfig('Standard', 'USD', '428813', {
				minPre: 5,
				minTopUp: 1,
				permissions: { allowWithdraw: false },
			}),
		],
	},
]);

/** Customer fund-account balances per currency. */
const ACCOUNTS = Object.freeze({ USD: 100000, EUR: 50000 });

/**
 * @typedef {object} SeedCard
 * @property {string} cardId
 * @property {'Standard' | 'ShareBalance'} cardModel
 * @property {string} productCode
 * @property {string} cardCurrency
 * @property {'Active' | 'Blocked' | 'Cancel' | 'Expired'} status
 * @property {number} balanceAmount  standard cards only (share-balance cards spend the account)
 * @property {number | null} maxAuthAmount
 * @property {number | null} usedCreditAmount
 * @property {number | null} maxCreditAmount
 * @property {string} alias
 * @property {string} expirationMMYY
 * @property {string} applyTime
 * @property {string} cardNumber
 * @property {string} cvv
 * @property {string} cardOrganization
 */

/** @type {Array<[string, 'Standard' | 'ShareBalance', string, string, SeedCard['status'], number, number | null, number | null, number | null, string, string, string]>} */
const CARD_ROWS = [
	// cardId, model, product, currency, status, balance, maxAuth, used, maxCredit, alias, expiry, applyTime
	[
		'CARD123456',
		'Standard',
		'PROD001',
		'USD',
		'Active',
		1250.5,
		null,
		null,
		null,
		'My USD card',
		'12/27',
		'2025-01-10T08:00:00Z',
	],
	[
		'CARD234567',
		'Standard',
		'PROD001',
		'EUR',
		'Active',
		300,
		null,
		null,
		null,
		'EUR travel',
		'11/27',
		'2025-01-11T08:00:00Z',
	],
	[
		'CARD345678',
		'Standard',
		'PROD002',
		'USD',
		'Active',
		80,
		null,
		null,
		null,
		'Ads USD',
		'10/27',
		'2025-01-12T08:00:00Z',
	],
	[
		'CARD456789',
		'Standard',
		'PROD001',
		'USD',
		'Blocked',
		40,
		null,
		null,
		null,
		'Frozen USD',
		'09/27',
		'2025-01-13T08:00:00Z',
	],
	[
		'CARD567890',
		'Standard',
		'PROD001',
		'USD',
		'Cancel',
		0,
		null,
		null,
		null,
		'Closed USD',
		'08/27',
		'2025-01-14T08:00:00Z',
	],
	[
		'CARD678901',
		'Standard',
		'PROD001',
		'USD',
		'Expired',
		15,
		null,
		null,
		null,
		'Old USD',
		'03/24',
		'2021-03-01T08:00:00Z',
	],
	[
		'CARD789012',
		'ShareBalance',
		'PROD001',
		'USD',
		'Active',
		0,
		500,
		1200,
		10000,
		'Team USD',
		'12/27',
		'2025-01-15T08:00:00Z',
	],
	[
		'CARD890123',
		'ShareBalance',
		'PROD001',
		'USD',
		'Blocked',
		0,
		200,
		0,
		null,
		'Frozen team USD',
		'12/27',
		'2025-01-16T08:00:00Z',
	],
	[
		'CARD901234',
		'ShareBalance',
		'PROD001',
		'EUR',
		'Cancel',
		0,
		100,
		0,
		1000,
		'Closed team EUR',
		'12/27',
		'2025-01-17T08:00:00Z',
	],
	[
		'CARD912345',
		'ShareBalance',
		'PROD001',
		'EUR',
		'Active',
		0,
		300,
		150,
		2000,
		'Team EUR',
		'12/27',
		'2025-01-18T08:00:00Z',
	],
];

/** @type {ReadonlyArray<SeedCard>} */
const CARDS = deepFreeze(
	CARD_ROWS.map((row) => {
		const [
			cardId,
			cardModel,
			productCode,
			cardCurrency,
			status,
			balance,
			maxAuth,
			used,
			maxCredit,
			alias,
			expiry,
			applyTime,
		] = row;
		const product = PRODUCTS.find((p) => p.productCode === productCode);
		const config =
			product &&
			product.cardBinConfigs.find((c) => c.cardModel === cardModel && c.currency === cardCurrency);
		if (!config) throw new Error(`seed card ${cardId} has no BIN config`);
		const number = cardNumber(config.cardBin, Number(cardId.slice(4)));
		return {
			cardId,
			cardModel,
			productCode,
			cardCurrency,
			status,
			balanceAmount: cardModel === 'Standard' ? balance : 0,
			maxAuthAmount: maxAuth,
			usedCreditAmount: used,
			maxCreditAmount: maxCredit,
			alias,
			expirationMMYY: expiry,
			applyTime,
			cardNumber: number,
			cvv: cvvFor(cardId),
			cardOrganization: organisationFor(config.cardBin),
		};
	}),
);

/** Handy names for tests. */
const SEED_CARD_IDS = Object.freeze({
	standardUsd: 'CARD123456',
	standardEur: 'CARD234567',
	standardNoWithdraw: 'CARD345678',
	standardBlocked: 'CARD456789',
	standardCancelled: 'CARD567890',
	standardExpired: 'CARD678901',
	shareUsd: 'CARD789012',
	shareBlocked: 'CARD890123',
	shareCancelled: 'CARD901234',
	shareEur: 'CARD912345',
});

const CLIENT = Object.freeze({ clientId: 'sandbox-client', clientSecret: 'sandbox-secret' });

/**
 * @template T
 * @param {T} value
 * @returns {T}
 */
function deepFreeze(value) {
	if (value && typeof value === 'object') {
		for (const key of Object.keys(value)) deepFreeze(/** @type {any} */ (value)[key]);
		Object.freeze(value);
	}
	return value;
}

module.exports = { PRODUCTS, CARDS, ACCOUNTS, SEED_CARD_IDS, CLIENT, PRECISION_DESCRIPTIONS };
