/**
 * Runs the built Cardepass node inside n8n's own execution engine (n8n-core's WorkflowExecute), as n8n
 * does: the package is loaded by n8n's package loader from the repository root (package.json "n8n" field
 * → dist/), a source node feeds it items, and the credential helper keeps the OAuth2 token between runs
 * the way n8n's database does, so n8n-core itself fetches, reuses and renews tokens.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentials, ICredentialsHelper, LoggerProxy, NodeHelpers, Workflow } from 'n8n-workflow';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CREDENTIAL_TYPE = 'cardepassOAuth2Api';
export const NODE_TYPE = 'n8n-nodes-cardepass.cardepass';

/** Everything n8n's logger was given during the tests, for the secret scan: lines, and metadata as objects. */
export const capturedLogs: string[] = [];
export const loggedMeta: unknown[] = [];

/**
 * n8n's own Logger takes over LoggerProxy once n8n-core creates it, drops lines below its level, and
 * n8n-core also calls it directly. Put a logger in its place that keeps every line of every level.
 */
function captureEveryLogLine(): void {
	Container.get(Logger);
	const keep = (level: string) => (message: string, meta?: unknown) => {
		capturedLogs.push(`${level} ${message} ${meta === undefined ? '' : safeStringify(meta)}`);
		if (meta !== undefined) loggedMeta.push(meta);
	};
	const logger = {
		error: keep('error'),
		warn: keep('warn'),
		info: keep('info'),
		debug: keep('debug'),
		scoped: () => logger,
	};
	Container.set(Logger, logger as unknown as Logger);
	LoggerProxy.init(logger as unknown as Parameters<typeof LoggerProxy.init>[0]);
}

function safeStringify(value: unknown): string {
	const seen = new WeakSet();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (typeof v === 'object' && v !== null) {
			if (seen.has(v)) return '[circular]';
			seen.add(v);
		}
		return v;
	});
}

captureEveryLogLine();

/** A plain source node: outputs the items given in its `items` parameter. */
class TestItemsNode implements INodeType {
	description = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Test Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' } as INodeProperties,
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getNodeParameter('items', 0) as unknown;
		const list = (typeof items === 'string' ? JSON.parse(items) : items) as IDataObject[];
		return [list.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

/**
 * Loop Over Items as a test node: hands its input on in batches (output "loop"), takes back what the node
 * after it returns, and gives everything out on "done" once every batch went round. The Cardepass node in
 * the loop runs once per batch in one execution, with run index 0, 1, …
 */
class TestBatchesNode implements INodeType {
	description = {
		displayName: 'Test Batches',
		name: 'testBatches',
		group: ['transform'],
		version: 1,
		description: 'Loops over items in batches',
		defaults: { name: 'Loop' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		outputNames: ['done', 'loop'],
		properties: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				default: 1,
			} as INodeProperties,
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const context = this.getContext('node');
		const input = this.getInputData().map((item) => item.json);
		if (context.pending === undefined) {
			context.pending = input;
			context.done = [];
		} else {
			(context.done as IDataObject[]).push(...input);
		}
		const pending = context.pending as IDataObject[];
		const toItems = (list: IDataObject[]) =>
			list.map((json, index) => ({ json, pairedItem: { item: index } }));
		if (pending.length === 0) return [toItems(context.done as IDataObject[]), []];
		const batch = pending.splice(0, this.getNodeParameter('batchSize', 0) as number);
		return [[], toItems(batch)];
	}
}

interface Loaded {
	nodeType: INodeType;
	credentialType: ICredentialType;
}

let loaded: Promise<Loaded> | undefined;

/** Loads the package the way n8n loads a community package (from its package.json). */
export function loadPackage(): Promise<Loaded> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(REPO_ROOT);
		await loader.loadAll();
		const nodeType = loader.nodeTypes.cardepass?.type as INodeType;
		const credentialType = loader.credentialTypes[CREDENTIAL_TYPE]?.type;
		if (!nodeType || !credentialType)
			throw new Error('dist/ holds no Cardepass node: run `npm run build` first');
		return { nodeType, credentialType };
	})();
	return loaded;
}

