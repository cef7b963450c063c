// The routing section (supervisors and admins): the queues (admin-queues.ts), every agent as the router sees them, and a
// form to change one's languages, load limit and queues. Its markup is built here, into admin.html's empty
// #routing-section. A queue the desk restricts is an admin's to give: a supervisor who tries hears the desk's refusal in
// the form.
import { api } from './api';
import { check, field, form, input, table } from './admin-fields';
import { submitting } from './admin-form';
import { Listing } from './admin-listing';
import { QueuesPanel } from './admin-queues';
import { routing, type AgentQueues, type AgentRouting } from './admin-routing-api';
import { rw } from './admin-routing-words';
import { at } from './admin-words';
import { queueName } from './board-words';
import { byId, h } from './dom';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

export class RoutingSection {
  private readonly section = byId('routing-section');
  private readonly status = h('p', { id: 'routing-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly list: Listing<AgentRouting>;
  private readonly queues = new QueuesPanel(this.status, () => this.showAgents());
  private readonly languages = input('routing-languages', 'languages');
  private readonly maxLoad = input('routing-max-load', 'maxLoad', { type: 'number', min: '1', max: '1000' });
  private readonly queueBoxes = h('div', { id: 'routing-queues', class: 'checks' });
  private readonly useConfiguration = check('routing-use-configuration', 'useConfiguration', rw.useConfiguration);
  private readonly form: HTMLFormElement;
  private editing: AgentRouting | null = null;

  constructor() {
    const [agents, rows] = table('routing-agents', rw.agentsCaption, [rw.agent, rw.availability, rw.load, rw.languages, rw.queues, at.actions]);
    this.list = new Listing(rows, this.status, routing.agents, (agent) => this.row(agent));
    const cancel = h('button', { id: 'routing-cancel', type: 'button' }, rw.cancel);
    cancel.addEventListener('click', () => this.close());
    this.form = form('routing-edit', '', [
      field(this.languages, rw.languages, 'languages', rw.languagesHint),
      field(this.maxLoad, rw.maxLoad, 'maxLoad'),
      h('fieldset', { 'aria-describedby': 'routing-queues-error' }, h('legend', {}, rw.queues), this.queueBoxes, this.useConfiguration[0],
        h('p', { id: 'routing-queues-error', class: 'error', 'data-error-for': 'queues' })),
    ], rw.save);
    this.form.hidden = true;
    this.form.append(cancel);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.useConfiguration[1].addEventListener('change', () => this.followConfiguration());
    this.section.append(h('h2', { id: 'routing-heading' }, rw.routing), h('p', { class: 'hint' }, rw.routingHint), this.status,
      this.queues.element, agents, this.form);
  }

  async show(isAdmin: boolean): Promise<void> {
    this.section.hidden = false;
    await Promise.all([this.queues.show(isAdmin), this.showAgents()]);
  }

  /** The agents and the form's queue boxes, as the desk has them now (a restriction changes both). */
  private async showAgents(): Promise<void> {
    const queues = await api.queues();
    this.queueBoxes.replaceChildren(...queues.map(({ queue, restricted }) => {
      const box = h('input', { type: 'checkbox', id: `routing-queue-${queue}`, name: 'queue', value: queue });
      return h('div', { class: 'check' }, box, h('label', { for: box.id }, restricted ? `${queueName(queue)} (${rw.restricted})` : queueName(queue)));
    }));
    await this.list.reload();
  }

  private row(agent: AgentRouting): HTMLTableRowElement {
    const change = h('button', { type: 'button', 'data-action': 'change', 'aria-label': rw.changeAgent(agent.username) }, at.change);
    change.addEventListener('click', () => this.open(agent));
    const availability = rw.availabilities[agent.availability] ?? agent.availability;
    return h('tr', { 'data-username': agent.username },
      h('td', {}, agent.username),
      h('td', {}, agent.connected ? availability : `${availability} (${rw.noConsole})`),
      h('td', {}, rw.loadOf(Number(agent.load), Number(agent.maxLoad))),
      h('td', { 'data-field': 'languages' }, agent.languages.join(', ')),
      h('td', { 'data-field': 'queues', 'data-from': agent.queuesFrom },
        `${agent.queues.length > 0 ? agent.queues.map(queueName).join(', ') : rw.noQueue} (${rw.from[agent.queuesFrom] ?? agent.queuesFrom})`),
      h('td', { class: 'actions' }, change));
  }

  private open(agent: AgentRouting): void {
    this.editing = agent;
    this.form.hidden = false;
    this.form.querySelector('h3')!.textContent = rw.changeAgent(agent.username);
    this.languages.value = agent.languages.join(', ');
    this.maxLoad.value = String(agent.maxLoad);
    this.useConfiguration[1].checked = false;
    for (const box of this.boxes()) {
      box.checked = agent.queues.includes(box.value);
      box.disabled = false;
    }
    this.languages.focus();
  }

  private close(): void {
    this.editing = null;
    this.form.hidden = true;
  }

  /** The queues come from configuration: the boxes say nothing then. */
  private followConfiguration(): void {
    for (const box of this.boxes()) box.disabled = this.useConfiguration[1].checked;
  }

  private boxes(): HTMLInputElement[] {
    return [...this.queueBoxes.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
  }

  private async save(): Promise<void> {
    const agent = this.editing;
    if (!agent) return;
    const languages = this.languages.value.split(/[\s,，、]+/).map((code) => code.trim().toLowerCase()).filter(Boolean);
    const maxLoad = Number(this.maxLoad.value);
    const queues = this.useConfiguration[1].checked ? null : this.boxes().filter((box) => box.checked).map((box) => box.value);
    const routingChanged = !sameList(languages, agent.languages) || maxLoad !== Number(agent.maxLoad);
    const queuesChanged = queues === null || !sameList([...queues].sort(), [...agent.queues].sort());
    let handed: AgentQueues | null = null;
    const done = await submitting(this.form, async () => {
      if (routingChanged) await routing.setRouting(agent.username, languages, maxLoad);
      if (queuesChanged) handed = await routing.setQueues(agent.username, queues);
    });
    // Part may have gone through (the languages, say) before the desk refused the queues: show the list as it is now.
    await this.list.reload();
    if (!done) return;
    const back = handed as AgentQueues | null;
    this.list.say(back && (Number(back.handedBackQueries) > 0 || Number(back.handedBackChats) > 0)
      ? rw.handedBack(agent.username, Number(back.handedBackQueries), Number(back.handedBackChats))
      : rw.saved(agent.username));
    this.close();
  }
}
