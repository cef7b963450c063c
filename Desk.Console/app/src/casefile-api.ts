// The case file's calls: contact cards, merges and major outages (Desk.Api/Contacts, Queries/Merges, Outages).
import { api, send } from './api';
import type { components } from './api-types';

type Schemas = components['schemas'];
type Wire<T> = { -readonly [K in keyof T]-?: [number] extends [T[K]] ? Exclude<T[K], string> : T[K] };

export type ContactCard = Omit<Wire<Schemas['ContactCard']>, 'identities' | 'queries'> & {
  identities: Wire<Schemas['ContactChannelIdentity']>[];
  queries: Wire<Schemas['ContactQuery']>[];
};
export type OutageSummary = Wire<Schemas['OutageSummary']>;
export type OutageDetail = { outage: OutageSummary; links: Wire<Schemas['OutageLink']>[] };
export type LinkReport = { outage: OutageSummary; items: Wire<Schemas['LinkOutcome']>[] };
export type NoticeReport = { told: string[]; unreachable: string[] };

const outage = (id: number) => `/api/outages/${id}`;

export const casefile = {
  contact: (id: number) => send<ContactCard>('GET', `/api/contacts/${id}`),
  merge: (reference: string, into: string, reason: string) =>
    send<unknown>('POST', `/api/queries/${encodeURIComponent(reference)}/merge`, { into, reason }),
  outages: () => send<OutageSummary[]>('GET', '/api/outages'),
  outage: (id: number) => send<OutageDetail>('GET', outage(id)),
  declare: (title: string, description: string) => send<OutageSummary>('POST', '/api/outages', { title, description }),
  link: (id: number, references: string[]) => send<LinkReport>('POST', `${outage(id)}/links`, { references }),
  notice: (id: number, text: string) => send<NoticeReport>('POST', `${outage(id)}/notices`, { text }),
  resolve: (id: number, resolution: string, resolveQueries: boolean) =>
    send<unknown>('POST', `${outage(id)}/resolve`, { resolution: resolution || null, resolveQueries }),
  query: api.query,
};