/** A stored credential as n8n's database hands it back: decrypted data, nothing written back. */
export class StoredCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private readonly decrypted: ICredentialDataDecryptedObject,
	) {
		super({ id: details.id, name: details.name }, type);
	}
	getData(): ICredentialDataDecryptedObject {
		return structuredClone(this.decrypted);
	}
	getDataToSave() {
		return { id: this.id, name: this.name, type: this.type, data: '' };
	}
	setData(): void {}
}

/** Plays the part of n8n's credentials service: defaults, `$self` expressions, token storage. */
class CredentialStore extends ICredentialsHelper {
	readonly stored = new Map<string, ICredentialDataDecryptedObject>();
	tokenWrites = 0;

	constructor(
		private readonly credentialType: ICredentialType,
		private readonly workflowFactory: () => Workflow,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return name === CREDENTIAL_TYPE ? ['oAuth2Api'] : [];
	}

	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, requestOptions: any) {
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string) {
		return new StoredCredentials(details, type, this.raw(details));
	}

	private raw(details: INodeCredentialsDetails): ICredentialDataDecryptedObject {
		const data = this.stored.get(details.id ?? '');
		if (!data) throw new Error(`No credential with ID ${details.id}`);
		return data;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		details: INodeCredentialsDetails,
		_type: string,
		mode: WorkflowExecuteMode,
	): Promise<ICredentialDataDecryptedObject> {
		const raw = structuredClone(this.raw(details));
		const withDefaults = NodeHelpers.getNodeParameters(
			this.credentialType.properties,
			raw as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (raw.oauthTokenData) withDefaults.oauthTokenData = raw.oauthTokenData;
		// n8n adds its Allowed HTTP Request Domains fields to the credential type and keeps them here.
		for (const key of ['allowedHttpRequestDomains', 'allowedDomains']) {
			if (raw[key] !== undefined) withDefaults[key] = raw[key];
		}
		const node = {
			name: '',
			typeVersion: 1,
			type: 'mock',
			position: [0, 0],
			parameters: {},
		} as unknown as INode;
		return this.workflowFactory().expression.getComplexParameterValue(
			node,
			withDefaults as INodeParameters,
			mode,
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		details: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		this.stored.set(details.id ?? '', structuredClone(data));
	}

	async updateCredentialsOauthTokenData(
		details: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		this.tokenWrites++;
		const current = this.raw(details);
		this.stored.set(details.id ?? '', {
			...current,
			oauthTokenData: structuredClone(data.oauthTokenData),
		});
	}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}
}

export interface NodeSettings {
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** The node's type: the tool variant is what an AI agent calls. */
	type?: string;
	name?: string;
	id?: string;
	workflowId?: string;
	/** Request Options → Timeout, in ms. */
	timeout?: number;
	/** Runs the node inside a loop over its input in batches of this size (Loop Over Items), in one execution. */
	batchSize?: number;
	/** Workflow settings → Timezone (UTC unless given). */
	timezone?: string;
}

export interface RunResult {
	/** The JSON of every item on the node's main output. */
	items: IDataObject[];
	/** Items with their `error`, as n8n hands them on. */
	rawItems: INodeExecutionData[];
	/** Items on the error output (On Error: Continue (using error output)). */
	errorItems: IDataObject[];
	/** The execution's error when it failed. */
	error?: { message: string; description?: string | null; [key: string]: unknown };
	run: IRun;
	/** What was run, so that the execution can be retried. */
	request: RunRequest;
}

export interface RunRequest {
	parameters: INodeParameters;
	inputItems: IDataObject[];
	settings: NodeSettings;
}

export interface EngineOptions {
	baseUrl: string;
	clientId?: string;
	clientSecret?: string;
}

let executionCounter = 0;

/** One n8n "instance": a credential store that outlives runs, like n8n's database. */
export class CardepassEngine {
	private constructor(
		private readonly nodeType: INodeType,
		readonly credentials: CredentialStore,
		private readonly nodeTypes: INodeTypes,
	) {}

