// The shapes Desk.Api sends. The HTTP ones come from api-types.ts, which openapi-typescript generates from the desk's
// OpenAPI document (`npm run contract`; tests fail when either is stale); here they are only narrowed to what the
// desk writes. The hub's own payloads are not in that document: they are written below, from generated parts, and
// a test compares their fields with the C# records (Desk.Tests/Console/ConsoleContractTests.cs).
import type { components } from './api-types';

type Schemas = components['schemas'];

/**
 * What the desk writes for a schema: the OpenAPI document allows an integer as a string (`number | string`), the
 * desk writes numbers; a property with a C# default is optional there, the desk writes it (null included).
 */
export type Wire<T> = [number] extends [T] ? ([string] extends [T] ? Exclude<T, string> : T)
  : T extends (infer U)[] ? Wire<U>[]
  : T extends object ? { -readonly [K in keyof T]-?: Wire<T[K]> }
  : T;

/** Narrows the codes the desk sends as plain strings to the ones the console knows. */
type With<T, Narrow> = Omit<T, keyof Narrow> & Narrow;

export type Role = 'agent' | 'supervisor' | 'admin';
export type StaffMember = With<Wire<Schemas['StaffProfile']>, { role: Role }>;
export type QueueLoad = Wire<Schemas['QueueCount']>;
/** A ready answer; `queue` null is offered in every queue, `owner` null is the team's. */
export type CannedReply = Wire<Schemas['CannedReply']>;

/** The query types (ITIL 4 Table 8.4 and plain questions), as the desk writes them. */
export const queryTypes = ['incident', 'disaster', 'service_request', 'change_request', 'complaint', 'compliment',
  'improvement_suggestion', 'security_event', 'consultation'] as const;
export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;

export const statuses = ['new', 'open', 'in_progress', 'waiting_for_user', 'resolved', 'closed'] as const;

/**
 * Where each status may go, as the desk allows it (Desk.Api/Queries/QueryStatus.cs); anything else is refused (409).
 * ConsoleContractTests fails when the two differ.
 */
export const nextStatuses: Record<string, readonly string[]> = {
  new: ['open', 'in_progress'],
  open: ['in_progress'],
  in_progress: ['waiting_for_user', 'resolved'],
  waiting_for_user: ['in_progress', 'resolved'],
  resolved: ['closed', 'open'],
  closed: [],
};

/** `version` is bumped by every change; a change names the version it was made on (If-Match). */
export type QuerySummary = With<Wire<Schemas['QuerySummary']>, {
  contactName: string | null;
  firstResponseDue: string | null;
  resolutionDue: string | null;
  confidence: number | null;
  slaState: 'on_track' | 'breached';
  slaDue: string | null;
}>;

/** A saved queue view; `filters` holds only the filters it sets (null for the rest). */
export type SavedView = With<Wire<Schemas['SavedView']>, { filters: { [K in keyof Wire<Schemas['ListFilters']>]: string | null } }>;

export type DeliveryState = 'pending' | 'sending' | 'sent' | 'retrying' | 'failed' | 'unknown';
/** How far an outgoing message got on its way to the contact's channel. */
export type Delivery = With<Wire<Schemas['Delivery']>, { state: DeliveryState }>;

/**
 * `kind`: 'message_in' (the contact), 'message_out' (an agent), 'bot_message', 'note' (internal); the rest are
 * events. `delivery` is set on outgoing entries ('message_out', 'bot_message'), null on the rest.
 */
export type TimelineEntry = With<Wire<Schemas['TimelineEntry']>, { data: Record<string, unknown> | null; delivery: Delivery | null }>;

/** 'bot' answers by itself; 'waiting' asked for a person; 'live' is held by one agent. */
export type ConversationState = 'bot' | 'waiting' | 'live';
export type ConversationSummary = With<Wire<Schemas['ConversationSummary']>, { state: ConversationState; language: 'en' | 'zh' }>;

/** `conversation` is non-null when the query came from, or is linked to, a chat. */
export type QueryDetail = QuerySummary & With<
  Pick<Wire<Schemas['QueryDetail']>, 'text' | 'catalogItem' | 'catalogGranted' | 'modelVersion' | 'decisionRule' | 'impact' | 'urgency' | 'asOf'>,
  { timeline: TimelineEntry[]; conversation: ConversationSummary | null }>;

export type QueryPage = With<Wire<Schemas['QueryPage']>, { items: QuerySummary[] }>;
export type QueryChange = Partial<Wire<Schemas['QueryPatch']>>;

// The live board (Desk.Api/Board/BoardRecords.cs): aggregates, never the queries themselves.
/** `oldestWaitingSince`: when the longest-waiting query still without a first answer came in. */
export type QueueBoard = Wire<Schemas['QueueBoard']>;
/** `open`: open queries assigned. */
export type AgentBoard = Wire<Schemas['AgentBoard']>;
export type Attainment = Wire<Schemas['Attainment']>;
export type BoardFeedItem = Wire<Schemas['BoardFeedItem']>;
export type ImprovementCounts = Wire<Schemas['ImprovementCounts']>;
export type BoardSnapshot = Wire<Schemas['BoardSnapshot']>;

// Hub payloads (Desk.Api/Realtime/IDeskClient.cs and the records it names): not in the OpenAPI document.

export interface DeliveryChange {
  reference: string;
  entryId: number;
  delivery: Delivery;
  queue: string;
}

/** A query moved between queues; its old queue is told only this, as it may not see the new one. */
export interface QueryMove {
  reference: string;
  from: string;
  to: string;
}

/** A query used a warning share (75%, 90%) of the time to its deadline `dueAt`. */
export interface SlaWarning {
  reference: string;
  queue: string;
  kind: 'first_response' | 'next_response' | 'resolution';
  share: number;
  dueAt: string;
  at: string;
}

export interface SlaBreach {
  reference: string;
  queue: string;
  kind: 'first_response' | 'resolution';
  dueAt: string;
  at: string;
}

/**
 * A survey answered with a low score or a negative comment (Desk.Api/Surveys/SurveyRecords.cs): `kind` is the survey's
 * (csat, nps, ces), `recovery` the query opened to recover it.
 */
export interface MomentOfTruth {
  reference: string;
  queue: string;
  kind: string;
  score: number | null;
  comment: string | null;
  recovery: string | null;
  at: string;
}

/** The rows that changed, whole, and new feed lines, oldest first. */
export interface BoardChange {
  node: string;
  sequence: number;
  queues: QueueBoard[];
  agents: AgentBoard[];
  today: Attainment | null;
  items: BoardFeedItem[];
}

/** Another console on a query this one views (Desk.Api/Realtime/QueryViewing.cs); `viewer` is one console (a tab). */
export interface QueryPresence {
  reference: string;
  viewer: string;
  username: string;
  displayName: string;
  state: 'joined' | 'viewing' | 'typing' | 'left';
}
