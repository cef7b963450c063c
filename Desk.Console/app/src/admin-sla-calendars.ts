// The business calendars (supervisors and admins): time zone, working windows per weekday (none: around the clock) and
// holidays; one form adds a calendar or changes one, and a row's Change puts the calendar in it.
import { check, field, form, input, table } from './admin-fields';
import { submitting } from './admin-form';
import { Listing } from './admin-listing';
import { days, sla, type Calendar } from './admin-sla-api';
import { holidaysText, windowLines } from './admin-sla-text';
import { sw } from './admin-sla-words';
import { at } from './admin-words';
import { h } from './dom';

/** "08:00-12:00, 13:00-17:30" as its windows; the desk says what is wrong with any of them. */
const windowsOf = (text: string) => text.split(/[,;，；]/).map((w) => w.trim()).filter((w) => w !== '');
const datesOf = (text: string) => text.split(/[\s,;，；]+/).filter((d) => d !== '');

function windowsText(calendar: Calendar): HTMLElement {
  const lines = windowLines(calendar.windows);
  return lines === null ? h('span', {}, sw.aroundTheClock) : h('ul', { class: 'plain' }, ...lines.map((line) => h('li', {}, line)));
}

export class CalendarPanel {
  private readonly list: Listing<Calendar>;
  private readonly name = input('sla-calendar-name', 'name');
  private readonly timeZone = input('sla-time-zone', 'timeZone', { list: 'sla-time-zones' });
  private readonly always = check('sla-always', 'always', sw.aroundTheClock);
  private readonly windows = Object.fromEntries(days.map((day) =>
    [day, input(`sla-window-${day}`, day, { 'aria-describedby': 'sla-windows-hint sla-windows-error' })]));
  private readonly holidays = h('textarea', { id: 'sla-holidays', name: 'holidays', rows: '4' });
  private readonly form: HTMLFormElement;
  readonly element: HTMLElement;

  /** `loaded`: told the calendars each time they are read, for the policies' choice of calendar. */
  constructor(status: HTMLElement, loaded: (calendars: Calendar[]) => void) {
    const [calendars, rows] = table('sla-calendars', sw.calendarsCaption, [sw.calendarName, sw.timeZone, sw.workingWindows, sw.holidays, at.actions]);
    this.list = new Listing(rows, status, async () => {
      const read = await sla.calendars();
      loaded(read);
      return read;
    }, (calendar) => this.row(calendar));
    const zones = h('datalist', { id: 'sla-time-zones' }, ...Intl.supportedValuesOf('timeZone').map((zone) => new Option(zone)));
    const windows = h('fieldset', { id: 'sla-windows', class: 'days' }, h('legend', {}, sw.workingWindows),
      this.always[0],
      h('p', { id: 'sla-windows-hint', class: 'hint' }, sw.windowsHint),
      ...days.flatMap((day) => [h('label', { for: `sla-window-${day}` }, sw.days[day]), this.windows[day]]),
      h('p', { id: 'sla-windows-error', class: 'error', 'data-error-for': 'windows' }));
    this.form = form('sla-calendar', sw.calendarForm, [
      field(this.name, sw.calendarName, 'name', sw.calendarNameHint),
      field(this.timeZone, sw.timeZone, 'timeZone', sw.timeZoneHint), zones,
      windows,
      field(this.holidays, sw.holidays, 'holidays', sw.holidaysHint),
    ], sw.saveCalendar);
    this.always[1].addEventListener('change', () => this.showAlways());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.element = h('div', {}, h('h3', {}, sw.calendars), calendars, this.form);
  }

  reload(): Promise<void> {
    return this.list.reload();
  }

  private row(calendar: Calendar): HTMLTableRowElement {
    const name = calendar.name ?? '';
    const change = h('button', { type: 'button', 'aria-label': sw.changeCalendar(name), 'data-action': 'change' }, at.change);
    change.addEventListener('click', () => this.edit(calendar));
    return h('tr', { 'data-calendar': name },
      h('td', {}, name),
      h('td', {}, calendar.timeZone),
      h('td', {}, windowsText(calendar)),
      h('td', {}, holidaysText(calendar.holidays)),
      h('td', { class: 'actions' }, change));
  }

  private edit(calendar: Calendar): void {
    this.name.value = calendar.name ?? '';
    this.timeZone.value = calendar.timeZone;
    this.always[1].checked = calendar.windows === null;
    for (const day of days) this.windows[day].value = calendar.windows?.[day]?.join(', ') ?? '';
    this.holidays.value = calendar.holidays.join('\n');
    this.showAlways();
    this.timeZone.focus();
  }

  /** Around the clock has no windows: the weekdays' fields rest until it is unchecked. */
  private showAlways(): void {
    for (const day of days) this.windows[day].disabled = this.always[1].checked;
  }

  private async save(): Promise<void> {
    const name = this.name.value.trim();
    const calendar = {
      timeZone: this.timeZone.value.trim(),
      windows: this.always[1].checked ? null
        : Object.fromEntries(days.map((day) => [day, windowsOf(this.windows[day].value)]).filter(([, windows]) => windows.length > 0)),
      holidays: datesOf(this.holidays.value),
    };
    // A calendar is named by its address; an empty name would be another address, so the desk is asked of a placeholder.
    if (!await submitting(this.form, () => sla.setCalendar(name || '-', calendar))) return;
    this.list.say(sw.calendarSaved(name));
    await this.list.reload();
  }
}
