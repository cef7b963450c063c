// The admin page's fields for sections that build their forms in code, in the page's own pattern: a label, the control
// (described by its hint and its error slot), the hint, and the slot (data-error-for) where admin-form.ts puts the
// desk's reason for that field.
import { h } from './dom';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The label, control, hint and error slot of one field; `errorFor` is the field's name in the desk's ValidationProblem. */
export function field(control: Control, label: string, errorFor: string, hint?: string): HTMLElement[] {
  const hintId = `${control.id}-hint`;
  const errorId = `${control.id}-error`;
  control.setAttribute('aria-describedby', hint ? `${hintId} ${errorId}` : errorId);
  return [
    h('label', { for: control.id }, label),
    control,
    ...(hint ? [h('p', { id: hintId, class: 'hint' }, hint)] : []),
    h('p', { id: errorId, class: 'error', 'data-error-for': errorFor }),
  ];
}

export const input = (id: string, name: string, attributes: Record<string, string> = {}) =>
  h('input', { id, name, autocomplete: 'off', ...attributes });

export function select(id: string, name: string, choices: [value: string, text: string][] = []): HTMLSelectElement {
  const control = h('select', { id, name });
  control.append(...choices.map(([value, text]) => new Option(text, value)));
  return control;
}

/** A checkbox with its label after it, as the key scopes are. */
export function check(id: string, name: string, label: string): [HTMLElement, HTMLInputElement] {
  const box = h('input', { type: 'checkbox', id, name });
  return [h('div', { class: 'check' }, box, h('label', { for: id }, label)), box];
}

/** A form of the admin page: its heading, its fields, the alert for what no field explains, and its submit button. */
export function form(id: string, heading: string, fields: (HTMLElement | HTMLElement[])[], submit: string): HTMLFormElement {
  return h('form', { id, class: 'admin-form', novalidate: '', 'aria-labelledby': `${id}-heading` },
    h('h3', { id: `${id}-heading` }, heading),
    ...fields.flat(),
    h('p', { class: 'error form-error', role: 'alert' }),
    h('button', { type: 'submit' }, submit));
}

/** A table of the admin page: caption, column headings, and the body its Listing fills. */
export function table(id: string, caption: string, columns: string[]): [HTMLTableElement, HTMLTableSectionElement] {
  const rows = h('tbody', { id: `${id}-rows` });
  return [h('table', { id: `${id}-table`, class: 'grid' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...columns.map((column) => h('th', { scope: 'col' }, column)))),
    rows), rows];
}
