import type { INode } from 'n8n-workflow';
import * as workflow from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The credential fields of n8n's "Allowed HTTP Request Domains" setting, which n8n adds to every OAuth2
 * credential: `all` (or absent, as in an n8n without the setting), `domains` with a comma list of hosts
 * (`*.example.com` matches its subdomains, not example.com itself), or `none`.
 */
export interface DomainRestriction {
	allowedHttpRequestDomains?: unknown;
	allowedDomains?: unknown;
}

/** n8n's own matching rule, from the n8n-workflow of the running n8n (every n8n that offers the setting exports it). */
type DomainMatcher = (url: string, options: { allowedDomains: string }) => boolean;
const isDomainAllowed = (workflow as { isDomainAllowed?: DomainMatcher }).isDomainAllowed;

function listOf(restriction: DomainRestriction): string {
	return typeof restriction.allowedDomains === 'string' ? restriction.allowedDomains.trim() : '';
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/**
 * Why the credential's Allowed HTTP Request Domains forbid sending anything to `url`, in n8n's own words, or
 * undefined when they allow it. `none` blocks the credential in the HTTP Request node only: n8n lets the
 * credential's own node use it.
 */
export function domainRefusal(
	restriction: DomainRestriction,
	url: string,
): { message: string; description: string } | undefined {
	if (restriction.allowedHttpRequestDomains !== 'domains') return undefined;
	const allowedDomains = listOf(restriction);
	const host = hostOf(url);
	if (allowedDomains === '') {
		return {
			message:
				'No allowed domains specified. Configure allowed domains or change restriction setting.',
			description: `The Cardepass credential allows Specific Domains but lists none, so nothing was sent to ${host}. In the credential, add ${new URL(url).hostname} to Allowed Domains, or set Allowed HTTP Request Domains to All.`,
		};
	}
	if (typeof isDomainAllowed !== 'function') {
		return {
			message: `Domain not allowed: This credential is restricted from accessing ${url}. Only the following domains are allowed: ${allowedDomains}`,
			description:
				'This n8n cannot check the Allowed Domains list, so nothing was sent. Set Allowed HTTP Request Domains to All in the credential, or update n8n.',
		};
	}
	if (isDomainAllowed(url, { allowedDomains })) return undefined;
	return {
		message: `Domain not allowed: This credential is restricted from accessing ${url}. Only the following domains are allowed: ${allowedDomains}`,
		description: `Nothing was sent to ${host}: neither the token request nor the API request. To use this host, add it to Allowed Domains in the Cardepass credential; otherwise correct the credential's Environment or Base URL.`,
	};
}

/** The refusal as the error the node shows, or undefined when the credential allows `url`. */
export function domainRefusalError(
	node: INode,
	restriction: DomainRestriction,
	url: string,
): NodeOperationError | undefined {
	const refusal = domainRefusal(restriction, url);
	return refusal
		? new NodeOperationError(node, refusal.message, { description: refusal.description })
		: undefined;
}
