// An SLA policy's or calendar's change in the audit log, which the desk records as {"old": …, "new": …} (old null for a
// new one): a line a setting, "label: old → new" for those that changed, in the page's language with the SLA section's
// labels and ways of writing a setting.
import type { Calendar, Policy } from './admin-sla-api';
import { fromWire, humanDuration } from './admin-sla-duration';
import { escalationText, holidaysText, typeName, windowLines } from './admin-sla-text';
import { sw } from './admin-sla-words';
import { aw } from './audit-words';

type Setting<T> = [label: string, text: (value: T) => string];

const duration = (wire: string) => humanDuration(fromWire(wire));

const policySettings: Setting<Policy>[] = [
  [sw.type, (p) => typeName(p.type)],
  [sw.priority, (p) => p.priority],
  [sw.serviceLevel, (p) => p.serviceLevel],
  [sw.firstResponse, (p) => duration(p.firstResponse)],
  [sw.nextResponse, (p) => duration(p.nextResponse)],
  [sw.resolution, (p) => duration(p.resolution)],
  [sw.calendar, (p) => p.calendar],
  [sw.escalation, (p) => escalationText(p.escalation ?? null)],
];

const calendarSettings: Setting<Calendar>[] = [
  [sw.timeZone, (c) => c.timeZone],
  [sw.workingWindows, (c) => windowLines(c.windows ?? null)?.join('; ') ?? sw.aroundTheClock],
  [sw.holidays, (c) => holidaysText(c.holidays ?? [])],
];

const settings: Record<string, Setting<never>[]> = { sla_policy_changed: policySettings, sla_calendar_changed: calendarSettings };

/** The lines of an SLA change, or null when the event is not one or its detail is not the shape the desk writes. */
export function slaChangeLines(kind: string, detail: string | null): string[] | null {
  const shown = settings[kind] as Setting<unknown>[] | undefined;
  if (!shown || !detail) return null;
  try {
    const { old, new: now } = JSON.parse(detail) as { old: unknown; new: unknown };
    if (typeof now !== 'object' || now === null) return null;
    const lines = shown.flatMap(([label, text]) => {
      const after = text(now);
      if (old === null || old === undefined) return [aw.setting(label, after)];
      const before = text(old);
      return before === after ? [] : [aw.changed(label, before, after)];
    });
    return lines.length > 0 ? lines : [aw.unchanged];
  } catch {
    return null;
  }
}
