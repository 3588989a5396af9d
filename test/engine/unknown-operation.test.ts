/**
 * The request path refuses an operation its resource does not list, so a half-added operation fails its
 * first run instead of sending a request without its input checks.
 */
import type { DeclarativeRestApiSettings, IExecutePaginationFunctions, INode } from 'n8n-workflow';

import { OPERATION_REGISTRY } from '../../nodes/Cardepass/resources';
import { createCardepassRequest } from '../../nodes/Cardepass/shared/request';

const node = {
	id: 'n1',
	name: 'Cardepass',
	type: 'n8n-nodes-cardepass.cardepass',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;

/** What n8n hands the pagination function for one item, reduced to what the path reads before sending. */
function itemContext(resource: string, operation: string, sent: string[]) {
	return {
		getItemIndex: () => 0,
		getNode: () => node,
		getNodeParameter: (name: string) => ({ resource, operation })[name as 'resource' | 'operation'],
		continueOnFail: () => false,
		makeRoutingRequest: async () => {
			sent.push(`${resource}.${operation}`);
			return [];
		},
	} as unknown as IExecutePaginationFunctions;
}

const requestData = {
	options: { method: 'GET', url: '/v1/cards/CARD1' },
} as unknown as DeclarativeRestApiSettings.ResultOptions;

/** A request path whose registry knows one operation only: Card → Get. */
const send = createCardepassRequest({ card: { get: OPERATION_REGISTRY.card.get } });

test('an operation missing from its resource index is refused, named, and nothing is sent', async () => {
	const sent: string[] = [];
	await expect(
		send.call(itemContext('card', 'getLimits', sent), requestData),
	).rejects.toMatchObject({
		message: 'The operation "getLimits" of resource "card" has no definition in this node',
		description: expect.stringContaining(
			"Its file under resources/ must be listed in the resource's index.ts.",
		),
	});
	expect(sent).toEqual([]);
});

test('a resource missing from the registry is refused the same way, and nothing is sent', async () => {
	const sent: string[] = [];
	await expect(send.call(itemContext('limit', 'get', sent), requestData)).rejects.toMatchObject({
		message: 'The operation "get" of resource "limit" has no definition in this node',
	});
	expect(sent).toEqual([]);
});

test('every operation in the Operation dropdowns has its definition in the registry', async () => {
	const { RESOURCES } = await import('../../nodes/Cardepass/resources');
	for (const resource of RESOURCES) {
		for (const option of resource.operationProperty.options as Array<{ value: string }>) {
			expect([
				resource.value,
				option.value,
				OPERATION_REGISTRY[resource.value]?.[option.value] !== undefined,
			]).toEqual([resource.value, option.value, true]);
		}
	}
});
