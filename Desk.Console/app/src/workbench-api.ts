// The desk calls of the agent's workbench: who a query may go to, its moments of truth, the team's day of them, and the
// supervisors' review of overrides. Shapes from api-types.ts (generated), narrowed as contract.ts does.
import { send } from './api';
import type { components } from './api-types';
import type { ImprovementCounts, Wire } from './contract';

type Schemas = components['schemas'];

export type Assignee = Schemas['Assignee'];
export type RecoveryView = Schemas['RecoveryView'];
export type MomentView = Omit<Schemas['MomentView'], 'id' | 'recovery'> & { id: number; recovery: RecoveryView | null };
export type QueryMoments = Omit<Schemas['QueryMoments'], 'moments'> & { moments: MomentView[] };
export type MomentsDay = Omit<Schemas['MomentsDay'], 'moments'> & { moments: MomentView[] };
export type OverrideView = Omit<Schemas['OverrideView'], 'id' | 'review'> & { id: number; review: Schemas['OverrideReview'] | null };
export type OverrideCount = { rule: string; total: number; unreviewed: number; accepted: number; proposedChanges: number };
export type OverrideReviewed = Wire<Schemas['OverrideReviewed']>;

const query = (reference: string) => `/api/queries/${encodeURIComponent(reference)}`;

export const workbenchApi = {
  /** The staff who work the query's queue. */
  assignees: (reference: string) => send<Assignee[]>('GET', `${query(reference)}/assignees`),
  moments: (reference: string) => send<QueryMoments>('GET', `${query(reference)}/moments`),
  recordMoment: (reference: string, polarity: 'positive' | 'negative', note: string) =>
    send<unknown>('POST', `${query(reference)}/moments`, { kind: 'other', polarity, note: note || null }),
  recovered: (reference: string, id: number, note: string) =>
    send<void>('POST', `${query(reference)}/moments/${id}/recovered`, { note }),
  /** Today's moments (the board's time zone) in the queues the member may see. */
  today: () => send<MomentsDay>('GET', '/api/moments'),
  unreviewedOverrides: () => send<OverrideView[]>('GET', '/api/overrides?reviewed=false'),
  /** For `propose_change`, `improvement` is the improvement register's new entry. */
  review: (id: number, decision: 'accept' | 'propose_change', note: string) =>
    send<OverrideReviewed>('POST', `/api/overrides/${id}/review`, { decision, note: note || null }),
  overrideCounts: () => send<OverrideCount[]>('GET', '/api/overrides/counts'),
  /** The improvement register by status, and of it the rule changes proposed from overrides (the board's). */
  improvementCounts: () => send<ImprovementCounts>('GET', '/api/improvements/counts'),
};
