import type { INodeProperties } from 'n8n-workflow';

/** A resource/operation pair the node has. */
export interface OperationPair {
	resource: string;
	operation: string;
}

/** One parameter of the description to be: a definition and the operations that show it. */
interface Unit {
	property: INodeProperties;
	/** Per operation ("resource:operation"), where the operation listed it: its field order. */
	placeIn: Map<string, number>;
	firstIndex: number;
}

const pairKey = (pair: OperationPair) => `${pair.resource}:${pair.operation}`;

function pairOf(property: INodeProperties): OperationPair | undefined {
	const { resource, operation } = property.displayOptions?.show ?? {};
	if (!Array.isArray(resource) || !Array.isArray(operation)) return undefined;
	if (resource.length !== 1 || operation.length !== 1) return undefined;
	return { resource: String(resource[0]), operation: String(operation[0]) };
}

/** The property without its resource/operation condition: equal definitions have equal keys. */
function definitionKey(property: INodeProperties): string {
	const show = { ...property.displayOptions!.show! };
	delete show.resource;
	delete show.operation;
	return JSON.stringify({ ...property, displayOptions: { ...property.displayOptions, show } });
}

const pairsOf = (unit: Unit): OperationPair[] =>
	[...unit.placeIn.keys()].map((key) => {
		const [resource, operation] = key.split(':');
		return { resource, operation };
	});

/** Whether one condition over its resources × operations reaches only the operations that share the unit. */
function isExact(unit: Unit, allPairs: Set<string>): boolean {
	const pairs = pairsOf(unit);
	for (const resource of new Set(pairs.map((pair) => pair.resource))) {
		for (const operation of new Set(pairs.map((pair) => pair.operation))) {
			const key = pairKey({ resource, operation });
			if (allPairs.has(key) && !unit.placeIn.has(key)) return false;
		}
	}
	return true;
}

function splitByResource(unit: Unit): Unit[] {
	const byResource = new Map<string, Unit>();
	for (const [key, index] of unit.placeIn) {
		const resource = key.split(':')[0];
		const part = byResource.get(resource) ?? { ...unit, placeIn: new Map(), firstIndex: index };
		part.placeIn.set(key, index);
		byResource.set(resource, part);
	}
	return [...byResource.values()];
}

function unitsOf(properties: INodeProperties[], allPairs: Set<string>): Unit[] {
	const byDefinition = new Map<string, Unit>();
	const units: Unit[] = [];
	properties.forEach((property, index) => {
		const pair = pairOf(property);
		if (!pair) {
			units.push({ property, placeIn: new Map(), firstIndex: index });
			return;
		}
		const key = definitionKey(property);
		const unit = byDefinition.get(key);
		if (unit) unit.placeIn.set(pairKey(pair), index);
		else {
			const created = { property, placeIn: new Map([[pairKey(pair), index]]), firstIndex: index };
			byDefinition.set(key, created);
			units.push(created);
		}
	});
	return units.flatMap((unit) => (isExact(unit, allPairs) ? [unit] : splitByResource(unit)));
}

function shownFor(unit: Unit): INodeProperties {
	const pairs = pairsOf(unit);
	if (pairs.length === 0) return unit.property;
	const unique = (values: string[]) => [...new Set(values)];
	return {
		...unit.property,
		displayOptions: {
			...unit.property.displayOptions,
			show: {
				...unit.property.displayOptions!.show,
				resource: unique(pairs.map((pair) => pair.resource)),
				operation: unique(pairs.map((pair) => pair.operation)),
			},
		},
	};
}

/** An order of the units in which every operation's fields keep their own order (a topological sort). */
function keepingEveryFieldOrder(units: Unit[]): Unit[] {
	const after = new Map<Unit, Set<Unit>>(units.map((unit) => [unit, new Set<Unit>()]));
	const waitingFor = new Map<Unit, number>(units.map((unit) => [unit, 0]));
	const operations = new Set(units.flatMap((unit) => [...unit.placeIn.keys()]));
	for (const operation of operations) {
		const fields = units
			.filter((unit) => unit.placeIn.has(operation))
			.sort((a, b) => a.placeIn.get(operation)! - b.placeIn.get(operation)!);
		for (let i = 1; i < fields.length; i++) {
			if (after.get(fields[i - 1])!.has(fields[i])) continue;
			after.get(fields[i - 1])!.add(fields[i]);
			waitingFor.set(fields[i], waitingFor.get(fields[i])! + 1);
		}
	}
	const ordered: Unit[] = [];
	const ready = units.filter((unit) => waitingFor.get(unit) === 0);
	while (ready.length > 0) {
		ready.sort((a, b) => a.firstIndex - b.firstIndex);
		const next = ready.shift()!;
		ordered.push(next);
		for (const later of after.get(next)!) {
			waitingFor.set(later, waitingFor.get(later)! - 1);
			if (waitingFor.get(later) === 0) ready.push(later);
		}
	}
	if (ordered.length < units.length) {
		const stuck = units.filter((unit) => !ordered.includes(unit)).map((unit) => unit.property.name);
		throw new Error(
			`Operations list the shared parameters ${stuck.join(', ')} in different orders: give them one order`,
		);
	}
	return ordered;
}

/**
 * Lists a parameter that several operations share (same name, same definition) once, shown for all of them,
 * placed so that every operation keeps its own field order.
 *
 * n8n's declarative engine reads every parameter of the description for every item, twice, shown or not: a
 * Customer Order No listed once per operation, given as an expression, was evaluated sixteen times per item.
 */
export function shareParameters(
	properties: INodeProperties[],
	operations: OperationPair[],
): INodeProperties[] {
	const units = unitsOf(properties, new Set(operations.map(pairKey)));
	return keepingEveryFieldOrder(units).map(shownFor);
}
