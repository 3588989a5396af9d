/**
 * Runs the built Cardepass Trigger as n8n does with a webhook: a real HTTP server on 127.0.0.1 reads
 * the request body and keeps it as `rawBody` (n8n's body parser does the same), the package is loaded
 * by n8n's package loader, the node's webhook() runs in n8n-core's WebhookContext, and when it returns
 * items, n8n-core's WorkflowExecute runs the workflow from the trigger. The workflow's static data is
 * saved after each request when it changed, and loaded into a new Workflow for the next one, as n8n
 * keeps it in its database (so a "restart" is a new TriggerHarness given the saved static data).
 */
import {
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { REPO_ROOT, StoredCredentials } from '../helpers/engine';

export const TRIGGER_TYPE = 'n8n-nodes-cardepass.cardepassTrigger';
export const WEBHOOK_CREDENTIAL = 'cardepassWebhookApi';
const TRIGGER_NAME = 'Cardepass Trigger';

interface LoadedTrigger {
	nodeType: INodeType;
	credentialType: ICredentialType;
}

let loaded: Promise<LoadedTrigger> | undefined;

export function loadTrigger(): Promise<LoadedTrigger> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(REPO_ROOT);
		await loader.loadAll();
		const nodeType = loader.nodeTypes.cardepassTrigger?.type as INodeType;
		const credentialType = loader.credentialTypes[WEBHOOK_CREDENTIAL]?.type;
		if (!nodeType || !credentialType)
			throw new Error('dist/ holds no Cardepass Trigger: run `npm run build` first');
		return { nodeType, credentialType };
	})();
	return loaded;
}

class WebhookCredentialStore extends ICredentialsHelper {
	constructor(
		private readonly credentialType: ICredentialType,
		private readonly data: ICredentialDataDecryptedObject | undefined,
	) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, requestOptions: any) {
		return requestOptions;
	}
	async preAuthentication() {
		return undefined;
	}
	private raw(): ICredentialDataDecryptedObject {
		if (!this.data) throw new Error('No credential with ID 1');
		return this.data;
	}
	async getCredentials(details: INodeCredentialsDetails, type: string) {
		return new StoredCredentials(details, type, this.raw());
	}
	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return NodeHelpers.getNodeParameters(
			this.credentialType.properties,
			structuredClone(this.raw()) as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return this.credentialType.properties;
	}
}

export interface HarnessOptions {
	/** The trigger's parameters (defaults apply to the rest, as in n8n). */
	parameters?: INodeParameters;
	/** The credential's data; `null` leaves the node without a credential. */
	credential?: ICredentialDataDecryptedObject | null;
	/** Static data saved by an earlier instance (an n8n restart). */
	staticData?: IDataObject;
	mode?: WorkflowExecuteMode;
}

export interface Answer {
	status: number;
	contentType: string | null;
	text: string;
	body: any;
}

export class TriggerHarness {
	/** Every workflow run started, with the trigger's output items. */
	readonly runs: Array<{ items: IDataObject[]; run: IRun }> = [];
	/** The static data as n8n would have saved it after the last request. */
	savedStaticData: IDataObject;
	url = '';
	private server?: http.Server;
	private nodeTypes!: INodeTypes;
	private loadedTrigger!: LoadedTrigger;
	private readonly failures: Error[] = [];
	private readonly handling = new Set<Promise<void>>();
	/** One entry per run started: whether the HTTP answer had been written completely by then. */
	readonly events: string[] = [];

	constructor(private readonly options: HarnessOptions = {}) {
		this.savedStaticData = structuredClone(options.staticData ?? {});
	}

	static async start(options: HarnessOptions = {}): Promise<TriggerHarness> {
		const harness = new TriggerHarness(options);
		await harness.listen();
		return harness;
	}

