/**
 * Bad input is refused before anything is sent. n8n does not check number, options or date parameters at run
 * time (an expression can give them any value, and 1.234 is not rounded), so the node checks each input
 * itself: the simulator must see no request at all, and the error must name the field as the editor shows it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SeenRequest, SimulatedCardepass } from '../helpers/simulatedCardepass';
import {
	apiCalls,
	openSimulatedCardepass,
	useSimulatedCardepass,
} from '../helpers/simulatedCardepass';

const CARD = 'CARD123456';
const SHARE_CARD = 'CARD789012';

/** A valid request per operation; each case below spoils exactly one field of one of them. */
const BASE = {
	cardGet: { resource: 'card', operation: 'get', cardId: CARD },
	topUp: {
		resource: 'card',
		operation: 'topUp',
		cardId: CARD,
		topUpAmount: 20,
		customerOrderNo: 'BAD-TOPUP',
	},
	createStandard: {
		resource: 'card',
		operation: 'create',
		cardModel: 'standard',
		productCode: 'PROD001',
		cardCurrency: 'USD',
		topUpAmount: 100,
		customerOrderNo: 'BAD-CREATE-STD',
	},
	createShare: {
		resource: 'card',
		operation: 'create',
		cardModel: 'sharebalance',
		productCode: 'PROD001',
		cardCurrency: 'USD',
		maxAuthAmount: 250,
		totalLimit: 'limited',
		maxCreditAmount: 5000,
		customerOrderNo: 'BAD-CREATE-SB',
	},
	withdraw: {
		resource: 'card',
		operation: 'withdraw',
		cardId: CARD,
		withdrawAmount: 50,
		customerOrderNo: 'BAD-WD',
	},
	updateLimits: {
		resource: 'card',
		operation: 'updateLimits',
		cardId: SHARE_CARD,
		maxAuthAmount: 400,
		totalLimit: 'limited',
		maxCreditAmount: 9000,
		customerOrderNo: 'BAD-LIM',
	},
	block: {
		resource: 'card',
		operation: 'block',
		cardModel: 'standard',
		cardId: CARD,
		customerOrderNo: 'BAD-BLOCK',
	},
	unblock: {
		resource: 'card',
		operation: 'unblock',
		cardModel: 'standard',
		cardId: 'CARD456789',
		customerOrderNo: 'BAD-UNBLOCK',
	},
	cancel: {
		resource: 'card',
		operation: 'cancel',
		cardModel: 'standard',
		cardId: 'CARD678901',
		customerOrderNo: 'BAD-CANCEL',
	},
	orderGet: {
		resource: 'order',
		operation: 'get',
		cardModel: 'standard',
		orderType: 'CardTopUp',
		lookUpBy: 'orderNo',
		orderNo: 'ORD00000001',
	},
	orderGetByCustomerNo: {
		resource: 'order',
		operation: 'get',
		cardModel: 'standard',
		orderType: 'CardTopUp',
		lookUpBy: 'customerOrderNo',
		customerOrderNo: 'INV-1',
	},
	fundLogs: {
		resource: 'account',
		operation: 'getFundLogs',
		returnAll: false,
		limit: 10,
		filters: {},
	},
	cardFundLogs: {
		resource: 'account',
		operation: 'getCardFundLogs',
		returnAll: false,
		limit: 10,
		filters: {},
	},
	transactions: {
		resource: 'transaction',
		operation: 'getAll',
		transactionDateFrom: '2025-01-01',
		transactionDateTo: '2025-01-31T23:59:59',
		returnAll: false,
		limit: 10,
		filters: {},
	},
	products: { resource: 'product', operation: 'getAll', returnAll: false, limit: 5 },
} satisfies Record<string, INodeParameters>;

interface BadInput {
	/** What the user did wrong. */
	mistake: string;
	parameters: INodeParameters;
	/** The item the node receives (its JSON), for values that come from upstream. */
	input?: IDataObject;
	/** The field's display name, as the editor shows it. */
	field: string;
	/** The whole message the user sees. */
	message: string;
}

const LONG_33 = 'INV-2025-0000000000000000000000042';
const ALIAS_65 = 'A'.repeat(65);

