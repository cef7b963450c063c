// A survey's score on its scale, chosen by the user: nothing is chosen until they pick (a form that started at 1 sent
// a complaint on one click, and one that started at the top flattered the desk).
import { h } from '../src/dom';
import { p } from './portal-words';

export function scoreSelect(id: string, min: number, max: number): HTMLSelectElement {
  const none = h('option', { value: '', disabled: '', selected: '' }, p.chooseScore);
  return h('select', { id, required: '' },
    none, ...Array.from({ length: max - min + 1 }, (_, i) => h('option', { value: String(min + i) }, String(min + i))));
}

/** The chosen score, or null (then the form says so) when the user has not picked one. */
export function chosenScore(select: HTMLSelectElement): number | null {
  return select.value === '' ? null : Number(select.value);
}
