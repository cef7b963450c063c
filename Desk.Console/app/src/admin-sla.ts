// The SLA section (supervisors and admins, who may set policies and calendars): the policies, the business calendars,
// and for admins the repair of every open query's time frames. Its markup is built here, into admin.html's empty
// #sla-section, so that the page's other sections and this one change apart.
import { api } from './api';
import { message } from './admin-form';
import { sla } from './admin-sla-api';
import { CalendarPanel } from './admin-sla-calendars';
import { PolicyPanel } from './admin-sla-policies';
import { sw } from './admin-sla-words';
import { byId, h } from './dom';
import { formatNumber } from './language';

export class SlaSection {
  private readonly section = byId('sla-section');
  private readonly status = h('p', { id: 'sla-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly policies = new PolicyPanel(this.status);
  private readonly calendars = new CalendarPanel(this.status, (read) => this.policies.setCalendars(read.map((c) => c.name ?? '')));
  private readonly repairButton = h('button', { id: 'sla-repair', type: 'button' }, sw.repairNow);
  private readonly repairStatus = h('p', { id: 'sla-repair-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly repair = h('div', { id: 'sla-repair-part', hidden: '' },
    h('h3', {}, sw.repair), h('p', { class: 'hint' }, sw.repairHint), this.repairButton, this.repairStatus);

  constructor() {
    this.section.append(h('h2', { id: 'sla-heading' }, sw.sla), h('p', { class: 'hint' }, sw.slaHint), this.status,
      this.policies.element, this.calendars.element, this.repair);
    this.repairButton.addEventListener('click', () => void this.runRepair());
  }

  async show(mayRepair: boolean): Promise<void> {
    this.section.hidden = false;
    this.repair.hidden = !mayRepair;
    const queues = api.queues().then((loads) => this.policies.setQueues(loads.map((load) => load.queue)), () => undefined);
    // The calendars first: the policies' form chooses among them.
    await this.calendars.reload();
    await Promise.all([this.policies.reload(), queues]);
  }

  private async runRepair(): Promise<void> {
    this.repairButton.disabled = true;
    this.repairStatus.textContent = sw.repairing;
    delete this.repairStatus.dataset.changed;
    try {
      const result = await sla.repair();
      this.repairStatus.textContent = sw.repaired(formatNumber(Number(result.checked)), formatNumber(Number(result.changed)));
      this.repairStatus.dataset.checked = String(result.checked);
      this.repairStatus.dataset.changed = String(result.changed);
    } catch (error) {
      this.repairStatus.textContent = message(error);
    } finally {
      this.repairButton.disabled = false;
    }
  }
}
