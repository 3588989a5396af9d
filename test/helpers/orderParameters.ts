import type { IDataObject } from 'n8n-workflow';

/** Card → Top Up of 10 on the simulator's standard USD card, with any parameter given in `extra` on top. */
export const topUpOfTen = (extra: IDataObject = {}) => ({
	resource: 'card',
	operation: 'topUp',
	cardId: 'CARD123456',
	topUpAmount: 10,
	...extra,
});

/** Card → Create of a Share Balance card in USD (max 100 per payment, total limit 1,000) under this number. */
export const shareBalanceCardCreate = (customerOrderNo: string) => ({
	resource: 'card',
	operation: 'create',
	cardModel: 'sharebalance',
	productCode: 'PROD001',
	cardCurrency: 'USD',
	maxAuthAmount: 100,
	totalLimit: 'limited',
	maxCreditAmount: 1000,
	customerOrderNo,
});
