// The case file's calls: contact cards, merges and major outages (Desk.Api/Contacts, Queries/Merges, Outages).
import { api, send } from './api';
import type { components } from './api-types';
import type { Wire } from './contract';

type Schemas = components['schemas'];

export type ContactCard = Wire<Schemas['ContactCard']>;
export type OutageSummary = Wire<Schemas['OutageSummary']>;
export type OutageDetail = Wire<Schemas['OutageDetail']>;
export type LinkReport = Wire<Schemas['LinkReport']>;
export type NoticeReport = Wire<Schemas['NoticeReport']>;

const outage = (id: number) => `/api/outages/${id}`;

export const casefile = {
  contact: (id: number) => send<ContactCard>('GET', `/api/contacts/${id}`),
  merge: (reference: string, into: string, reason: string) =>
    send<unknown>('POST', `/api/queries/${encodeURIComponent(reference)}/merge`, { into, reason }),
  outages: () => send<OutageSummary[]>('GET', '/api/outages'),
  outage: (id: number) => send<OutageDetail>('GET', outage(id)),
  declare: (title: string, description: string) => send<OutageSummary>('POST', '/api/outages', { title, description }),
  link: (id: number, references: string[]) => send<LinkReport>('POST', `${outage(id)}/links`, { references }),
  /** `translations`: the same words in another language the desk speaks (en, zh), for the users who speak it. */
  notice: (id: number, text: string, translations: Record<string, string> = {}) =>
    send<NoticeReport>('POST', `${outage(id)}/notices`, { text, translations }),
  resolve: (id: number, resolution: string, resolveQueries: boolean, translations: Record<string, string> = {}) =>
    send<unknown>('POST', `${outage(id)}/resolve`, { resolution: resolution || null, resolveQueries, translations }),
  query: api.query,
};
