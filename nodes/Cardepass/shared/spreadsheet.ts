import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { spreadsheetDateTime } from './calendar';
import { maskCardNumber } from './masking';

const RECORDS = 'records';
const SPREADSHEET = 'spreadsheet';

/** The Output dropdown of a list: Cardepass's records as they are (the default), or flat spreadsheet rows. */
export const outputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'Cardepass Records',
			value: RECORDS,
			description:
				'Each record as Cardepass sends it: field names of its API, card details nested, times in UTC',
		},
		{
			name: 'Spreadsheet Rows',
			value: SPREADSHEET,
			description:
				"One flat row per record for Convert to File or a sheet: readable column names, the card's ID and masked number as columns, times as 2026-12-02 14:05:00 in the workflow's time zone (named in the Time Zone column)",
		},
	],
	default: RECORDS,
	description: 'The shape of each output item',
};

/** One column of a spreadsheet row: its header and how its cell is read from a record. */
export interface Column {
	header: string;
	cell: (record: IDataObject) => unknown;
	/** A UTC time of the record: shown as a wall-clock time in the workflow's time zone. */
	time?: boolean;
}

const objectAt = (record: IDataObject, key: string): IDataObject | undefined => {
	const value = record[key];
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
};

/** A value of the record, or null (an empty cell) when it has none. */
export const field =
	(key: string) =>
	(record: IDataObject): unknown =>
		record[key] ?? null;

/** A value of a nested object of the record, e.g. cardInfo.cardId; null when either is missing. */
export const nested =
	(key: string, inner: string) =>
	(record: IDataObject): unknown =>
		objectAt(record, key)?.[inner] ?? null;

/** An amount, written as a number or as { amount, currency } depending on the list. */
export const amount =
	(key: string) =>
	(record: IDataObject): unknown => {
		const value = record[key];
		if (typeof value === 'number') return value;
		const inner = objectAt(record, key)?.amount;
		return typeof inner === 'number' ? inner : null;
	};

/** The currency of an amount written as { amount, currency }, or of the record itself. */
export const currency =
	(...keys: string[]) =>
	(record: IDataObject): unknown => {
		for (const key of keys) {
			const value = objectAt(record, key)?.currency ?? null;
			if (value !== null) return value;
		}
		return record.currency ?? null;
	};

/** The card's masked number as Cardepass wrote it; should a record ever carry a full number there, it is masked. */
export const maskedCardNumber = (record: IDataObject): unknown => {
	const card = objectAt(record, 'cardInfo');
	const number = card?.maskedCardNumber ?? card?.maskCardNumber ?? null;
	return /^\d{12,19}$/.test(String(number).replace(/\s+/g, '')) ? maskCardNumber(number) : number;
};

/** An ISO 8601 time with its offset (Cardepass writes UTC, "…Z"). */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function timeCell(value: unknown, timeZone: string): unknown {
	if (typeof value !== 'string' || !ZONED_TIME.test(value)) return value ?? null;
	const date = new Date(value);
	// A time without its offset, or one that cannot be read, goes out as Cardepass wrote it, not guessed.
	return Number.isNaN(date.getTime()) ? value : spreadsheetDateTime(date, timeZone);
}

/**
 * The list's transform: the records unchanged for Cardepass Records; for Spreadsheet Rows, one row per record
 * with exactly `columns` and a Time Zone column after the times, the same keys in every row.
 */
export function spreadsheetRows(columns: Column[]) {
	return function (this: IExecuteSingleFunctions, records: IDataObject[]): IDataObject[] {
		if (this.getNodeParameter('output', RECORDS) !== SPREADSHEET) return records;
		const timeZone = this.getTimezone();
		const lastTime = columns.map((column) => column.time === true).lastIndexOf(true);
		return records.map((record) => {
			const row: IDataObject = {};
			columns.forEach((column, index) => {
				const value = column.cell(record);
				row[column.header] = (
					column.time ? timeCell(value, timeZone) : value
				) as IDataObject[string];
				if (index === lastTime) row['Time Zone'] = timeZone;
			});
			return row;
		});
	};
}
