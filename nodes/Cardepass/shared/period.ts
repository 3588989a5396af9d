import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { startOfDay } from './calendar';
import type { InputCheck } from './types';

/** Whole days before today, per Period; Custom Range reads From and To. */
const DAYS_BEFORE_TODAY: Record<string, number> = { yesterday: 1, last7Days: 7, last30Days: 30 };
const CUSTOM = 'custom';

/** The Period dropdown of a list read by date: a few ranges of whole days, or the user's own From and To. */
export function periodProperty(what: string): INodeProperties {
	return {
		displayName: 'Period',
		name: 'period',
		type: 'options',
		options: [
			{ name: 'Custom Range', value: CUSTOM, description: 'The From and To you set' },
			{ name: 'Last 30 Days', value: 'last30Days', description: 'The 30 whole days before today' },
			{ name: 'Last 7 Days', value: 'last7Days', description: 'The 7 whole days before today' },
			{ name: 'Yesterday', value: 'yesterday', description: 'From midnight to midnight' },
		],
		default: CUSTOM,
		description: `Which ${what} to read. Days run from midnight to midnight in the workflow's time zone (Workflow settings → Timezone); today is never included.`,
	};
}

/** Show a From or To field only for Custom Range (`root` for a field inside a collection). */
export function onlyForCustomRange(root: boolean): INodeProperties['displayOptions'] {
	return { show: { [root ? '/period' : 'period']: [CUSTOM] } };
}

/**
 * Sends the chosen Period as From and To (`keys`, in ISO 8601 UTC), or leaves Custom Range to `customRange`.
 * The days are the workflow time zone's; To is the last millisecond before today's midnight.
 */
export function periodCheck(
	keys: { from: string; to: string },
	customRange: InputCheck,
): InputCheck {
	return function (this: IExecuteSingleFunctions, request) {
		const period = this.getNodeParameter('period', CUSTOM) as unknown;
		if (period === CUSTOM) return customRange.call(this, request);
		const days = typeof period === 'string' ? DAYS_BEFORE_TODAY[period] : undefined;
		if (days === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`Period must be one of ${[CUSTOM, ...Object.keys(DAYS_BEFORE_TODAY)].join(', ')}, got ${JSON.stringify(period)}`,
				{ itemIndex: this.getItemIndex(), description: 'Pick Period from the list.' },
			);
		}
		const timeZone = this.getTimezone();
		const now = Date.now();
		const from = startOfDay(now, timeZone, -days);
		const to = new Date(startOfDay(now, timeZone, 0).getTime() - 1);
		request.qs = {
			...((request.qs as IDataObject | undefined) ?? {}),
			[keys.from]: from.toISOString(),
			[keys.to]: to.toISOString(),
		};
	};
}
