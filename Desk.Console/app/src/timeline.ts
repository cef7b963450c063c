import { c } from './catalog-words';
import { t } from './console-words';
import type { TimelineEntry } from './contract';
import { h, time, words } from './dom';
import { formatNumber } from './language';
import { actorName } from './staff-names';
import { deskSentence } from './timeline-says';

export const kindName = (kind: string) => t.kinds[kind] ?? c.kinds[kind] ?? words(kind);

/** `contact`: who the user is, named for what they wrote and for what a channel's key filed for them. */
export function entryView(entry: TimelineEntry, contact: string): HTMLLIElement {
  const byContact = entry.kind === 'message_in' || (entry.kind === 'created' && entry.actor.startsWith('key:'));
  return h('li', { class: 'timeline-entry', 'data-kind': entry.kind, 'data-id': String(entry.id) },
    h('div', { class: 'timeline-meta' },
      h('span', { class: 'timeline-kind' }, kindName(entry.kind)),
      h('span', { class: 'timeline-actor', title: entry.actor }, byContact ? contact : actorName(entry)),
      h('span', { class: 'timeline-time' }, time(entry.at))),
    h('p', { class: 'timeline-body' }, entryText(entry)));
}

/** What an entry says: the desk's own sentence in the page's language, a person's words, or its facts. */
export function entryText(entry: TimelineEntry): string {
  const said = deskSentence(entry.data) ?? entry.body;
  // A merge names the other query (when the reader may see it) before its reason.
  const other = entry.kind === 'merged_into' ? entry.data?.into : entry.kind === 'merge_received' ? entry.data?.from : undefined;
  if (typeof other === 'string') return said ? `${other}: ${said}` : other;
  return said ?? describe(entry.data);
}

/** Changes carry their facts in data ({"from":"new","to":"open","reason":…}); show them plainly. */
export function describe(data: Record<string, unknown> | null): string {
  if (data === null) return '';
  const { from, to, says: _, ...rest } = data;
  const parts: string[] = [];
  if (from !== undefined || to !== undefined) parts.push(`${text(from, true)} → ${text(to, true)}`);
  for (const [key, value] of Object.entries(rest)) parts.push(`${words(key)}: ${text(value, false)}`);
  return parts.join('; ');
}

function text(value: unknown, code: boolean): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(Math.round(value * 10) / 10);
  if (typeof value !== 'string') return JSON.stringify(value);
  return code ? words(value) : value;
}
