// Every piece of data reaches the page as a text node or an attribute value, never as markup.
import { code, t } from './console-words';
import { formatDate, formatNumber } from './language';

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`The page has no #${id}.`);
  return element as T;
}

/** "waiting_for_user" reads as "waiting for user" (or its Chinese), "incident-management" as "incident management". */
export const words = code;

export function time(iso: string): HTMLTimeElement {
  const at = new Date(iso);
  return h('time', { datetime: iso }, Number.isNaN(at.getTime()) ? iso : formatDate(at));
}

/** How long ago, to the minute ("< 1 min", "12 min", "2 h 5 min"); `refreshAges` keeps it current. */
export function age(iso: string): HTMLTimeElement {
  const element = h('time', { datetime: iso, 'data-age': '' });
  refreshAge(element);
  return element;
}

export function refreshAges(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLTimeElement>('time[data-age]')) refreshAge(element);
}

function refreshAge(element: HTMLTimeElement): void {
  const minutes = Math.floor((Date.now() - Date.parse(element.dateTime)) / 60_000);
  element.textContent = Number.isNaN(minutes) ? element.dateTime
    : minutes < 1 ? t.underAMinute
    : minutes < 60 ? t.minutes(formatNumber(minutes))
    : t.hours(formatNumber(Math.floor(minutes / 60)), formatNumber(minutes % 60));
}

export function announce(message: string): void {
  byId('announcer').textContent = message;
}
