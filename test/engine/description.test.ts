import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import endpoints from '../fixtures/endpoints.json';
import { RESOURCES } from '../../nodes/Cardepass/resources';
import { canvasSubtitle } from '../../nodes/Cardepass/shared/operation';
import { loadPackage } from '../helpers/engine';
import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

interface Route {
	resource: string;
	operation: string;
	method: string;
	path: string;
}

const MODELS = ['standard', 'sharebalance'];

/** Every (method, path) the node's operations can send, read from the built description. */
async function routesOfBuiltNode(): Promise<Route[]> {
	const { nodeType } = await loadPackage();
	const routes: Route[] = [];
	for (const property of nodeType.description.properties) {
		if (property.name !== 'operation') continue;
		const resource = property.displayOptions?.show?.resource?.[0] as string;
		for (const option of property.options as INodePropertyOptions[]) {
			const request = option.routing?.request;
			if (!request?.url) continue;
			const url = String(request.url).replace(/^=/, '');
			const expanded = url.includes('$parameter.cardModel')
				? MODELS.map((m) => url.replace(/\{\{[^}]*cardModel[^}]*\}\}/, m))
				: [url];
			for (const path of expanded) {
				routes.push({
					resource,
					operation: String(option.value),
					method: String(request.method),
					path: path.replace(/\{\{[^}]*\}\}/g, '{param}'),
				});
			}
		}
	}
	return routes;
}

