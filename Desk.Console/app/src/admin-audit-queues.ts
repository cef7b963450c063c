// A queue change in the audit log, which the desk records as JSON: an agent's queues ({"old": [...], "new": [...]}) or
// whether a queue is restricted ({"old": bool, "new": bool, "from": "desk" | "configuration"}). A line for each, in the
// page's language, with the queues named as the console names them.
import { queueName } from './board-words';
import { aw } from './audit-words';

const names = (queues: unknown) => (Array.isArray(queues) && queues.length > 0 ? queues.map((q) => queueName(String(q))).join(', ') : aw.noQueues);

type Change = { old?: unknown; new?: unknown; from?: unknown };

const lines: Record<string, (change: Change) => string[]> = {
  agent_queues_changed: (c) => {
    const before = Array.isArray(c.old) ? c.old.map(String) : [];
    const after = Array.isArray(c.new) ? c.new.map(String) : [];
    const added = after.filter((q) => !before.includes(q));
    const removed = before.filter((q) => !after.includes(q));
    return [
      aw.changed(aw.queues, names(before), names(after)),
      ...(added.length > 0 ? [aw.setting(aw.added, names(added))] : []),
      ...(removed.length > 0 ? [aw.setting(aw.removed, names(removed))] : []),
    ];
  },
  queue_restriction_changed: (c) => [
    aw.changed(aw.restricted, c.old ? aw.yes : aw.no, c.new ? aw.yes : aw.no),
    ...(c.from === 'configuration' ? [aw.fromConfiguration] : []),
  ],
};

/** The lines of a queue change, or null when the event is not one or its detail is not the shape the desk writes. */
export function queueChangeLines(kind: string, detail: string | null): string[] | null {
  const say = lines[kind];
  if (!say || !detail) return null;
  try {
    const change = JSON.parse(detail) as unknown;
    return typeof change === 'object' && change !== null && 'new' in change ? say(change as Change) : null;
  } catch {
    return null;
  }
}
