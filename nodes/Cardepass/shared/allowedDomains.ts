import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The credential fields of n8n's "Allowed HTTP Request Domains" setting, which n8n adds to every OAuth2
 * credential: `all` (or absent, as in an n8n without the setting), `domains` with a comma list of hosts,
 * or `none`.
 */
export interface DomainRestriction {
	allowedHttpRequestDomains?: unknown;
	allowedDomains?: unknown;
}

export const NO_ALLOWED_DOMAINS =
	'No allowed domains specified. Configure allowed domains or change restriction setting.';

/** The host n8n matches: lowercase, without a trailing dot; undefined when the URL has none. */
function hostnameOf(url: string): string | undefined {
	try {
		return new URL(url).hostname.toLowerCase().replace(/\.$/, '') || undefined;
	} catch {
		return undefined;
	}
}

/**
 * n8n's matching rule (n8n-workflow's isDomainAllowed), kept here because its signature differs between n8n
 * lines: entries are trimmed, lowercased and lose a trailing dot; `*.example.com` matches its subdomains,
 * never example.com itself; the port plays no part.
 */
export function hostIsListed(url: string, allowedDomains: string): boolean {
	const hostname = hostnameOf(url);
	if (!hostname) return false;
	return allowedDomains
		.split(',')
		.map((domain) => domain.trim().toLowerCase().replace(/\.$/, ''))
		.filter(Boolean)
		.some((allowed) =>
			allowed.startsWith('*.')
				? allowed.length > 2 && hostname.endsWith(`.${allowed.substring(2)}`)
				: hostname === allowed,
		);
}

function displayHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/**
 * Why the credential's Allowed HTTP Request Domains forbid sending anything to `url`, in n8n's words, or
 * undefined when they allow it. As in n8n, `none` blocks the credential in the HTTP Request node only: its
 * own node may use it.
 */
export function domainRefusal(
	restriction: DomainRestriction,
	url: string,
): { message: string; description: string } | undefined {
	if (restriction.allowedHttpRequestDomains !== 'domains') return undefined;
	const allowedDomains =
		typeof restriction.allowedDomains === 'string' ? restriction.allowedDomains.trim() : '';
	const host = displayHost(url);
	if (allowedDomains === '') {
		return {
			message: NO_ALLOWED_DOMAINS,
			description: `The Cardepass credential allows Specific Domains but lists none, so nothing was sent to ${host}. In the credential, add ${hostnameOf(url) ?? host} to Allowed Domains, or set Allowed HTTP Request Domains to All.`,
		};
	}
	if (hostIsListed(url, allowedDomains)) return undefined;
	return {
		message: `Domain not allowed: This credential is restricted from accessing ${host}. Only the following domains are allowed: ${allowedDomains}`,
		description: `Nothing was sent to ${host}, neither the token request nor the API request. If the credential's Environment or Base URL is right, add ${hostnameOf(url) ?? host} to Allowed Domains in the Cardepass credential; otherwise correct them.`,
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
