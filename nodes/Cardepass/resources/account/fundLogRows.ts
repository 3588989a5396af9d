import type { Column } from '../../shared/spreadsheet';
import { amount, currency, field, maskedCardNumber, nested } from '../../shared/spreadsheet';

/** Account → Get Many Fund Logs as Spreadsheet Rows. */
export const ACCOUNT_FUND_LOG_COLUMNS: Column[] = [
	{ header: 'Time', cell: field('transTime'), time: true },
	{ header: 'Type', cell: field('accountTransType') },
	{ header: 'Direction', cell: field('fundsDirection') },
	{ header: 'Amount', cell: amount('transAmount') },
	{ header: 'Currency', cell: currency() },
	{ header: 'Available Balance', cell: amount('availableBalance') },
	{ header: 'Blocked Balance', cell: amount('blockedBalance') },
	{ header: 'Order No', cell: field('orderNo') },
	{ header: 'Card ID', cell: nested('cardInfo', 'cardId') },
	{ header: 'Card Number (Masked)', cell: maskedCardNumber },
	{ header: 'Note', cell: field('note') },
	{ header: 'Fund Log ID', cell: field('id') },
];

/** Account → Get Many Card Fund Logs as Spreadsheet Rows. */
export const CARD_FUND_LOG_COLUMNS: Column[] = [
	{ header: 'Time', cell: field('transTime'), time: true },
	{ header: 'Completed Time', cell: field('completedTime'), time: true },
	{ header: 'Type', cell: field('cardAccountLogType') },
	{ header: 'Direction', cell: field('fundsDirection') },
	{ header: 'Amount', cell: amount('transAmount') },
	{ header: 'Fee', cell: amount('totalFee') },
	{ header: 'Total Amount', cell: amount('totalAmount') },
	{ header: 'Currency', cell: currency('transAmount', 'totalAmount') },
	{ header: 'Status', cell: field('status') },
	{ header: 'Failure Reason', cell: field('failureReason') },
	{ header: 'Order No', cell: field('cardOrderNo') },
	{ header: 'Card ID', cell: nested('cardInfo', 'cardId') },
	{ header: 'Card Number (Masked)', cell: maskedCardNumber },
	{ header: 'Note', cell: field('note') },
	{ header: 'Fund Log ID', cell: field('accountLogId') },
];
