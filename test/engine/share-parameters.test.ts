import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RESOURCES } from '../../dist/nodes/Cardepass/resources';
import { shareParameters } from '../../dist/nodes/Cardepass/shared/shareParameters';
import { loadPackage } from '../helpers/engine';

/** The fields an operation shows, in the editor's order, as their definitions without the operation condition. */
function fieldsOf(properties: INodeProperties[], resource: string, operation: string): string[] {
	return properties
		.filter(
			(property) =>
				property.name !== 'resource' &&
				property.name !== 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource) &&
				property.displayOptions?.show?.operation?.includes(operation),
		)
		.map((property) => {
			const { resource: _r, operation: _o, ...rest } = property.displayOptions!.show!;
			return JSON.stringify({
				...property,
				displayOptions: { ...property.displayOptions, show: rest },
			});
		});
}

const pairs = RESOURCES.flatMap((resource) =>
	(resource.operationProperty.options as INodePropertyOptions[]).map((option) => ({
		resource: resource.value,
		operation: String(option.value),
	})),
);

const field = (name: string, resource: string, operation: string): INodeProperties => ({
	displayName: name,
	name,
	type: 'string',
	default: '',
	displayOptions: { show: { resource: [resource], operation: [operation] } },
});

describe('parameters that operations share are listed once', () => {
	test.each(pairs)(
		'$resource → $operation shows the same fields in the same order as its own file lists them',
		async ({ resource, operation }) => {
			const { nodeType } = await loadPackage();
			const own = RESOURCES.flatMap((r) => r.properties);
			const listed = fieldsOf(nodeType.description.properties, resource, operation);
			expect(listed).toEqual(fieldsOf(own, resource, operation));
			expect(listed.length).toBeGreaterThan(0);
		},
	);

	test('the description lists Customer Order No, Card ID and Simplify once for all card operations', async () => {
		const { nodeType } = await loadPackage();
		const named = (name: string) =>
			nodeType.description.properties.filter(
				(property) =>
					property.name === name && property.displayOptions?.show?.resource?.includes('card'),
			);
		expect(named('customerOrderNo')).toHaveLength(1);
		expect(named('cardId')).toHaveLength(1);
		expect(named('simplify')).toHaveLength(1);
	});

	test('a field shared by "get" of one resource is not shown by "get" of another resource that lacks it', () => {
		const shared = shareParameters(
			[field('id', 'card', 'get'), field('id', 'order', 'list'), field('id', 'order', 'get')],
			[
				{ resource: 'card', operation: 'get' },
				{ resource: 'order', operation: 'get' },
				{ resource: 'order', operation: 'list' },
				{ resource: 'user', operation: 'get' },
			],
		);
		expect(shared.map((property) => property.displayOptions?.show)).toEqual([
			{ resource: ['card', 'order'], operation: ['get', 'list'] },
		]);
		const leaky = shareParameters(
			[field('id', 'card', 'get'), field('id', 'order', 'list')],
			[
				{ resource: 'card', operation: 'get' },
				{ resource: 'card', operation: 'list' },
				{ resource: 'order', operation: 'list' },
			],
		);
		expect(leaky.map((property) => property.displayOptions?.show)).toEqual([
			{ resource: ['card'], operation: ['get'] },
			{ resource: ['order'], operation: ['list'] },
		]);
	});

	test('two operations that order shared fields differently are refused with the fields named', () => {
		expect(() =>
			shareParameters(
				[
					field('amount', 'card', 'topUp'),
					field('note', 'card', 'topUp'),
					field('note', 'card', 'withdraw'),
					field('amount', 'card', 'withdraw'),
				],
				[
					{ resource: 'card', operation: 'topUp' },
					{ resource: 'card', operation: 'withdraw' },
				],
			),
		).toThrow('Operations list the shared parameters amount, note in different orders');
	});
});
