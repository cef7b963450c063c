// The SLA settings as the admin page writes them, in its language: the policies' and calendars' tables and the audit
// log's account of a change read the same.
import { days, type Calendar, type Escalation } from './admin-sla-api';
import { sw } from './admin-sla-words';
import { queueName } from './board-words';
import { words } from './dom';

export const typeName = (type: string) => (type === '*' ? '*' : words(type));

export function escalationText(escalation: Escalation | null): string {
  const steps = [
    escalation?.notifySupervisors && sw.escalations.notifySupervisors,
    escalation?.raisePriority && sw.escalations.raisePriority,
    escalation?.moveTo && sw.moveToQueue(queueName(escalation.moveTo)),
  ].filter((step): step is string => typeof step === 'string');
  return steps.length > 0 ? steps.join('; ') : sw.noEscalation;
}

/** A calendar's windows a day a line ("Mon 08:00-12:00, 13:00-17:30"); null when it runs around the clock. */
export function windowLines(windows: Calendar['windows']): string[] | null {
  if (windows === null) return null;
  return days.filter((day) => windows[day]?.length).map((day) => `${sw.shortDays[day]} ${windows[day].join(', ')}`);
}

export const holidaysText = (holidays: string[]) => (holidays.length > 0 ? holidays.join(', ') : sw.noHolidays);
