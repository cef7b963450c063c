import { t } from './console-words';
import { locale } from './language';
import type {
  BoardSnapshot, CannedReply, ConversationSummary, Delivery, QueryChange, QueryDetail, QueryPage, QuerySummary, QueueLoad, SavedView, StaffMember, TimelineEntry,
} from './contract';

/** A failed call, with the message the desk's ProblemDetails gave. */
export class ApiError extends Error {
  /**
   * `rule`: the overridable rule a refused change breaks (the ProblemDetails' "rule"), to be overridden with a justification.
   * `problem`: the ProblemDetails as sent, extensions included (a 409's sentMeanwhile).
   */
  constructor(readonly status: number, message: string, readonly rule?: string, readonly problem?: Record<string, unknown>) {
    super(message);
  }
}

/**
 * A queue view, as GET /api/queries and saved views take it; '' is no filter. `assignee`: a username, 'me' or
 * 'unassigned'; `status`: a status or 'active' (not resolved or closed); `sort`: 'urgency' or 'newest'.
 */
export interface QueryFilter {
  queue: string;
  status: string;
  type: string;
  priority: string;
  channel: string;
  language: string;
  sla: string;
  assignee: string;
  q: string;
  sort: string;
}

export const filterKeys = ['queue', 'status', 'type', 'priority', 'channel', 'language', 'sla', 'assignee', 'q', 'sort'] as const;

/**
 * Sent on every call: the desk refuses a signed-in write without it, and a page on another origin cannot add it
 * (a custom header needs a CORS preflight the desk never grants).
 */
export const clientHeader = { 'X-Desk-Client': 'console' } as const;

/** The page's chosen language, not the browser's: the desk answers its refusals (ProblemDetails) in it. */
export const languageHeader = { 'Accept-Language': locale } as const;

let sessionLost: () => void = () => {};

/** Called when any call other than sign-in answers 401: the cookie expired or was revoked. */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

export async function send<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...clientHeader, ...languageHeader, ...extra };
  // A form (a file upload) goes as multipart/form-data, with the boundary the browser writes into its own Content-Type.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, t.unreachable);
  }
  if (!response.ok) {
    const error = await problem(response);
    if (error.status === 401 && path !== '/api/auth/sign-in') sessionLost();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function problem(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`.trim();
  let rule: string | undefined;
  let body: Record<string, unknown> | undefined;
  try {
    const details = (await response.json()) as {
      title?: string; detail?: string; errors?: Record<string, string[]>; rule?: string;
    };
    rule = typeof details.rule === 'string' ? details.rule : undefined;
    body = details as Record<string, unknown>;
    const reasons = Object.values(details.errors ?? {}).flat().filter((reason) => typeof reason === 'string' && reason !== '');
    // A validation problem's title is generic ("One or more validation errors occurred."): its errors say what was wrong.
    message = reasons.length > 0 ? [rule ? '' : details.detail, ...reasons].filter(Boolean).join(' ')
      : details.detail || details.title || message;
  } catch {
    // Not ProblemDetails (a proxy's page, an empty body): the status line says enough.
  }
  return new ApiError(response.status, message, rule, body);
}

const query = (reference: string) => `/api/queries/${encodeURIComponent(reference)}`;
const conversation = (id: number) => `/api/conversations/${id}`;

export const api = {
  me: () => send<StaffMember>('GET', '/api/auth/me'),
  signIn: (username: string, password: string) =>
    send<StaffMember>('POST', '/api/auth/sign-in', { username, password }),
  signOut: () => send<void>('POST', '/api/auth/sign-out'),
  queues: () => send<QueueLoad[]>('GET', '/api/queues'),
  queries(filter: QueryFilter, offset = 0, limit = 50) {
    const search = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    for (const key of filterKeys) if (filter[key]) search.set(key, filter[key]);
    return send<QueryPage>('GET', `/api/queries?${search}`);
  },
  /** The member's own queries (up to 200), to tell a new assignment from one they had. */
  queriesAssignedTo: (username: string) =>
    send<QueryPage>('GET', `/api/queries?${new URLSearchParams({ assignee: username, limit: '200' })}`),
  /** The member's own saved views and the team's shared ones. */
  views: () => send<SavedView[]>('GET', '/api/me/views'),
  saveView: (name: string, filters: Partial<QueryFilter>, shared: boolean) =>
    send<SavedView>('POST', '/api/me/views', { name, filters, shared }),
  deleteView: (id: number) => send<void>('DELETE', `/api/me/views/${id}`),
  query: (reference: string) => send<QueryDetail>('GET', query(reference)),
  /** `seenEntry`: the newest entry shown when the reply was begun; the desk answers 409 if others sent the user more since. */
  postMessage: (reference: string, text: string, visibility: 'public' | 'internal', seen: { seenEntry?: number; confirm?: boolean; channel?: 'phone' } = {}) =>
    send<TimelineEntry>('POST', `${query(reference)}/messages`, { text, visibility, ...seen }),
  /** A message given up, or of unknown delivery, goes again from its first try; 409 for one sent or under way. */
  resend: (reference: string, entryId: number) => send<Delivery>('POST', `${query(reference)}/timeline/${entryId}/resend`),
  /** With the version the change was decided on: if someone changed the query since, the desk says what (409). */
  change: (reference: string, change: QueryChange, version?: number) =>
    send<QuerySummary>('PATCH', query(reference), change, version === undefined ? {} : { 'If-Match': `"${version}"` }),
  /** Conversations waiting for a person or held by one, of the queues the member may see. */
  liveConversations: () => send<ConversationSummary[]>('GET', '/api/conversations/live'),
  /** 409 when another agent holds it already. */
  takeConversation: (id: number) => send<ConversationSummary>('POST', `${conversation(id)}/take`),
  /** Hands the conversation back to the bot. */
  releaseConversation: (id: number) => send<ConversationSummary>('POST', `${conversation(id)}/release`),
  /** The supervisors' board: counts per queue, staff online, today's attainment, the latest feed lines. */
  board: () => send<BoardSnapshot>('GET', '/api/board'),
  /** The team's canned replies for the queues the member works, and the member's own. */
  cannedReplies: () => send<CannedReply[]>('GET', '/api/canned-replies'),
};
