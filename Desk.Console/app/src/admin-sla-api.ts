// The SLA section's calls (Desk.Api/Sla/SlaApi.cs): staff read policies and calendars, supervisors and admins set
// them, admins repair every open query's time frames.
import { send } from './api';
import type { components } from './api-types';
import type { Wire } from './contract';

type Schemas = components['schemas'];

export type Policy = Wire<Schemas['PolicyView']>;
export type Escalation = Wire<Schemas['SlaEscalation']>;
export type Calendar = Wire<Schemas['CalendarView']>;
export type RepairResult = Wire<Schemas['RepairResult']>;

/** The weekdays as the desk names them in a calendar's windows, Monday first. */
export const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const sla = {
  policies: () => send<Policy[]>('GET', '/api/sla/policies'),
  setPolicy: (policy: Policy) => send<Policy>('PUT', '/api/sla/policies', policy),
  calendars: () => send<Calendar[]>('GET', '/api/sla/calendars'),
  setCalendar: (name: string, calendar: Omit<Calendar, 'name'>) =>
    send<Calendar>('PUT', `/api/sla/calendars/${encodeURIComponent(name)}`, calendar),
  repair: () => send<RepairResult>('POST', '/api/admin/sla/repair'),
};
