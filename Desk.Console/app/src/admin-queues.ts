// The queues of the routing section: who works each, and whether it is restricted (only the agents given it see it).
// Supervisors read it; an admin restricts a queue, opens it to every agent, or leaves it to configuration, and the desk
// answers with what went back to the queue. `changed` lets the agents' list and form show the new access.
import { table } from './admin-fields';
import { Listing } from './admin-listing';
import { routing, type QueueSetting } from './admin-routing-api';
import { rw } from './admin-routing-words';
import { at } from './admin-words';
import { queueName } from './board-words';
import { h } from './dom';

export class QueuesPanel {
  readonly element: HTMLTableElement;
  private readonly list: Listing<QueueSetting>;
  private admin = false;

  constructor(status: HTMLElement, private readonly changed: () => Promise<void>) {
    const [queues, rows] = table('queue-access', rw.queuesCaption, [rw.queue, rw.access, rw.workedBy, at.actions]);
    this.element = queues;
    this.list = new Listing(rows, status, routing.queues, (queue) => this.row(queue));
  }

  async show(isAdmin: boolean): Promise<void> {
    this.admin = isAdmin;
    await this.list.reload();
  }

  private row(queue: QueueSetting): HTMLTableRowElement {
    const name = queueName(queue.queue);
    const access = `${queue.restricted ? rw.restrictedQueue : rw.openQueue} (${rw.restrictionFrom[queue.restrictedFrom] ?? queue.restrictedFrom})`;
    const actions = h('td', { class: 'actions' });
    if (this.admin) {
      const button = (text: string, label: string, restricted: boolean | null, action: string) =>
        this.list.button(text, label, async () => {
          const set = await routing.restrict(queue.queue, restricted);
          await this.changed();
          return set;
        }, (set) => rw.queueChanged(name, set.restricted, Number(set.handedBackQueries), Number(set.handedBackChats)), action);
      actions.append(queue.restricted
        ? button(rw.open, rw.openTheQueue(name), false, 'open')
        : button(rw.restrict, rw.restrictQueue(name), true, 'restrict'));
      if (queue.restrictedFrom === 'desk') actions.append(button(rw.asConfigured, rw.queueAsConfigured(name), null, 'configuration'));
    }
    return h('tr', { 'data-queue': queue.queue, 'data-restricted': String(queue.restricted) },
      h('th', { scope: 'row' }, name),
      h('td', { 'data-field': 'access', 'data-from': queue.restrictedFrom }, access),
      h('td', { 'data-field': 'agents' }, queue.agents.length > 0 ? queue.agents.join(', ') : rw.noAgent),
      actions);
  }
}
