// The portal's calls to /api/portal (and /api/surveys for a survey link). The shapes come from the desk's OpenAPI
// document (api-types.ts).
import type { components } from '../src/api-types';
import { locale } from '../src/language';

type Schemas = components['schemas'];
export type PortalProfile = Schemas['PortalProfile'];
export type PortalCodeSent = Schemas['PortalCodeSent'];
export type PortalQuery = Schemas['PortalQuery'];
export type PortalQueryDetail = Schemas['PortalQueryDetail'];
export type PortalEntry = Schemas['PortalEntry'];
export type PortalCatalogItem = Schemas['PortalCatalogItem'];
export type PortalArticle = Schemas['PortalArticle'];
export type PortalArticleBody = Schemas['PortalArticleBody'];
export type PortalSurvey = Schemas['PortalSurvey'];
export type SurveyQuestion = Schemas['SurveyQuestion'];
export type QueryReceipt = Schemas['QueryReceipt'];

/**
 * A refused call: its status and the reason to show, the first field's message of a validation problem (its
 * `errors`, with that field's name) or else the ProblemDetails' detail.
 */
export class PortalError extends Error {
  /** retryAfter: the seconds a 429 says to wait (its Retry-After). */
  constructor(readonly status: number, message: string, readonly field?: string, readonly retryAfter?: number) {
    super(message);
  }
}

let sessionLost: () => void = () => undefined;

/** What to do when a call under /me finds the portal session gone (signed out elsewhere, or expired). */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

export async function call<T>(method: string, path: string, body?: unknown, extra?: Record<string, string>): Promise<T> {
  try {
    return await send<T>(method, `/api/portal${path}`, body, extra);
  } catch (e) {
    if (e instanceof PortalError && e.status === 401 && path.startsWith('/me')) sessionLost();
    throw e;
  }
}

export async function send<T>(method: string, url: string, body?: unknown, extra?: Record<string, string>): Promise<T> {
  // The desk refuses a write without this header: another origin's page cannot send it.
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Desk-Client': 'portal', 'Accept-Language': locale, ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({})) as { detail?: string; title?: string; errors?: Record<string, string[]> };
    const [field, messages] = Object.entries(problem.errors ?? {})[0] ?? [];
    const wait = Number(response.headers.get('Retry-After') ?? NaN);
    throw new PortalError(response.status, messages?.[0] ?? problem.detail ?? problem.title ?? response.statusText, field,
      Number.isFinite(wait) && wait > 0 ? wait : undefined);
  }
  return response.status === 204 ? (undefined as T) : await response.json() as T;
}