const CASES: BadInput[] = [
	// Missing, blank and wrongly typed IDs
	{
		mistake: 'Card → Get: Card ID is only spaces',
		parameters: { ...BASE.cardGet, cardId: '   ' },
		field: 'Card ID',
		message: 'Card ID is required',
	},
	{
		mistake: 'Card → Get: Card ID mapped to an object from upstream JSON',
		parameters: { ...BASE.cardGet, cardId: '={{ $json.card }}' },
		input: { card: { id: CARD } },
		field: 'Card ID',
		message: `Card ID must be text, got {"id":"${CARD}"}`,
	},
	{
		mistake: 'Card → Top Up: Card ID mapped to an upstream field that is empty',
		parameters: { ...BASE.topUp, cardId: '={{ $json.cardId }}' },
		input: { cardId: '' },
		field: 'Card ID',
		message: 'Card ID is required',
	},
	{
		mistake: 'Card → Top Up: Card ID mapped to an upstream field that does not exist',
		parameters: { ...BASE.topUp, cardId: '={{ $json.cardId }}' },
		input: { id: CARD },
		field: 'Card ID',
		message: 'Card ID is required',
	},
	{
		mistake: 'Card → Top Up: Card ID mapped to an array of IDs from upstream JSON',
		parameters: { ...BASE.topUp, cardId: '={{ $json.cards }}' },
		input: { cards: [CARD, 'CARD234567'] },
		field: 'Card ID',
		message: `Card ID must be text, got ["${CARD}","CARD234567"]`,
	},
	{
		mistake: 'Card → Block: Card ID from upstream is tabs and line breaks',
		parameters: { ...BASE.block, cardId: '={{ $json.cardId }}' },
		input: { cardId: '\t \n' },
		field: 'Card ID',
		message: 'Card ID is required',
	},
	{
		mistake: 'Card → Unblock: Card ID mapped to a boolean from upstream JSON',
		parameters: { ...BASE.unblock, cardId: '={{ $json.active }}' },
		input: { active: true },
		field: 'Card ID',
		message: 'Card ID must be text, got true',
	},
	{
		mistake: 'Card → Cancel: Card ID mapped to an upstream field that is null',
		parameters: { ...BASE.cancel, cardId: '={{ $json.cardId }}' },
		input: { cardId: null },
		field: 'Card ID',
		message: 'Card ID is required',
	},
	{
		mistake: 'Card → Withdraw Balance: Card ID is only spaces',
		parameters: { ...BASE.withdraw, cardId: '  ' },
		field: 'Card ID',
		message: 'Card ID is required',
	},
	{
		mistake:
			'Card → Update Limits: Card ID expression misspells the upstream field ($json.card_id)',
		parameters: { ...BASE.updateLimits, cardId: '={{ $json.card_id }}' },
		input: { cardId: SHARE_CARD },
		field: 'Card ID',
		message: 'Card ID is required',
	},
	{
		mistake: 'Order → Get: Order No mapped to an upstream field that is empty',
		parameters: { ...BASE.orderGet, orderNo: '={{ $json.orderNo }}' },
		input: { orderNo: '' },
		field: 'Order No',
		message: 'Order No is required',
	},
	{
		mistake: 'Order → Get: Order No is only spaces',
		parameters: { ...BASE.orderGet, orderNo: '   ' },
		field: 'Order No',
		message: 'Order No is required',
	},
	{
		mistake:
			'Order → Get: looking up by Customer Order No mapped to an upstream field that is only spaces',
		parameters: { ...BASE.orderGetByCustomerNo, customerOrderNo: '={{ $json.ref }}' },
		input: { ref: '  ' },
		field: 'Customer Order No',
		message: 'Customer Order No is required',
	},
	{
		mistake: 'Order → Get: Customer Order No mapped to an object from upstream JSON',
		parameters: { ...BASE.orderGetByCustomerNo, customerOrderNo: '={{ $json.order }}' },
		input: { order: { no: 'INV-1' } },
		field: 'Customer Order No',
		message: 'Customer Order No must be text, got {"no":"INV-1"}',
	},

	// Amounts
	{
		mistake: 'Card → Top Up: Top Up Amount is negative',
		parameters: { ...BASE.topUp, topUpAmount: -5 },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be at least 1, got -5',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount is zero',
		parameters: { ...BASE.topUp, topUpAmount: 0 },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be at least 1, got 0',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount 0.5 is below the minimum of 1',
		parameters: { ...BASE.topUp, topUpAmount: 0.5 },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be at least 1, got 0.5',
	},
	{
		mistake: "Card → Top Up: Top Up Amount is an expression giving text ({{ 'abc' }})",
		parameters: { ...BASE.topUp, topUpAmount: "={{ 'abc' }}" },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be a number, got "abc"',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount has three decimals (1.234)',
		parameters: { ...BASE.topUp, topUpAmount: 1.234 },
		field: 'Top Up Amount',
		message: 'Top Up Amount has more than 2 decimals: 1.234',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount is huge (1e12, e.g. a wrong column or cents)',
		parameters: { ...BASE.topUp, topUpAmount: 1e12 },
		field: 'Top Up Amount',
		message: 'Top Up Amount is too large: 1000000000000',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount is Infinity',
		parameters: { ...BASE.topUp, topUpAmount: '={{ Infinity }}' },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be a number, got Infinity',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount is NaN (a failed calculation upstream)',
		parameters: { ...BASE.topUp, topUpAmount: '={{ $json.amount * 1 }}' },
		input: { amount: 'twenty' },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be a number, got NaN',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount mapped to a boolean from upstream JSON',
		parameters: { ...BASE.topUp, topUpAmount: '={{ $json.amount }}' },
		input: { amount: true },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be a number, got true',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount mapped to an object from upstream JSON',
		parameters: { ...BASE.topUp, topUpAmount: '={{ $json.amount }}' },
		input: { amount: { value: 20, currency: 'USD' } },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be a number, got {"value":20,"currency":"USD"}',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount mapped to an array from upstream JSON',
		parameters: { ...BASE.topUp, topUpAmount: '={{ $json.amounts }}' },
		input: { amounts: [20] },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be a number, got [20]',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount from upstream is an empty string',
		parameters: { ...BASE.topUp, topUpAmount: '={{ $json.amount }}' },
		input: { amount: '' },
		field: 'Top Up Amount',
		message: 'Top Up Amount is required',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount from upstream uses a decimal comma ("25,50")',
		parameters: { ...BASE.topUp, topUpAmount: '={{ $json.amount }}' },
		input: { amount: '25,50' },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be a number, got "25,50"',
	},
	{
		mistake: 'Card → Top Up: Top Up Amount from upstream is hexadecimal text ("0x10")',
		parameters: { ...BASE.topUp, topUpAmount: '={{ $json.amount }}' },
		input: { amount: '0x10' },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be a number, got "0x10"',
	},
	{
		mistake: 'Card → Create (Standard): Top Up Amount is negative',
		parameters: { ...BASE.createStandard, topUpAmount: -100 },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be more than 0, got -100',
	},
	{
		mistake: "Card → Create (Standard): Top Up Amount is an expression giving text ({{ 'abc' }})",
		parameters: { ...BASE.createStandard, topUpAmount: "={{ 'abc' }}" },
		field: 'Top Up Amount',
		message: 'Top Up Amount must be a number, got "abc"',
	},
	{
		mistake: 'Card → Withdraw Balance: Withdraw Amount is zero',
		parameters: { ...BASE.withdraw, withdrawAmount: 0 },
		field: 'Withdraw Amount',
		message: 'Withdraw Amount must be more than 0, got 0',
	},
	{
		mistake: 'Card → Withdraw Balance: Withdraw Amount mapped to the text "all" from upstream',
		parameters: { ...BASE.withdraw, withdrawAmount: '={{ $json.amount }}' },
		input: { amount: 'all' },
		field: 'Withdraw Amount',
		message: 'Withdraw Amount must be a number, got "all"',
	},
	{
		mistake: 'Card → Withdraw Balance: Withdraw Amount has three decimals (10.005)',
		parameters: { ...BASE.withdraw, withdrawAmount: 10.005 },
		field: 'Withdraw Amount',
		message: 'Withdraw Amount has more than 2 decimals: 10.005',
	},
	{
		mistake: 'Card → Create (Share Balance): Max Amount per Payment is negative',
		parameters: { ...BASE.createShare, maxAuthAmount: -1 },
		field: 'Max Amount per Payment',
		message: 'Max Amount per Payment must be more than 0, got -1',
	},
	{
		mistake: 'Card → Create (Share Balance): Max Total Amount is the text "unlimited"',
		parameters: { ...BASE.createShare, maxCreditAmount: "={{ 'unlimited' }}" },
		field: 'Max Total Amount',
		message: 'Max Total Amount must be a number, got "unlimited"',
	},
	{
		mistake: 'Card → Update Limits: Max Amount per Payment is huge (1e12)',
		parameters: { ...BASE.updateLimits, maxAuthAmount: 1e12 },
		field: 'Max Amount per Payment',
		message: 'Max Amount per Payment is too large: 1000000000000',
	},
	{
		mistake: 'Card → Update Limits: Max Total Amount is an expression that gives an empty string',
		parameters: { ...BASE.updateLimits, maxCreditAmount: '={{ "" }}' },
		field: 'Max Total Amount',
		message: 'Max Total Amount is required',
	},
	{
		mistake: 'Card → Update Limits: Max Total Amount is -Infinity',
		parameters: { ...BASE.updateLimits, maxCreditAmount: '={{ -Infinity }}' },
		field: 'Max Total Amount',
		message: 'Max Total Amount must be a number, got -Infinity',
	},

	// Dates
	{
		mistake: 'Account → Get Many Fund Logs: From is "not a date"',
		parameters: { ...BASE.fundLogs, filters: { transactionDateFrom: 'not a date' } },
		field: 'From',
		message: 'From is not a date: "not a date"',
	},
	{
		mistake: 'Account → Get Many Fund Logs: To is 30 February (2025-02-30)',
		parameters: { ...BASE.fundLogs, filters: { transactionDateTo: '2025-02-30' } },
		field: 'To',
		message: 'To is not a date: "2025-02-30"',
	},
	{
		mistake: 'Account → Get Many Card Fund Logs: From is month 13 (2025-13-01)',
		parameters: { ...BASE.cardFundLogs, filters: { transactionDateFrom: '2025-13-01' } },
		field: 'From',
		message: 'From is not a date: "2025-13-01"',
	},
	{
		mistake: 'Account → Get Many Fund Logs: From is after To',
		parameters: {
			...BASE.fundLogs,
			filters: { transactionDateFrom: '2025-03-01', transactionDateTo: '2025-02-01' },
		},
		field: 'From',
		message: 'From is after To',
	},
	{
		mistake: 'Account → Get Many Card Fund Logs: From is after To (minutes apart)',
		parameters: {
			...BASE.cardFundLogs,
			filters: {
				transactionDateFrom: '2025-02-01T10:30:00',
				transactionDateTo: '2025-02-01T10:29:00',
			},
		},
		field: 'From',
		message: 'From is after To',
	},
	{
		mistake: 'Transaction → Get Many: From is after To',
		parameters: {
			...BASE.transactions,
			transactionDateFrom: '2025-02-01',
			transactionDateTo: '2025-01-01',
		},
		field: 'From',
		message: 'From is after To',
	},
	{
		mistake: 'Transaction → Get Many: From mapped to an upstream field that is empty',
		parameters: { ...BASE.transactions, transactionDateFrom: '={{ $json.from }}' },
		input: { from: '' },
		field: 'From',
		message: 'From is required',
	},
	{
		mistake: 'Transaction → Get Many: To is 30 February with a time zone (2025-02-30T10:00:00Z)',
		parameters: { ...BASE.transactions, transactionDateTo: '2025-02-30T10:00:00Z' },
		field: 'To',
		message: 'To is not a date: "2025-02-30T10:00:00Z"',
	},
	{
		mistake: 'Transaction → Get Many: To is hour 24 (2025-01-31T24:30)',
		parameters: { ...BASE.transactions, transactionDateTo: '2025-01-31T24:30' },
		field: 'To',
		message: 'To is not a date: "2025-01-31T24:30"',
	},
	{
		mistake: 'Transaction → Get Many: From mapped to an object from upstream JSON',
		parameters: { ...BASE.transactions, transactionDateFrom: '={{ $json.range }}' },
		input: { range: { start: '2025-01-01' } },
		field: 'From',
		message: 'From is not a date: {"start":"2025-01-01"}',
	},

	// Values chosen from a list, set by an expression
	{
		mistake: "Card → Create: Card Model set by expression to 'gold'",
		// n8n shows (and requires) every model's amounts when Card Model is an expression.
		parameters: {
			...BASE.createStandard,
			...BASE.createShare,
			customerOrderNo: 'BAD-CREATE-GOLD',
			cardModel: "={{ 'gold' }}",
		},
		field: 'Card Model',
		message: 'Card Model must be one of standard, sharebalance, got "gold"',
	},
	{
		mistake: "Card → Block: Card Model mapped to the API's spelling 'Standard' from upstream",
		parameters: { ...BASE.block, cardModel: '={{ $json.cardModel }}' },
		input: { cardModel: 'Standard' },
		field: 'Card Model',
		message: 'Card Model must be one of fromCard, standard, sharebalance, got "Standard"',
	},
	{
		mistake: "Order → Get: Card Model set by expression to 'gold'",
		parameters: { ...BASE.orderGet, cardModel: "={{ 'gold' }}" },
		field: 'Card Model',
		message: 'Card Model must be one of any, standard, sharebalance, got "gold"',
	},
	{
		mistake: "Order → Get: Order Type is the POST answer's 'TopUpCard' instead of 'CardTopUp'",
		parameters: { ...BASE.orderGet, orderType: '={{ $json.orderType }}' },
		input: { orderType: 'TopUpCard' },
		field: 'Order Type',
		message:
			'Order Type must be one of any, ApplyCard, CardTopUp, CardWithdraw, CardBlock, CardUnblock, CardCancel, got "TopUpCard"',
	},
	{
		mistake:
			'Order → Get: Order Type CardTopUp for a Share Balance card (no such order type there)',
		parameters: { ...BASE.orderGet, cardModel: 'sharebalance', orderType: '={{ "CardTopUp" }}' },
		field: 'Order Type',
		message:
			'Order Type must be one of any, ApplyCard, CreditLimit, CardBlock, CardUnblock, CardCancel, got "CardTopUp"',
	},
	{
		mistake: "Order → Get: Look Up By set by expression to 'orderId'",
		parameters: { ...BASE.orderGet, lookUpBy: "={{ 'orderId' }}", customerOrderNo: 'INV-1' },
		field: 'Look Up By',
		message: 'Look Up By must be one of orderNo, customerOrderNo, got "orderId"',
	},
	{
		mistake: "Card → Create (Share Balance): Total Limit set by expression to 'none'",
		parameters: { ...BASE.createShare, totalLimit: "={{ 'none' }}" },
		field: 'Total Limit',
		message: 'Total Limit must be one of limited, unlimited, got "none"',
	},
	{
		mistake: 'Card → Update Limits: Total Limit set by expression to a boolean',
		parameters: { ...BASE.updateLimits, totalLimit: '={{ true }}' },
		field: 'Total Limit',
		message: 'Total Limit must be one of limited, unlimited, got true',
	},
	{
		mistake: "Transaction → Get Many: Status set by expression to 'Pending'",
		parameters: { ...BASE.transactions, filters: { transactionStatus: "={{ 'Pending' }}" } },
		field: 'Status',
		message: 'Status must be one of AuthSuccess, AuthFailure, Settled, got "Pending"',
	},

	// Limit
	{
		mistake: 'Product → Get Many: Limit is 0',
		parameters: { ...BASE.products, limit: 0 },
		field: 'Limit',
		message: 'Limit must be a whole number of at least 1, got 0',
	},
	{
		mistake: 'Account → Get Many Fund Logs: Limit is -1',
		parameters: { ...BASE.fundLogs, limit: -1 },
		field: 'Limit',
		message: 'Limit must be a whole number of at least 1, got -1',
	},
	{
		mistake: 'Account → Get Many Card Fund Logs: Limit is 2.5',
		parameters: { ...BASE.cardFundLogs, limit: 2.5 },
		field: 'Limit',
		message: 'Limit must be a whole number of at least 1, got 2.5',
	},
	{
		mistake: "Transaction → Get Many: Limit is an expression giving text ({{ 'ten' }})",
		parameters: { ...BASE.transactions, limit: "={{ 'ten' }}" },
		field: 'Limit',
		message: 'Limit must be a whole number of at least 1, got "ten"',
	},

	// Text fields
	{
		mistake: 'Card → Top Up: Customer Order No is 33 characters, over the limit of 32',
		parameters: { ...BASE.topUp, customerOrderNo: LONG_33 },
		field: 'Customer Order No',
		message: 'Customer Order No is longer than 32 characters',
	},
	{
		mistake: 'Card → Create: Customer Order No mapped to a 40-character ID from upstream',
		parameters: { ...BASE.createStandard, customerOrderNo: '={{ $json.invoice }}' },
		input: { invoice: 'inv_9f8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' },
		field: 'Customer Order No',
		message: 'Customer Order No is longer than 32 characters',
	},
	{
		mistake: 'Card → Block: Customer Order No mapped to an object from upstream JSON',
		parameters: { ...BASE.block, customerOrderNo: '={{ $json.invoice }}' },
		input: { invoice: { id: 42 } },
		field: 'Customer Order No',
		message: 'Customer Order No must be text, got {"id":42}',
	},
	{
		mistake: 'Card → Create: Card Alias is 65 characters, over the limit of 64',
		parameters: { ...BASE.createStandard, additionalFields: { cardAlias: ALIAS_65 } },
		field: 'Card Alias',
		message: 'Card Alias is longer than 64 characters',
	},
	{
		mistake: 'Card → Create: Product mapped to an upstream field that does not exist',
		parameters: { ...BASE.createStandard, productCode: '={{ $json.product }}' },
		input: { productCode: 'PROD001' },
		field: 'Product',
		message: 'Product is required',
	},
	{
		mistake: 'Card → Create (Share Balance): Product from upstream is only spaces',
		parameters: { ...BASE.createShare, productCode: '={{ $json.product }}' },
		input: { product: '   ' },
		field: 'Product',
		message: 'Product is required',
	},
	{
		mistake: 'Card → Create: Currency mapped to an object from upstream JSON',
		parameters: { ...BASE.createStandard, cardCurrency: '={{ $json.currency }}' },
		input: { currency: { code: 'USD' } },
		field: 'Currency',
		message: 'Currency must be text, got {"code":"USD"}',
	},
	{
		mistake:
			'Account → Get Many Card Fund Logs: Card ID filter mapped to an object from upstream JSON',
		parameters: { ...BASE.cardFundLogs, filters: { cardId: '={{ $json.card }}' } },
		input: { card: { cardId: CARD } },
		field: 'Card ID',
		message: `Card ID must be text, got {"cardId":"${CARD}"}`,
	},
	{
		mistake: 'Transaction → Get Many: Card ID filter longer than 64 characters',
		parameters: { ...BASE.transactions, filters: { cardId: 'C'.repeat(65) } },
		field: 'Card ID',
		message: 'Card ID is longer than 64 characters',
	},
];

