// The shapes Desk.Api sends, mirroring its records in Desk.Api/Queries/QueryRecords.cs and Desk.Api/Conversations/:
// camelCase JSON, ISO 8601 UTC times.

export type Role = 'agent' | 'supervisor' | 'admin';

export interface StaffMember {
  username: string;
  displayName: string;
  role: Role;
}

export interface QueueLoad {
  queue: string;
  practice: string;
  open: number;
}

export const statuses = ['new', 'open', 'in_progress', 'waiting_for_user', 'resolved', 'closed'] as const;

export interface QuerySummary {
  reference: string;
  type: string;
  queue: string;
  status: string;
  priority: string;
  channel: string;
  subject: string;
  contactId: number;
  contactName: string | null;
  assignee: string | null;
  createdAt: string;
  updatedAt: string;
  firstResponseDue: string | null;
  resolutionDue: string | null;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  slaState: 'on_track' | 'breached';
  confidence: number | null;
  decidedBy: string;
  /** Bumped by every change; a change names the version it was made on (If-Match). */
  version: number;
  /** While the user waits for an answer to their latest words. */
  nextResponseDue: string | null;
  /** A clock is stopped (waiting for the user). */
  slaPaused: boolean;
}

export type DeliveryState = 'pending' | 'sending' | 'sent' | 'retrying' | 'failed' | 'unknown';

/** How far an outgoing message got on its way to the contact's channel. */
export interface Delivery {
  state: DeliveryState;
  attempts: number;
  channel: string;
  at: string;
  error: string | null;
}

export interface TimelineEntry {
  id: number;
  reference: string;
  /** 'message_in' (the contact), 'message_out' (an agent), 'bot_message', 'note' (internal); the rest are events. */
  kind: string;
  actor: string;
  body: string | null;
  data: Record<string, unknown> | null;
  at: string;
  /** Set on outgoing entries ('message_out', 'bot_message'); null on the rest. */
  delivery: Delivery | null;
}

export interface DeliveryChange {
  reference: string;
  entryId: number;
  delivery: Delivery;
}

/** 'bot' answers by itself; 'waiting' asked for a person; 'live' is held by one agent. */
export type ConversationState = 'bot' | 'waiting' | 'live';

export interface ConversationSummary {
  id: number;
  channel: string;
  state: ConversationState;
  agent: string | null;
  reference: string | null;
  queue: string | null;
  contactName: string | null;
  language: 'en' | 'zh';
  waitingSince: string | null;
  lastMessage: string | null;
  updatedAt: string;
}

export interface QueryDetail extends QuerySummary {
  text: string;
  catalogItem: string | null;
  modelVersion: string | null;
  timeline: TimelineEntry[];
  /** Non-null when the query came from, or is linked to, a chat. */
  conversation: ConversationSummary | null;
}

export interface QueryPage {
  items: QuerySummary[];
  next: string | null;
}

/** A query moved between queues; its old queue is told only this, as it may not see the new one. */
export interface QueryMove {
  reference: string;
  from: string;
  to: string;
}

export interface SlaBreach {
  reference: string;
  queue: string;
  kind: 'first_response' | 'resolution';
  dueAt: string;
  at: string;
}

export interface QueryChange {
  status?: string;
  assignee?: string | null;
  priority?: string;
  type?: string;
  reason?: string;
}

// The live board (Desk.Api/Board/BoardRecords.cs): aggregates, never the queries themselves.

export interface QueueBoard {
  queue: string;
  practice: string;
  open: number;
  atRisk: number;
  breached: number;
  /** When the longest-waiting query still without a first answer came in. */
  oldestWaitingSince: string | null;
}

export interface AgentBoard {
  username: string;
  displayName: string;
  role: string;
  online: boolean;
  /** Open queries assigned. */
  open: number;
}

export interface Attainment {
  day: string;
  timeZone: string;
  firstResponses: number;
  firstResponsesMet: number;
  resolutions: number;
  resolutionsMet: number;
}

export interface BoardFeedItem {
  kind: string;
  at: string;
  reference: string | null;
  queue: string | null;
  metric: string | null;
  share: number | null;
  text: string | null;
  momentOfTruth: boolean;
}

export interface BoardSnapshot {
  node: string;
  sequence: number;
  at: string;
  atRiskWithin: string;
  queues: QueueBoard[];
  agents: AgentBoard[];
  today: Attainment;
  feed: BoardFeedItem[];
  /** The improvement register by status. */
  improvements: ImprovementCounts | null;
}

export interface ImprovementCounts {
  new: number;
  accepted: number;
  planned: number;
  done: number;
  declined: number;
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
