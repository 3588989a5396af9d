import type { IDataObject } from 'n8n-workflow';

import { CardepassApiFailure } from './envelope';

/** The most records the provider returns in one page. */
export const MAX_PAGE_SIZE = 100;
/** A bound no real export reaches (10 million records); it only stops a server that never says "last page". */
const MAX_PAGES = 100_000;

type SendPage = (qs: IDataObject) => Promise<unknown>;

/**
 * Query names that both API revisions understand. The provider matches names without regard to case, so
 * `PageSize` also serves v1.4's `pageSize`; each revision ignores the other's page-number names.
 */
export type PageQuery = (pageNumber: number, pageSize: number) => IDataObject;

export const pageNumberQuery: PageQuery = (pageNumber, pageSize) => ({
	PageNumber: pageNumber,
	pageIndex: pageNumber,
	PageSize: pageSize,
});

export const limitOffsetQuery: PageQuery = (pageNumber, pageSize) => ({
	Limit: pageSize,
	Offset: (pageNumber - 1) * pageSize,
	pageIndex: pageNumber,
	pageSize,
});

interface PageAnswer {
	records: IDataObject[];
	total?: number;
}

/** Reads a page in either revision's shape: v1.0 `{data, totalRecords}`, v1.4 `{items, totalCount}`. */
function readPage(data: unknown): PageAnswer {
	if (Array.isArray(data)) return { records: data as IDataObject[] };
	const page = (data ?? {}) as IDataObject;
	const records = (
		Array.isArray(page.data) ? page.data : Array.isArray(page.items) ? page.items : []
	) as IDataObject[];
	const total = page.totalRecords ?? page.totalCount;
	return { records, total: typeof total === 'number' ? total : undefined };
}

/**
 * Walks numbered pages until the reported total (or, where the server reports none, an empty or short
 * page), and stops early once `limit` records are in hand (only the pages needed are fetched). A page
 * shorter than asked does not end the list while the total says more records exist.
 */
export async function collectPages(
	sendPage: SendPage,
	pageQuery: PageQuery,
	limit?: number,
): Promise<IDataObject[]> {
	const pageSize =
		limit === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
	const collected: IDataObject[] = [];
	let previousFirst: string | undefined;
	for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
		const { records, total } = readPage(await sendPage(pageQuery(pageNumber, pageSize)));
		if (records.length === 0) {
			if (total !== undefined && collected.length < total) {
				throw new CardepassApiFailure(
					`Cardepass stopped sending records after ${collected.length} of the ${total} it reported`,
					{
						errorCode: 'PAGINATION_INCOMPLETE',
						errorMessage: `Page ${pageNumber} came back empty, so the list is incomplete. Run the node again; if it keeps stopping, narrow the date range.`,
					},
				);
			}
			break;
		}
		const first = JSON.stringify(records[0]);
		if (first === previousFirst) {
			throw new CardepassApiFailure(
				`Cardepass returned page ${pageNumber - 1} again when asked for page ${pageNumber}`,
				{
					errorCode: 'PAGINATION_STALLED',
					errorMessage:
						'The server ignored the page number, so the list cannot be read to the end.',
				},
			);
		}
		previousFirst = first;
		collected.push(...records);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
		if (total !== undefined) {
			if (collected.length >= total) break;
			// A short page while the total says more: the server pages by a smaller size than asked; go on.
			continue;
		}
		if (records.length < pageSize) break;
	}
	return collected;
}

/** The cursor the provider sends on the last page. */
const LAST_PAGE_CURSOR = 'None';

/** Walks a cursor-paged list (v1.4 transactions) until the cursor says "None" or a page is empty. */
export async function collectCursorPages(
	sendPage: SendPage,
	limit?: number,
): Promise<IDataObject[]> {
	const pageSize =
		limit === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
	const collected: IDataObject[] = [];
	let cursor: string | undefined;
	const seen = new Set<string>();
	for (let page = 1; page <= MAX_PAGES; page++) {
		const qs: IDataObject = { pageSize };
		if (cursor) qs.pageCursor = cursor;
		const data = ((await sendPage(qs)) ?? {}) as IDataObject;
		const records = (
			Array.isArray(data.data) ? data.data : Array.isArray(data.items) ? data.items : []
		) as IDataObject[];
		collected.push(...records);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
		const next = typeof data.pageCursor === 'string' ? data.pageCursor : undefined;
		if (records.length === 0 || !next || next === LAST_PAGE_CURSOR) break;
		if (seen.has(next)) {
			throw new CardepassApiFailure('Cardepass sent the same page cursor twice', {
				errorCode: 'PAGINATION_STALLED',
				errorMessage: 'The list cannot be read to the end.',
			});
		}
		seen.add(next);
		cursor = next;
	}
	return collected;
}
