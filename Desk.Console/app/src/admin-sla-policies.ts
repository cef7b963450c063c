// The SLA policies (supervisors and admins): a table by priority, and one form to add a policy or change one; a row's
// Change puts it in the form. Targets are written as people write them ("4h 30m") and sent as the desk takes them.
import { ApiError } from './api';
import { check, field, form, input, select, table } from './admin-fields';
import { showProblem, submitting } from './admin-form';
import { Listing } from './admin-listing';
import { sla, type Policy } from './admin-sla-api';
import { fromWire, humanDuration, parseDuration, toWire, writtenDuration } from './admin-sla-duration';
import { escalationText, typeName } from './admin-sla-text';
import { sw } from './admin-sla-words';
import { at } from './admin-words';
import { queueName } from './board-words';
import { priorities, queryTypes } from './contract';
import { h, words } from './dom';

const targets = ['firstResponse', 'nextResponse', 'resolution'] as const;
const subject = (policy: Pick<Policy, 'type' | 'priority' | 'serviceLevel'>) => `${policy.type}/${policy.priority}/${policy.serviceLevel}`;

export class PolicyPanel {
  private readonly rows: HTMLTableSectionElement;
  private readonly list: Listing<Policy>;
  private readonly type = select('sla-type', 'type', [['*', sw.anyType], ...queryTypes.map((t): [string, string] => [t, words(t)])]);
  private readonly priority = select('sla-priority', 'priority', priorities.map((p): [string, string] => [p, p]));
  private readonly serviceLevel = input('sla-service-level', 'serviceLevel', { value: '*' });
  private readonly durations = {
    firstResponse: input('sla-first-response', 'firstResponse'),
    nextResponse: input('sla-next-response', 'nextResponse'),
    resolution: input('sla-resolution', 'resolution'),
  };
  private readonly calendar = select('sla-calendar', 'calendar');
  private readonly notify = check('sla-notify', 'notifySupervisors', sw.notifySupervisors);
  private readonly raise = check('sla-raise', 'raisePriority', sw.raisePriority);
  private readonly moveTo = select('sla-move-to', 'moveTo', [['', sw.noMove]]);
  private readonly form: HTMLFormElement;
  readonly element: HTMLElement;

  constructor(status: HTMLElement) {
    const [policies, rows] = table('sla-policies', sw.policiesCaption,
      [sw.type, sw.priority, sw.serviceLevel, sw.firstResponse, sw.nextResponse, sw.resolution, sw.calendar, sw.escalation, at.actions]);
    this.rows = rows;
    this.list = new Listing(rows, status, sla.policies, (policy) => this.row(policy));
    this.form = form('sla-policy', sw.policyForm, [
      field(this.type, sw.type, 'type'),
      field(this.priority, sw.priority, 'priority'),
      field(this.serviceLevel, sw.serviceLevel, 'serviceLevel', sw.serviceLevelHint),
      ...targets.map((target) => field(this.durations[target], sw[target], target, sw.durationHint)),
      field(this.calendar, sw.calendar, 'calendar'),
      h('fieldset', {}, h('legend', {}, sw.escalation), this.notify[0], this.raise[0], ...field(this.moveTo, sw.moveTo, 'escalation.moveTo')),
    ], sw.savePolicy);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.element = h('div', {}, h('h3', {}, sw.policies), policies, this.form);
  }

  reload(): Promise<void> {
    return this.list.reload();
  }

  /** The calendars a policy may run on, as the desk has them now; the one chosen stays chosen. */
  setCalendars(names: string[]): void {
    const chosen = this.calendar.value;
    this.calendar.replaceChildren(...names.map((name) => new Option(name, name)));
    if (names.includes(chosen)) this.calendar.value = chosen;
  }

  /** The queues an escalation may move a query to. */
  setQueues(queues: string[]): void {
    this.moveTo.replaceChildren(new Option(sw.noMove, ''), ...queues.map((queue) => new Option(queueName(queue), queue)));
  }

  private row(policy: Policy): HTMLTableRowElement {
    const change = h('button', { type: 'button', 'aria-label': sw.changePolicy(subject(policy)), 'data-action': 'change' }, at.change);
    change.addEventListener('click', () => this.edit(policy));
    return h('tr', { 'data-policy': subject(policy) },
      h('td', {}, typeName(policy.type)),
      h('td', {}, policy.priority),
      h('td', {}, policy.serviceLevel),
      ...targets.map((target) => h('td', { 'data-target': target }, humanDuration(fromWire(policy[target])))),
      h('td', {}, policy.calendar),
      h('td', {}, escalationText(policy.escalation)),
      h('td', { class: 'actions' }, change));
  }

  private edit(policy: Policy): void {
    this.type.value = policy.type;
    this.priority.value = policy.priority;
    this.serviceLevel.value = policy.serviceLevel;
    for (const target of targets) this.durations[target].value = writtenDuration(fromWire(policy[target]));
    this.calendar.value = policy.calendar;
    this.notify[1].checked = policy.escalation?.notifySupervisors ?? false;
    this.raise[1].checked = policy.escalation?.raisePriority ?? false;
    this.moveTo.value = policy.escalation?.moveTo ?? '';
    this.durations.firstResponse.focus();
  }

  private async save(): Promise<void> {
    const seconds = Object.fromEntries(targets.map((target) => [target, parseDuration(this.durations[target].value)]));
    const unreadable = targets.filter((target) => seconds[target] === null);
    if (unreadable.length > 0) {
      // Refused here, in the desk's own shape, so that it reads like the desk's refusals beside the same fields.
      showProblem(this.form, new ApiError(400, sw.notADuration, undefined,
        { errors: Object.fromEntries(unreadable.map((target) => [target, [sw.notADuration]])) }));
      return;
    }
    const policy: Policy = {
      type: this.type.value, priority: this.priority.value, serviceLevel: this.serviceLevel.value.trim(),
      firstResponse: toWire(seconds.firstResponse!), nextResponse: toWire(seconds.nextResponse!), resolution: toWire(seconds.resolution!),
      calendar: this.calendar.value,
      escalation: { notifySupervisors: this.notify[1].checked, raisePriority: this.raise[1].checked, moveTo: this.moveTo.value || null },
    };
    if (!await submitting(this.form, () => sla.setPolicy(policy))) return;
    this.list.say(sw.policySaved(subject(policy)));
    await this.list.reload();
    this.rows.querySelector<HTMLElement>(`tr[data-policy="${CSS.escape(subject(policy))}"]`)?.scrollIntoView({ block: 'nearest' });
  }
}