let box: SimulatedCardepass;

beforeAll(async () => {
	box = await openSimulatedCardepass({ revision: '1.4' });
});

afterAll(async () => {
	await box.sim.close();
});

beforeEach(() => {
	box.sim.clearRequests();
});

describe('the valid requests the cases start from', () => {
	const fresh = useSimulatedCardepass({ revision: '1.4' });

	test.each(Object.entries(BASE))('%s is sent and succeeds as given', async (_name, parameters) => {
		const { error } = await fresh.engine.run(parameters);
		expect(error).toBeUndefined();
		expect(fresh.sim.apiRequests().length).toBeGreaterThan(0);
	});
});

describe('bad input is refused before any request is sent', () => {
	test('the table holds at least 35 cases', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(35);
	});

	test.each(CASES.map((c) => [c.mistake, c] as const))(
		'%s',
		async (_mistake, { parameters, input, field, message }) => {
			box.engine.clearToken();
			const { error, items } = await box.engine.run(parameters, [input ?? {}]);
			expect(error?.message).toBe(message);
			expect(error?.message).toContain(field);
			expect(error?.description).toEqual(expect.stringMatching(/\S/));
			expect(items).toEqual([]);
			expect(box.sim.apiRequests()).toEqual([]);
			expect(box.sim.tokenRequests()).toBe(0);
		},
	);
});

