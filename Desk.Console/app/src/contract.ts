// The shapes Desk.Api sends (API-CONTRACT.md): camelCase JSON, ISO 8601 UTC times.

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
}

export interface TimelineEntry {
  id: number;
  reference: string;
  kind: string;
  actor: string;
  body: string | null;
  data: Record<string, unknown> | null;
  at: string;
}

export interface QueryDetail extends QuerySummary {
  text: string;
  catalogItem: string | null;
  modelVersion: string | null;
  timeline: TimelineEntry[];
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
