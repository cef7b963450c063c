// The contact card's calls (Desk.Api/Contacts): merge and un-merge contacts, erase and export (admins), and a query's
// mail attachments (Desk.Api/Email). Exports and attachments are downloads the browser fetches with the session cookie.
import { send } from './api';
import type { components } from './api-types';
import type { Wire } from './contract';

type Schemas = components['schemas'];

export type ContactMergeReceipt = Wire<Schemas['ContactMergeReceipt']>;
export type ContactErasureReceipt = Wire<Schemas['ContactErasureReceipt']>;
export type MailAttachment = Wire<Schemas['MailAttachment']>;

const contact = (id: number) => `/api/contacts/${id}`;
const attachments = (reference: string) => `/api/queries/${encodeURIComponent(reference)}/attachments`;

export const contacts = {
  /** Moves every identity, query and chat of contact `from` into contact `id`. */
  merge: (id: number, from: number, reason: string) => send<ContactMergeReceipt>('POST', `${contact(id)}/merge`, { from, reason }),
  /** Undoes merge `merge` (an id from the card's merges) into contact `id`. */
  unmerge: (id: number, merge: number, reason: string) => send<ContactMergeReceipt>('POST', `${contact(id)}/unmerge`, { merge, reason }),
  /** `confirm` repeats the contact's display name or id. */
  erase: (id: number, reason: string, confirm: string) => send<ContactErasureReceipt>('POST', `${contact(id)}/erase`, { reason, confirm }),
  exportUrl: (id: number) => `${contact(id)}/export`,
  attachments: (reference: string) => send<MailAttachment[]>('GET', attachments(reference)),
  attachmentUrl: (reference: string, id: number) => `${attachments(reference)}/${id}`,
};