describe('a required field left empty in the editor', () => {
	test.each([
		['Card → Get: Card ID', { ...BASE.cardGet, cardId: '' }],
		['Card → Top Up: Card ID', { ...BASE.topUp, cardId: '' }],
		['Order → Get: Order No', { ...BASE.orderGet, orderNo: '' }],
		['Card → Create: Product', { ...BASE.createStandard, productCode: '' }],
		['Transaction → Get Many: From', { ...BASE.transactions, transactionDateFrom: '' }],
	])(
		'%s left empty: n8n itself refuses to run the workflow and nothing is sent',
		async (_field, parameters) => {
			await expect(box.engine.run(parameters)).rejects.toThrow(/workflow has issues/);
			expect(box.sim.requests).toEqual([]);
		},
	);
});

describe('with Continue On Fail a bad item does not stop the good ones', () => {
	test('a Top Up item whose amount is text gets an error naming Top Up Amount; the next item is topped up', async () => {
		const before = box.sim.getCard(CARD)!.balanceAmount;
		const { error, items } = await box.engine.run(
			{ ...BASE.topUp, topUpAmount: '={{ $json.amount }}', customerOrderNo: '={{ $json.ref }}' },
			[
				{ ref: 'COF-BAD-1', amount: 'twenty' },
				{ ref: 'COF-GOOD-1', amount: 20 },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0]).toEqual({
			error: expect.objectContaining({
				message: 'Top Up Amount must be a number, got "twenty"',
				description: expect.any(String),
			}),
		});
		expect(items[1]).toMatchObject({ customerOrderNo: 'COF-GOOD-1', status: 'Completed' });
		expect(
			box.sim
				.apiRequests({ method: 'POST' })
				.map((call: SeenRequest) => [call.path, (call.body as IDataObject).customerOrderNo]),
		).toEqual([['/v1/orders/standard/topup', 'COF-GOOD-1']]);
		expect(box.sim.getCard(CARD)!.balanceAmount).toBeCloseTo(before + 20, 2);
	});

	test('a Card → Get item whose Card ID is an object gets an error naming Card ID; the next item is read', async () => {
		const { error, items } = await box.engine.run(
			{ ...BASE.cardGet, cardId: '={{ $json.card }}' },
			[{ card: { id: CARD } }, { card: 'CARD234567' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ error: expect.objectContaining({ message: `Card ID must be text, got {"id":"${CARD}"}` }) },
			expect.objectContaining({ cardId: 'CARD234567', status: 'Active' }),
		]);
		expect(apiCalls(box.sim).map((call) => call.path)).toEqual(['/v1/cards/CARD234567']);
	});

	test('with the error output, the bad item goes there with its error and the good item to the main output', async () => {
		const { error, items, errorItems } = await box.engine.run(
			{
				...BASE.withdraw,
				withdrawAmount: '={{ $json.amount }}',
				customerOrderNo: '={{ $json.ref }}',
			},
			[
				{ ref: 'EO-GOOD-1', amount: 5 },
				{ ref: 'EO-BAD-1', amount: 5.555 },
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ customerOrderNo: 'EO-GOOD-1', amount: 5 })]);
		expect(errorItems).toEqual([
			{
				ref: 'EO-BAD-1',
				amount: 5.555,
				error: expect.objectContaining({
					message: 'Withdraw Amount has more than 2 decimals: 5.555',
				}),
			},
		]);
		expect(
			box.sim
				.apiRequests({ method: 'POST' })
				.map((call: SeenRequest) => (call.body as IDataObject).customerOrderNo),
		).toEqual(['EO-GOOD-1']);
	});
});
