// The admin page's calls: staff accounts and API keys (admins), the classifier's loop (supervisors and admins), the audit log.
import { send } from './api';
import type { components } from './api-types';
import type { Wire } from './contract';

type Schemas = components['schemas'];

export type StaffAccount = Wire<Schemas['StaffAccount']>;
export type CreateStaff = Schemas['CreateStaff'];
/** Only the fields given change; a password is an admin's reset. */
export type UpdateStaff = Partial<Schemas['UpdateStaff']>;
export type ApiKeyInfo = Wire<Schemas['ApiKeyInfo']>;
export type IssuedApiKey = Wire<Schemas['IssuedApiKey']>;
export type ModelVersion = Wire<Schemas['ModelVersionView']>;
export type ClassifierImport = Wire<Schemas['ClassifierImportView']>;
export type ImportReceipt = Wire<Schemas['ImportReceipt']>;
export type RetrainReport = Wire<Schemas['RetrainReport']>;
export type AuditPage = Wire<Schemas['AuditPage']>;
export type AuditEvent = Wire<Schemas['AuditEvent']>;

export const roles = ['agent', 'supervisor', 'admin'] as const;
/** The scopes a key may hold (Desk.Api/Identity/Roles.cs, Scopes.All); the desk refuses any other. */
export const scopes = ['intake', 'queries:read', 'bot', 'metrics:read'] as const;

const member = (username: string) => `/api/admin/staff/${encodeURIComponent(username)}`;

export const admin = {
  staff: () => send<StaffAccount[]>('GET', '/api/admin/staff'),
  createStaff: (request: CreateStaff) => send<StaffAccount>('POST', '/api/admin/staff', request),
  updateStaff: (username: string, change: UpdateStaff) => send<StaffAccount>('PATCH', member(username), change),
  keys: () => send<ApiKeyInfo[]>('GET', '/api/admin/api-keys'),
  issueKey: (name: string, keyScopes: string[]) => send<IssuedApiKey>('POST', '/api/admin/api-keys', { name, scopes: keyScopes }),
  revokeKey: (id: number) => send<void>('DELETE', `/api/admin/api-keys/${id}`),
  models: () => send<ModelVersion[]>('GET', '/api/classifier/models'),
  activate: (version: string) => send<ModelVersion>('POST', `/api/classifier/models/${encodeURIComponent(version)}/activate`),
  imports: () => send<ClassifierImport[]>('GET', '/api/classifier/imports'),
  importCsv(file: File) {
    const form = new FormData();
    form.append('file', file);
    return send<ImportReceipt>('POST', '/api/classifier/examples/import', form);
  },
  removeImport: (number: number) => send<ClassifierImport>('DELETE', `/api/classifier/imports/${number}`),
  /** Answers when the run ends (it may take a minute); 409 while another run is going. */
  retrain: () => send<RetrainReport>('POST', '/api/classifier/retrain'),
  cancelRetrain: () => send<void>('DELETE', '/api/classifier/retrain'),
  audit(after: number | null, kind: string, limit = 50) {
    const search = new URLSearchParams({ limit: String(limit) });
    if (after !== null) search.set('after', String(after));
    if (kind) search.set('kind', kind);
    return send<AuditPage>('GET', `/api/admin/audit-events?${search}`);
  },
};
