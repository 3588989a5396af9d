import type { Column } from '../../shared/spreadsheet';
import { amount, currency, field, maskedCardNumber, nested } from '../../shared/spreadsheet';

/** Transaction → Get Many as Spreadsheet Rows. */
export const TRANSACTION_COLUMNS: Column[] = [
	{ header: 'Authorised Time', cell: field('authTime'), time: true },
	{ header: 'Settled Time', cell: field('settleTime'), time: true },
	{ header: 'Type', cell: field('transactionType') },
	{ header: 'Status', cell: field('status') },
	{ header: 'Direction', cell: field('fundsDirection') },
	{ header: 'Amount', cell: amount('transAmount') },
	{ header: 'Authorised Amount', cell: amount('authAmount') },
	{ header: 'Settled Amount', cell: amount('settledAmount') },
	{ header: 'Currency', cell: currency('transAmount', 'authAmount') },
	{ header: 'Merchant', cell: field('merchantName') },
	{ header: 'Merchant Country', cell: field('merchantCountryCode') },
	{ header: 'Merchant City', cell: field('merchantCity') },
	{ header: 'Merchant Description', cell: field('merchantDesc') },
	{ header: 'Auth Code', cell: field('authCode') },
	{ header: 'Failure Reason', cell: field('failureReason') },
	{ header: 'Card ID', cell: nested('cardInfo', 'cardId') },
	{ header: 'Card Number (Masked)', cell: maskedCardNumber },
	{ header: 'Card Alias', cell: field('cardAlias') },
	{ header: 'Transaction ID', cell: field('id') },
];
