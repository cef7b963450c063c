// How the admin page's forms tell a refusal: the ProblemDetails' field errors next to their fields (data-error-for), its
// detail in the form's alert. What the admin typed stays: a form is cleared only by its caller, after a success.
import { ApiError } from './api';
import { at } from './admin-words';

/** Empties the form's error slots and marks nothing invalid. */
export function clearProblem(form: HTMLFormElement): void {
  for (const slot of form.querySelectorAll<HTMLElement>('[data-error-for], .form-error')) slot.textContent = '';
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
}

/** Shows why the desk refused: each field's reasons by its field, and the detail (or the whole message) in the form's alert. */
export function showProblem(form: HTMLFormElement, error: unknown): void {
  clearProblem(form);
  const problem = error instanceof ApiError ? error.problem : undefined;
  const errors = (problem?.errors ?? {}) as Record<string, string[]>;
  let placed = 0;
  for (const [field, reasons] of Object.entries(errors)) {
    const slot = [...form.querySelectorAll<HTMLElement>('[data-error-for]')]
      .find((candidate) => candidate.dataset.errorFor?.toLowerCase() === field.toLowerCase());
    if (!slot) continue;
    slot.textContent = reasons.join(' ');
    for (const control of form.querySelectorAll(`[aria-describedby~="${slot.id}"]`)) control.setAttribute('aria-invalid', 'true');
    placed++;
  }
  const detail = typeof problem?.detail === 'string' ? problem.detail : typeof problem?.title === 'string' ? problem.title : '';
  const summary = form.querySelector<HTMLElement>('.form-error');
  if (summary) summary.textContent = placed > 0 && placed === Object.keys(errors).length ? detail || at.fixFields : message(error);
}

/** What a failed call says, for a status line. */
export function message(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

/** Runs a form's submission with its button held, and the refusal shown on the form. True when it went through. */
export async function submitting(form: HTMLFormElement, work: () => Promise<unknown>): Promise<boolean> {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) button.disabled = true;
  clearProblem(form);
  try {
    await work();
    return true;
  } catch (error) {
    showProblem(form, error);
    return false;
  } finally {
    if (button) button.disabled = false;
  }
}
