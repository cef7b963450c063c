// A table of the admin page (staff, keys, models, imports): loaded anew after every change, with its section's status line.
import { message } from './admin-form';
import { h } from './dom';

export class Listing<T> {
  constructor(
    private readonly rows: HTMLElement,
    private readonly status: HTMLElement,
    private readonly load: () => Promise<T[]>,
    private readonly row: (item: T) => HTMLTableRowElement,
  ) {}

  /** Shows the list as the desk has it now; marks the section loaded (the tests wait for it). */
  async reload(): Promise<void> {
    try {
      const items = await this.load();
      this.rows.replaceChildren(...items.map(this.row));
      const section = this.rows.closest('section');
      if (section) section.dataset.loaded = 'true';
    } catch (error) {
      this.say(message(error));
    }
  }

  /**
   * Runs a row's action with its button held, says how it went (`done`, or what it makes of the desk's answer) and shows
   * the list anew; a refusal leaves the row as it was.
   */
  async act<R>(button: HTMLButtonElement, work: () => Promise<R>, done: string | ((result: R) => string)): Promise<void> {
    button.disabled = true;
    try {
      const result = await work();
      this.say(typeof done === 'string' ? done : done(result));
      await this.reload();
    } catch (error) {
      this.say(message(error));
      button.disabled = false;
    }
  }

  /**
   * A row's button (`label` its accessible name, `action` its data-action) that runs `work` through act(); with `ask`,
   * only once the admin confirms it (an action whose effects another click does not undo).
   */
  button<R>(text: string, label: string, work: () => Promise<R>, done: string | ((result: R) => string), action?: string,
    ask?: string): HTMLButtonElement {
    const button = h('button', { type: 'button', 'aria-label': label, 'data-action': action }, text);
    button.addEventListener('click', () => {
      if (ask === undefined || window.confirm(ask)) void this.act(button, work, done);
    });
    return button;
  }

  say(text: string): void {
    this.status.textContent = text;
  }
}