	private async listen(): Promise<void> {
		this.loadedTrigger = await loadTrigger();
		const { nodeType } = this.loadedTrigger;
		this.nodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(nodeType, version),
			getKnownTypes: () => ({}),
		};
		this.server = http.createServer((request, response) => {
			const handled = this.handle(request, response).catch((error: Error) => {
				this.failures.push(error);
				if (!response.headersSent) response.writeHead(500);
				response.end();
			});
			this.handling.add(handled);
			void handled.finally(() => this.handling.delete(handled));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/webhook/trigger-test/webhook`;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
		if (this.failures.length) throw this.failures[0];
	}

	/** POSTs a body as the provider does; resolves once the run it started (if any) has ended. */
	async post(body: string | Buffer, contentType = 'application/json'): Promise<Answer> {
		const response = await fetch(this.url, {
			method: 'POST',
			headers: { 'content-type': contentType },
			body,
		});
		const text = await response.text();
		await Promise.all([...this.handling]);
		let parsed: any = null;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Left null: the test looks at text.
		}
		return {
			status: response.status,
			contentType: response.headers.get('content-type'),
			text,
			body: parsed,
		};
	}

	private workflow(): Workflow {
		const credential = this.options.credential;
		const node: INode = {
			id: 'trigger-1',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'trigger-test',
			parameters: structuredClone(this.options.parameters ?? {}),
			...(credential === null
				? {}
				: { credentials: { [WEBHOOK_CREDENTIAL]: { id: '1', name: 'Cardepass webhook' } } }),
		};
		return new Workflow({
			id: 'trigger-tests',
			name: 'Trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: structuredClone(this.savedStaticData),
			settings: { timezone: 'UTC' },
		});
	}

	private additionalData(
		request: http.IncomingMessage,
		response: http.ServerResponse,
		hooks?: ExecutionLifecycleHooks,
	) {
		const credential =
			this.options.credential === undefined
				? { webhookSecret: 'sandbox-webhook-secret' }
				: this.options.credential;
		return {
			credentialsHelper: new WebhookCredentialStore(
				this.loadedTrigger.credentialType,
				credential ?? undefined,
			),
			hooks,
			httpRequest: request,
			httpResponse: response,
			executionId: String(this.runs.length + 1),
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
			logAiEvent: () => undefined,
			getRunExecutionData: async () => undefined,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private async handle(
		request: http.IncomingMessage,
		response: http.ServerResponse,
	): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		// As n8n's body parser: the raw bytes as `rawBody`, the parsed JSON as `body`.
		const withBody = request as http.IncomingMessage & { rawBody?: Buffer; body?: unknown };
		withBody.rawBody = rawBody;
		try {
			withBody.body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			withBody.body = {};
		}

		const mode = this.options.mode ?? 'webhook';
		const workflow = this.workflow();
		const node = workflow.getNode(TRIGGER_NAME)!;
		const additionalData = this.additionalData(request, response);
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'trigger-test/webhook',
			webhookDescription: this.loadedTrigger.nodeType.description.webhooks![0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: 'trigger-test',
			isTest: mode === 'manual',
		};
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
		const result = await this.loadedTrigger.nodeType.webhook!.call(context);

		// n8n saves the static data after the webhook when it changed.
		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (staticData.__dataChanged) {
			this.savedStaticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			delete this.savedStaticData.__dataChanged;
		}
		if (result.noWebhookResponse !== true && !response.headersSent) {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
		}
		if (result.workflowData)
			await this.runWorkflow(workflow, node, result.workflowData, mode, request, response);
	}

	private async runWorkflow(
		workflow: Workflow,
		node: INode,
		workflowData: INodeExecutionData[][],
		mode: WorkflowExecuteMode,
		request: http.IncomingMessage,
		response: http.ServerResponse,
	): Promise<void> {
		this.events.push(
			response.writableEnded ? 'run started after the answer' : 'run started before the answer',
		);
		const executionId = String(this.runs.length + 1);
		const hooks = new ExecutionLifecycleHooks(mode, executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes: Object.values(workflow.nodes),
			connections: {},
			active: true,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: workflowData }, source: null }] },
		});
		const run = await new WorkflowExecute(
			this.additionalData(request, response, hooks),
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		const output = (run.data.resultData.runData[TRIGGER_NAME]?.[0]?.data?.main?.[0] ??
			[]) as INodeExecutionData[];
		this.runs.push({ items: output.map((item) => item.json), run });
	}
}