	static async create(options: EngineOptions): Promise<CardepassEngine> {
		const { nodeType, credentialType } = await loadPackage();
		const source = new TestItemsNode();
		const toolType = {
			...nodeType,
			description: { ...nodeType.description, name: 'cardepassTool' },
		} as INodeType;
		const types: Record<string, INodeType> = {
			[NODE_TYPE]: nodeType,
			[`${NODE_TYPE}Tool`]: toolType,
			'test.items': source,
			'test.batches': new TestBatchesNode(),
		};
		const nodeTypes: INodeTypes = {
			getByName: (type) => types[type],
			getByNameAndVersion: (type, version) =>
				NodeHelpers.getVersionedNodeType(types[type], version),
			getKnownTypes: () => ({}),
		};
		let workflow: Workflow | undefined;
		const store = new CredentialStore(credentialType, () => {
			workflow ??= new Workflow({ nodes: [], connections: {}, active: false, nodeTypes });
			return workflow;
		});
		store.stored.set('1', {
			environment: 'custom',
			baseUrl: options.baseUrl,
			clientId: options.clientId ?? 'sandbox-client',
			clientSecret: options.clientSecret ?? 'sandbox-secret',
		});
		return new CardepassEngine(nodeType, store, nodeTypes);
	}

	get description() {
		return this.nodeType.description;
	}

	/** Forgets the stored token, like a freshly saved credential. */
	clearToken(): void {
		const data = this.credentials.stored.get('1')!;
		delete data.oauthTokenData;
	}

	/** The credential as n8n hands it to the node: defaults applied and `$self` expressions resolved. */
	async decryptedCredential(): Promise<ICredentialDataDecryptedObject> {
		return await this.credentials.getDecrypted(
			{} as IWorkflowExecuteAdditionalData,
			{ id: '1', name: 'Cardepass Sandbox' },
			CREDENTIAL_TYPE,
			'manual',
		);
	}

	/** Evaluates an expression of the node's description (e.g. requestDefaults.baseURL) with the credential. */
	async evaluateWithCredential(expression: string): Promise<unknown> {
		const credentials = await this.decryptedCredential();
		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		const node = {
			name: 'Cardepass',
			typeVersion: 1,
			type: NODE_TYPE,
			position: [0, 0],
			parameters: {},
		} as unknown as INode;
		return workflow.expression.getSimpleParameterValue(node, expression, 'manual', {
			$credentials: credentials,
		} as never);
	}

	get storedToken(): string | undefined {
		const token = this.credentials.stored.get('1')?.oauthTokenData as IDataObject | undefined;
		return token?.access_token as string | undefined;
	}

	setCredential(changes: IDataObject): void {
		this.credentials.stored.set('1', {
			...this.credentials.stored.get('1')!,
			...changes,
		} as ICredentialDataDecryptedObject);
	}

