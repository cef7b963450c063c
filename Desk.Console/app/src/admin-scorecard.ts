// The SLA scorecard (supervisors and admins): a period of whole UTC days grouped by priority, type, queue or service
// level, as GET /api/sla/scorecard computes it, and the same as CSV to download. Its markup is built here, into
// admin.html's empty #scorecard-section.
import { send } from './api';
import type { components } from './api-types';
import { field, form, input, select } from './admin-fields';
import { submitting } from './admin-form';
import { humanDuration } from './admin-sla-duration';
import { sc } from './admin-scorecard-words';
import { queueName } from './board-words';
import type { Wire } from './contract';
import { byId, h, words } from './dom';
import { formatNumber } from './language';

type Scorecard = Wire<components['schemas']['SlaScorecardView']>;
type Group = Wire<components['schemas']['ScorecardGroup']>;
type Score = Wire<components['schemas']['MetricScore']>;

const groupings = ['priority', 'type', 'queue', 'service_level'];

export class ScorecardSection {
  private readonly section = byId('scorecard-section');
  private readonly from = input('scorecard-from', 'from', { type: 'date' });
  private readonly to = input('scorecard-to', 'to', { type: 'date' });
  private readonly by = select('scorecard-by', 'by', groupings.map((g): [string, string] => [g, sc.groupings[g]]));
  private readonly form: HTMLFormElement;
  private readonly download = h('a', { id: 'scorecard-csv', download: '' }, sc.download);
  private readonly result = h('div', { id: 'scorecard-result' });

  constructor() {
    this.form = form('scorecard-form', sc.period, [field(this.from, sc.from, 'from'), field(this.to, sc.to, 'to'), field(this.by, sc.by, 'by')], sc.show);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
    this.section.append(h('h2', { id: 'scorecard-heading' }, sc.scorecard), h('p', { class: 'hint' }, sc.scorecardHint), this.form,
      this.download, this.result);
  }

  async show(): Promise<void> {
    this.section.hidden = false;
    await this.load();
  }

  /** The period the form names; empty dates leave the desk's default (the last 30 days). */
  private search(format?: 'csv'): URLSearchParams {
    const search = new URLSearchParams({ by: this.by.value });
    if (this.from.value) search.set('from', this.from.value);
    if (this.to.value) search.set('to', this.to.value);
    if (format) search.set('format', format);
    return search;
  }

  private async load(): Promise<void> {
    let card: Scorecard | null = null;
    const search = this.search();
    if (!await submitting(this.form, async () => { card = await send<Scorecard>('GET', `/api/sla/scorecard?${search}`); })) return;
    const shown = card as Scorecard | null;
    if (!shown) return;
    this.from.value = shown.from;
    this.to.value = shown.to;
    this.download.href = `/api/sla/scorecard?${this.search('csv')}`;
    this.result.replaceChildren(h('table', { id: 'scorecard-table', class: 'grid' },
      h('caption', {}, sc.caption(shown.from, shown.to)),
      h('thead', {}, h('tr', {}, ...[sc.group, sc.created, sc.firstResponse, sc.resolution].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', { id: 'scorecard-rows' }, ...shown.groups.map((group) => this.row(group, shown.by === 'queue' ? queueName(group.key) : words(group.key))), this.row(shown.total, sc.all, true))));
    this.section.dataset.loaded = 'true';
  }

  private row(group: Group, name: string, total = false): HTMLTableRowElement {
    return h('tr', { 'data-group': total ? '(all)' : group.key },
      h('th', { scope: 'row' }, name),
      h('td', {}, formatNumber(Number(group.created))),
      this.score(group.firstResponse, 'first-response'),
      this.score(group.resolution, 'resolution'));
  }

  private score(score: Score, metric: string): HTMLTableCellElement {
    const attained = score.attainmentPercent === null ? sc.nothing : `${formatNumber(Number(score.attainmentPercent))}% ${sc.attainment}`;
    const time = (seconds: number | string | null) => (seconds === null ? sc.nothing : humanDuration(Math.round(Number(seconds))));
    return h('td', { 'data-metric': metric, 'data-attainment': score.attainmentPercent === null ? '' : String(score.attainmentPercent) },
      h('strong', {}, attained), h('br'), sc.counts(Number(score.met), Number(score.late), Number(score.overdue)), h('br'),
      sc.times(time(score.averageSeconds), time(score.p90Seconds)));
  }
}