describe('the built node description', () => {
	test('every endpoint of both revisions (but the token) is reached by a resource/operation or the credential test', async () => {
		const routes = await routesOfBuiltNode();
		const { credentialType } = await loadPackage();
		const credentialTest = `${credentialType.test?.request.method} ${credentialType.test?.request.url}`;
		const missing = endpoints.endpoints
			.filter((endpoint) => endpoint.id !== 'token')
			.filter((endpoint) => {
				const path = endpoint.path.replace(/\{[^}]+\}/g, '{param}');
				const reached = routes.some(
					(route) => route.method === endpoint.method && route.path === path,
				);
				return !reached && `${endpoint.method} ${endpoint.path}` !== credentialTest;
			})
			.map((endpoint) => `${endpoint.method} ${endpoint.path}`);
		expect(missing).toEqual([]);
	});

	test("every operation's route is an endpoint of the list", async () => {
		const routes = await routesOfBuiltNode();
		const listed = new Set(
			endpoints.endpoints.map(
				(endpoint) => `${endpoint.method} ${endpoint.path.replace(/\{[^}]+\}/g, '{param}')}`,
			),
		);
		const unlisted = routes
			.filter((route) => !listed.has(`${route.method} ${route.path}`))
			.map((route) => `${route.resource} → ${route.operation}: ${route.method} ${route.path}`);
		expect(unlisted).toEqual([]);
	});

	test('every operation routes through the shared request path (send.paginate)', async () => {
		const { nodeType } = await loadPackage();
		expect(typeof nodeType.description.requestOperations?.pagination).toBe('function');
		const operations = nodeType.description.properties.filter((p) => p.name === 'operation');
		const options = operations.flatMap((p) => p.options as INodePropertyOptions[]);
		expect(options.length).toBeGreaterThanOrEqual(14);
		for (const option of options) expect(option.routing?.send?.paginate).toBe(true);
	});

	test('follows n8n naming: Title Case names, sentence-case actions, e.g. placeholders, Get Many with Return All and Limit', async () => {
		const { nodeType } = await loadPackage();
		const { properties } = nodeType.description;
		const operations = properties.filter((p) => p.name === 'operation');
		for (const property of operations) {
			for (const option of property.options as INodePropertyOptions[]) {
				expect(option.name).toMatch(/^([A-Z][a-z]*)( [A-Z][a-z]*)*$/);
				expect(option.action).toMatch(/^[A-Z][a-z]+( [a-z0-9-]+)*$/);
				if (option.name.startsWith('Get Many')) {
					const resource = property.displayOptions?.show?.resource;
					const shown = (name: string) =>
						properties.some(
							(p) =>
								p.name === name &&
								p.displayOptions?.show?.operation?.includes(option.value) &&
								p.displayOptions?.show?.resource?.includes(resource?.[0]),
						);
					expect([option.name, shown('returnAll'), shown('limit')]).toEqual([
						option.name,
						true,
						true,
					]);
				}
			}
		}
		const all = (list: INodeProperties[]): INodeProperties[] =>
			list.flatMap((p) => [
				p,
				...all((p.options ?? []).filter((o): o is INodeProperties => 'type' in o)),
			]);
		for (const property of all(properties)) {
			if (property.placeholder && !/^Add /.test(property.placeholder))
				expect(property.placeholder).toMatch(/^e\.g\. /);
			expect(property.displayName).toMatch(/^[A-Z]/);
		}
	});

	test("the node search's one Cardepass entry shows the trigger's description: it names the actions too", async () => {
		const { nodeType } = await loadPackage();
		const { CardepassTrigger } = await import(
			'../../dist/nodes/CardepassTrigger/CardepassTrigger.node'
		);
		const trigger = new CardepassTrigger().description;
		// n8n merges a node and its "…Trigger" into one entry and gives it the trigger's description.
		expect(trigger.name).toBe(`${nodeType.description.name}Trigger`);
		expect(nodeType.description.description).toMatch(
			/^Issue, top up, freeze and cancel Cardepass virtual cards/,
		);
		expect(trigger.description).toMatch(
			/^Issue, top up, freeze and cancel Cardepass virtual cards, read balances and fund logs, and start workflows on card payments$/,
		);
	});

	test('is usable as an AI tool and belongs to Finance & Accounting', async () => {
		const { nodeType } = await loadPackage();
		expect(nodeType.description.usableAsTool).toBe(true);
		const codex = (await import('../../dist/nodes/Cardepass/Cardepass.node.json')) as {
			categories: string[];
		};
		expect(codex.categories).toEqual(['Finance & Accounting']);
	});

	test('every order operation offers a Customer Order No, shown for it', async () => {
		const routes = await routesOfBuiltNode();
		const { nodeType } = await loadPackage();
		const orderOperations = [
			...new Set(routes.filter((r) => r.method === 'POST').map((r) => r.operation)),
		].sort();
		expect(orderOperations).toEqual([
			'block',
			'cancel',
			'create',
			'topUp',
			'unblock',
			'updateLimits',
			'withdraw',
		]);
		const fields = nodeType.description.properties.filter(
			(p) => p.name === 'customerOrderNo' && p.displayOptions?.show?.resource?.[0] === 'card',
		);
		const shownFor = fields
			.flatMap((field) => field.displayOptions?.show?.operation ?? [])
			.map(String)
			.sort();
		expect(shownFor).toEqual(orderOperations);
		for (const field of fields)
			expect([field.description, field.hint]).toEqual([
				expect.stringMatching(/only once per number/),
				expect.stringMatching(
					/^Left empty, the node generates a number: a Retry of a failed execution sends the same number and does not pay again, but running the workflow again \(a new execution\) pays again\./,
				),
			]);
	});

	test('the canvas subtitle shows display names, such as "Top Up: Card", for every operation', async () => {
		const { nodeType } = await loadPackage();
		expect(nodeType.description.subtitle).toBe(canvasSubtitle(RESOURCES));
		const subtitle = String(nodeType.description.subtitle);
		const names = JSON.parse(/\{\{ (\{.*\})\[/.exec(subtitle)![1]) as Record<string, string>;
		expect(names['card:topUp']).toBe('Top Up: Card');
		expect(names['account:getBalances']).toBe('Get Balances: Account');
		const operations = nodeType.description.properties.filter((p) => p.name === 'operation');
		const pairs = operations.flatMap((p) =>
			(p.options as INodePropertyOptions[]).map(
				(o) => `${String(p.displayOptions?.show?.resource?.[0])}:${String(o.value)}`,
			),
		);
		expect(Object.keys(names).sort()).toEqual(pairs.sort());
	});
});

/** A valid run of every action that takes input, and of the variants that show other fields. */
const VALID_RUNS: Record<string, Record<string, unknown>> = {
	'card/get': { resource: 'card', operation: 'get', cardId: 'CARD123456' },
	'card/topUp': { resource: 'card', operation: 'topUp', cardId: 'CARD123456', topUpAmount: '20' },
	'card/create (Standard)': {
		resource: 'card',
		operation: 'create',
		cardModel: 'standard',
		productCode: 'PROD001',
		cardCurrency: 'USD',
		topUpAmount: '100',
	},
	'card/create (Share Balance)': {
		resource: 'card',
		operation: 'create',
		cardModel: 'sharebalance',
		productCode: 'PROD001',
		cardCurrency: 'USD',
		maxAuthAmount: '250',
		totalLimit: 'limited',
		maxCreditAmount: '5000',
	},
	'card/withdraw (an amount)': {
		resource: 'card',
		operation: 'withdraw',
		cardId: 'CARD123456',
		withdrawAll: false,
		withdrawAmount: '5',
	},
	'card/updateLimits': {
		resource: 'card',
		operation: 'updateLimits',
		cardId: 'CARD789012',
		maxAuthAmount: '400',
		totalLimit: 'limited',
		maxCreditAmount: '9000',
	},
	'card/block': {
		resource: 'card',
		operation: 'block',
		cardModel: 'standard',
		cardId: 'CARD123456',
	},
	'order/get (Order No)': {
		resource: 'order',
		operation: 'get',
		cardModel: 'standard',
		lookUpBy: 'orderNo',
		orderNo: 'ORD00000001',
	},
	'order/get (Customer Order No)': {
		resource: 'order',
		operation: 'get',
		cardModel: 'standard',
		lookUpBy: 'customerOrderNo',
		customerOrderNo: 'INV-1',
	},
	'transaction/getAll': {
		resource: 'transaction',
		operation: 'getAll',
		transactionDateFrom: '2025-01-01',
		transactionDateTo: '2025-01-31T23:59:59',
	},
};

/** Whether the editor shows `property` for these parameters (its show conditions, as n8n reads them). */
function shownFor(property: INodeProperties, parameters: Record<string, unknown>): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(
		([name, values]) =>
			name.startsWith('@') || (values as unknown[]).includes(parameters[name] ?? undefined),
	);
}

describe.each(REVISIONS)('required fields against API v%s', (revision) => {
	const box = useSimulatedCardepass({ revision });

	test.each(Object.keys(VALID_RUNS))(
		'%s: every field the node refuses empty is marked required in the editor',
		async (action) => {
			const { nodeType } = await loadPackage();
			const valid = VALID_RUNS[action];
			const refusedEmpty: string[] = [];
			const typed = Object.keys(valid).filter(
				(n) => !['resource', 'operation'].includes(n) && typeof valid[n] === 'string',
			);
			for (const name of typed) {
				const message = await box.engine.run({ ...valid, [name]: '' } as never).then(
					(run) => run.error?.message ?? '',
					(error: Error) => error.message,
				);
				// n8n refuses to start a workflow whose required field is empty; the node's own check comes later.
				if (/workflow has issues/.test(message)) {
					refusedEmpty.push(`${name}: marked required`);
					continue;
				}
				const refused = /^(.+) is required$/.exec(message);
				if (!refused) continue;
				const property = nodeType.description.properties.find(
					(p) => p.name === name && shownFor(p, valid),
				);
				refusedEmpty.push(
					`${name}: refused as "${message}", required ${String(property?.required)}`,
				);
			}
			expect(refusedEmpty.length).toBeGreaterThan(0);
			expect(refusedEmpty.filter((entry) => !entry.endsWith('marked required'))).toEqual([]);
		},
	);
});
