import type { TimelineEntry } from './contract';
import { h, time, words } from './dom';

const kinds: Record<string, string> = {
  created: 'Created',
  message_in: 'Message from contact',
  message_out: 'Reply to contact',
  bot_message: 'Bot answer',
  note: 'Internal note',
  status_changed: 'Status changed',
  type_changed: 'Type changed',
  priority_changed: 'Priority changed',
  assignee_changed: 'Assignee changed',
  sla_breached: 'SLA breached',
  sla_warning: 'SLA warning',
  queue_changed: 'Queue changed',
  handoff_requested: 'Asked for a person',
  handoff_taken: 'Taken live',
  handoff_released: 'Handed back to the bot',
  handoff_timed_out: 'Nobody came in time',
};

export const kindName = (kind: string) => kinds[kind] ?? words(kind);

export function entryView(entry: TimelineEntry): HTMLLIElement {
  return h('li', { class: 'timeline-entry', 'data-kind': entry.kind, 'data-id': String(entry.id) },
    h('div', { class: 'timeline-meta' },
      h('span', { class: 'timeline-kind' }, kindName(entry.kind)),
      h('span', { class: 'timeline-actor' }, entry.actor),
      h('span', { class: 'timeline-time' }, time(entry.at))),
    h('p', { class: 'timeline-body' }, entry.body ?? describe(entry.data)));
}

/** Changes carry their facts in data ({"from":"new","to":"open","reason":…}); show them plainly. */
export function describe(data: Record<string, unknown> | null): string {
  if (data === null) return '';
  const { from, to, ...rest } = data;
  const parts: string[] = [];
  if (from !== undefined || to !== undefined) parts.push(`${text(from, true)} → ${text(to, true)}`);
  for (const [key, value] of Object.entries(rest)) parts.push(`${words(key)}: ${text(value, false)}`);
  return parts.join('; ');
}

function text(value: unknown, code: boolean): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'string') return JSON.stringify(value);
  return code ? words(value) : value;
}