	private additionalData(
		executionId: string,
		hooks?: ExecutionLifecycleHooks,
		currentNodeParameters?: INodeParameters,
	) {
		return {
			credentialsHelper: this.credentials,
			hooks,
			executionId,
			currentNodeParameters,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			variables: {},
			logAiEvent: () => undefined,
			executeWorkflow: async () => {
				throw new Error('not used');
			},
			getRunExecutionData: async () => undefined,
			startRunnerTask: async () => {
				throw new Error('not used');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** Calls a dropdown loader the way the editor does (n8n's LoadOptionsContext), with the node's current parameters. */
	async loadOptions(
		method: 'getProducts' | 'getCurrencies',
		parameters: INodeParameters,
		{ withCredential = true }: { withCredential?: boolean } = {},
	) {
		const node: INode = {
			id: 'cardepass-node-1',
			name: 'Cardepass',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			...(withCredential
				? { credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Cardepass Sandbox' } } }
				: {}),
		};
		const workflow = new Workflow({
			id: 'workflow-engine-tests',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		const path = method === 'getProducts' ? 'parameters.productCode' : 'parameters.cardCurrency';
		const context = new LoadOptionsContext(
			workflow,
			node,
			this.additionalData('load-options', undefined, parameters),
			path,
		);
		const loader = this.nodeType.methods?.loadOptions?.[method];
		if (!loader) throw new Error(`The node has no loadOptions method ${method}`);
		return await loader.call(context);
	}

	/** Test Items → Cardepass, as a workflow n8n-core can run. */
	private workflowFor(
		parameters: INodeParameters,
		inputItems: IDataObject[],
		settings: NodeSettings,
	) {
		const nodeName = settings.name ?? 'Cardepass';
		const nodes: INode[] = [
			{
				id: 'source',
				name: 'Test Items',
				type: 'test.items',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: inputItems as unknown as string },
			},
			{
				id: settings.id ?? 'cardepass-node-1',
				name: nodeName,
				type: settings.type ?? NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: settings.timeout
					? { ...parameters, requestOptions: { timeout: settings.timeout } }
					: parameters,
				credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Cardepass Sandbox' } },
				retryOnFail: settings.retryOnFail,
				maxTries: settings.maxTries,
				waitBetweenTries: settings.waitBetweenTries,
				onError: settings.onError,
			},
		];
		const to = (node: string) => [{ node, type: 'main' as const, index: 0 }];
		const connections: Record<string, { main: Array<Array<ReturnType<typeof to>[0]>> }> = {
			'Test Items': { main: [to(nodeName)] },
		};
		if (settings.batchSize !== undefined) {
			nodes.push({
				id: 'loop',
				name: 'Loop',
				type: 'test.batches',
				typeVersion: 1,
				position: [100, 0],
				parameters: { batchSize: settings.batchSize },
			});
			connections['Test Items'] = { main: [to('Loop')] };
			connections.Loop = { main: [[], to(nodeName)] };
			connections[nodeName] = { main: [to('Loop')] };
		}
		const workflow = new Workflow({
			id: settings.workflowId ?? 'workflow-engine-tests',
			name: 'Engine test',
			nodes,
			connections,
			active: false,
			nodeTypes: this.nodeTypes,
			settings: { timezone: settings.timezone ?? 'UTC' },
		});
		return { workflow, nodeName };
	}

	private hooksFor(mode: WorkflowExecuteMode, executionId: string, workflow: Workflow) {
		return new ExecutionLifecycleHooks(mode, executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
	}

	private result(run: IRun, nodeName: string, request: RunRequest): RunResult {
		const taskData = run.data.resultData.runData[nodeName]?.at(-1);
		const outputs = taskData?.data?.main ?? [];
		const rawItems = (outputs[0] ?? []) as INodeExecutionData[];
		const error = run.data.resultData.error as RunResult['error'];
		return {
			items: rawItems.map((item) => item.json),
			rawItems,
			errorItems: ((outputs[1] ?? []) as INodeExecutionData[]).map((item) => item.json),
			error: error ? (error as RunResult['error']) : undefined,
			run,
			request,
		};
	}

	/** Executes Test Items → Cardepass with the given parameters and returns what the Cardepass node output. */
	async run(
		parameters: INodeParameters,
		inputItems: IDataObject[] = [{}],
		settings: NodeSettings = {},
	): Promise<RunResult> {
		const executionId = String(++executionCounter);
		const { workflow, nodeName } = this.workflowFor(parameters, inputItems, settings);
		const additionalData = this.additionalData(
			executionId,
			this.hooksFor('manual', executionId, workflow),
		);
		const run = await new WorkflowExecute(additionalData, 'manual').run({
			workflow,
			startNode: workflow.getNode('Test Items')!,
		});
		return this.result(run, nodeName, { parameters, inputItems, settings });
	}

	/**
	 * Retries a failed execution the way n8n's Executions list does (POST /rest/executions/:id/retry): a new
	 * execution ID and mode "retry", the failed execution's data as it was saved (a JSON round trip), its
	 * error removed and the failed node's last run dropped, then n8n-core resumes from the node that failed.
	 */
	async retry(failed: RunResult): Promise<RunResult> {
		const executionId = String(++executionCounter);
		const { parameters, inputItems, settings } = failed.request;
		const { workflow, nodeName } = this.workflowFor(parameters, inputItems, settings);
		const data = JSON.parse(JSON.stringify(failed.run.data)) as IRun['data'];
		delete data.resultData.error;
		const lastNode = data.resultData.lastNodeExecuted;
		const runs = lastNode ? data.resultData.runData[lastNode] : undefined;
		if (runs?.length && runs[runs.length - 1].error !== undefined) runs.pop();
		const additionalData = this.additionalData(
			executionId,
			this.hooksFor('retry', executionId, workflow),
		);
		const run = await new WorkflowExecute(additionalData, 'retry', data).processRunExecutionData(
			workflow,
		);
		return this.result(run, nodeName, failed.request);
	}
}
