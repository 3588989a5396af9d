import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationSpec } from './types';

/** Everything about one resource/operation pair, in one object (one file per operation). */
export interface CardepassOperation {
	/** The Operation dropdown's entry. */
	name: string;
	value: string;
	action: string;
	description: string;
	/** The request; the URL may be an n8n expression when the path depends on a parameter. */
	request: { method: 'GET' | 'POST'; url: string };
	/** The operation's parameters in the order the editor shows them; its resource adds the display rules. */
	properties: INodeProperties[];
	/** What the shared request path needs: checks, order, paging, card-data policy. */
	spec: OperationSpec;
}

/** One resource: its entry in the Resource dropdown, its Operation dropdown, parameters and specs. */
export interface CardepassResource {
	name: string;
	value: string;
	operationProperty: INodeProperties;
	properties: INodeProperties[];
	specs: Record<string, OperationSpec>;
}

/**
 * Builds a resource from its operations. Every operation's request goes through the node's one request
 * path (`send.paginate` hands it to the pagination function), lists or not.
 */
export function defineResource(
	resource: { displayName: string; value: string; defaultOperation: string },
	operations: CardepassOperation[],
): CardepassResource {
	const options: INodePropertyOptions[] = [...operations]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((operation) => ({
			name: operation.name,
			value: operation.value,
			action: operation.action,
			description: operation.description,
			routing: { request: operation.request, send: { paginate: true } },
		}));
	const defaultOperation = resource.defaultOperation;
	return {
		name: resource.displayName,
		value: resource.value,
		operationProperty: {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: defaultOperation,
		},
		properties: operations.flatMap((operation) =>
			operation.properties.map((property) => shownFor(resource.value, operation.value, property)),
		),
		specs: Object.fromEntries(operations.map((operation) => [operation.value, operation.spec])),
	};
}

/**
 * Shows a parameter for its resource and operation only. Resource and Operation come first among the show
 * conditions: n8n counts a parameter as shown as soon as it reaches a condition on an expression (Card Model
 * from the input), so a required field of another operation would otherwise block the workflow.
 */
function shownFor(resource: string, operation: string, property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { resource: [resource], operation: [operation], ...property.displayOptions?.show },
		},
	};
}

/** The canvas subtitle: the operation and resource as the dropdowns name them, e.g. "Top Up: Card". */
export function canvasSubtitle(resources: CardepassResource[]): string {
	const names: Record<string, string> = {};
	for (const resource of resources) {
		for (const option of resource.operationProperty.options as INodePropertyOptions[]) {
			names[`${resource.value}:${String(option.value)}`] = `${option.name}: ${resource.name}`;
		}
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}
