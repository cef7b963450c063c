// The portal's calls to /api/portal. The shapes come from the desk's OpenAPI document (api-types.ts).
import type { components } from '../src/api-types';

type Schemas = components['schemas'];
export type PortalProfile = Schemas['PortalProfile'];
export type PortalQuery = Schemas['PortalQuery'];
export type PortalQueryDetail = Schemas['PortalQueryDetail'];
export type PortalEntry = Schemas['PortalEntry'];
export type PortalCatalogItem = Schemas['PortalCatalogItem'];
export type PortalArticle = Schemas['PortalArticle'];
export type PortalArticleBody = Schemas['PortalArticleBody'];
export type PortalSurvey = Schemas['PortalSurvey'];
export type QueryReceipt = Schemas['QueryReceipt'];

/** A refused call: its status, and the ProblemDetails' detail when there was one. */
export class PortalError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  // The desk refuses a cookie-carrying write without this header: another origin's page cannot send it.
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Desk-Client': 'portal' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/portal${path}`, {
    method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({})) as { detail?: string; title?: string };
    throw new PortalError(response.status, problem.detail ?? problem.title ?? response.statusText);
  }
  return response.status === 204 ? (undefined as T) : await response.json() as T;
}
