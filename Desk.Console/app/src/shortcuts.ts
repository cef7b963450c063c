// The console's keyboard shortcuts and their help. Letters act only when the cursor is not in a text field (there they
// are text); Escape acts everywhere. The list's own keys (j/k, arrows, Enter, x) live with the list: the help lists them.
import './daylong.css';
import { d } from './daylong-words';
import { byId, h } from './dom';

type Key = readonly string[];

/** Every shortcut the help lists, in its order: keys pressed together are one string, keys in turn several. */
const help: { keys: Key[]; what: string }[] = [
  { keys: [['?']], what: d.keys.help },
  { keys: [['/']], what: d.keys.search },
  { keys: [['r']], what: d.keys.reply },
  { keys: [['n']], what: d.keys.note },
  { keys: [['a']], what: d.keys.assign },
  { keys: [['s']], what: d.keys.status },
  { keys: [['Esc']], what: d.keys.escape },
  { keys: [['g', 'q']], what: d.keys.goQueries },
  { keys: [['g', 'c']], what: d.keys.goChats },
  { keys: [['g', 'u']], what: d.keys.goQueues },
  { keys: [['j'], ['k'], ['↓'], ['↑']], what: d.keys.listMove },
  { keys: [['Enter']], what: d.keys.listOpen },
  { keys: [['x']], what: d.keys.listSelect },
  { keys: [['Ctrl+Space'], ['/']], what: d.keys.canned },
  { keys: [['Ctrl+Enter']], what: d.keys.send },
];

/** Whether typing there is text: a shortcut letter must not be taken from it. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
}

const visible = (id: string) => {
  const element = document.getElementById(id);
  return element !== null && !element.hidden && element.closest('[hidden]') === null ? element : null;
};

export interface ShortcutHooks {
  /** The picker's Escape closes it first. */
  closePicker(): boolean;
}

export class Shortcuts {
  private readonly dialog: HTMLDialogElement;
  private readonly closeButton: HTMLButtonElement;
  private pendingG = false;
  /** Where focus was when the help opened: it goes back there on close. */
  private before: HTMLElement | null = null;

  constructor(private readonly hooks: ShortcutHooks) {
    const close = h('button', { type: 'button', class: 'shortcuts-close', 'aria-label': d.close }, '×');
    this.closeButton = close;
    const sequence = (key: Key) => key.flatMap((part, i) => [i > 0 ? ` ${d.then} ` : '', h('kbd', {}, part)]);
    const rows = help.map(({ keys, what }) => h('tr', {},
      h('th', { scope: 'row' }, ...keys.flatMap((key, i) => [i > 0 ? ` ${d.or} ` : '', ...sequence(key)])),
      h('td', {}, what)));
    this.dialog = h('dialog', { id: 'shortcuts-help', class: 'shortcuts-help', 'aria-labelledby': 'shortcuts-heading' },
      h('div', { class: 'shortcuts-head' }, h('h2', { id: 'shortcuts-heading' }, d.shortcutsHeading), close),
      h('p', {}, d.shortcutsIntro),
      h('table', { class: 'shortcuts' }, h('tbody', {}, ...rows)));
    document.body.append(this.dialog);
    close.addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => this.before?.focus());

    const button = h('button', { id: 'shortcuts-button', type: 'button', class: 'shortcuts-button', 'aria-label': d.shortcutsButton,
      title: d.shortcutsButton, 'aria-haspopup': 'dialog' }, '?');
    button.addEventListener('click', () => this.open());
    document.querySelector('header')?.append(button);

    document.addEventListener('keydown', (event) => this.key(event));
  }

  /** A modal dialog makes the page behind it inert, so focus stays inside until it closes. */
  open(): void {
    this.before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.dialog.showModal();
    this.closeButton.focus();
  }

  private key(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.key === 'Escape') {
      if (this.dialog.open) return; // the dialog closes itself
      if (this.hooks.closePicker()) return;
      // Out of the search box (where "/" put the cursor), so that j, k and Enter move through the list again.
      if (event.target instanceof HTMLInputElement && event.target.type === 'search') {
        event.target.blur();
        return;
      }
      const pane = visible('detail');
      // The pane closes itself on an Escape from inside it.
      if (pane && !pane.contains(event.target as Node) && !typing(event.target)) byId('close-detail').click();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || this.dialog.open || !visible('desk-view')) {
      this.pendingG = false;
      return;
    }
    if (this.pendingG) {
      this.pendingG = false;
      const target = { q: '.queries', c: '#live-queue', u: '#queues' }[event.key];
      if (target) this.go(event, target);
      return;
    }
    switch (event.key) {
      case '?':
        event.preventDefault();
        this.open();
        break;
      case '/': {
        const search = document.querySelector<HTMLInputElement>('#query-search, #desk-view .list input[type=search], #desk-view input[type=search]');
        if (search) {
          event.preventDefault();
          search.focus();
        }
        break;
      }
      case 'r':
      case 'n':
        this.write(event, event.key === 'n');
        break;
      case 'a':
        this.press(event, 'assign-to-me');
        break;
      case 's': {
        const select = visible('status-select');
        if (select) {
          event.preventDefault();
          select.focus();
        }
        break;
      }
      case 'g':
        this.pendingG = true;
        break;
    }
  }

  /** Focuses the open query's message box (the chat composer in a chat); after n, Ctrl+Enter adds a note. */
  private write(event: KeyboardEvent, note: boolean): void {
    const box = (visible('chat-text') ?? visible('message-text')) as HTMLTextAreaElement | null;
    if (!box || box.disabled) return;
    event.preventDefault();
    box.dataset.intent = note ? 'internal' : 'public';
    box.setAttribute('aria-description', note ? d.noteIntent : '');
    box.focus();
  }

  private press(event: KeyboardEvent, id: string): void {
    const button = visible(id) as HTMLButtonElement | null;
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  }

  private go(event: KeyboardEvent, selector: string): void {
    const area = document.querySelector<HTMLElement>(selector);
    if (!area) return;
    event.preventDefault();
    const first = area.querySelector<HTMLElement>('button, [tabindex], a[href], tr[data-reference]');
    const target = first ?? area;
    if (!target.hasAttribute('tabindex') && !(target instanceof HTMLButtonElement)) target.tabIndex = -1;
    target.focus();
  }
}

/**
 * Ctrl+Enter in a message box sends it: as a note when n opened it, else as a reply (or the chat's message). Heard on
 * the form while the event goes down to the box, so that the chat's own Enter does not send it a second time.
 */
export function sendOnCtrlEnter(box: HTMLTextAreaElement | null, reply: string, note: string): void {
  const form = box?.form;
  if (!box || !form) return;
  form.addEventListener('keydown', (event) => {
    if (event.target !== box || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.isComposing) return;
    const submitter = document.getElementById(box.dataset.intent === 'internal' ? note : reply);
    event.preventDefault();
    event.stopPropagation();
    if (!(submitter instanceof HTMLButtonElement) || submitter.disabled || submitter.form !== form) return;
    form.requestSubmit(submitter);
    delete box.dataset.intent;
    box.removeAttribute('aria-description');
  }, true);
}
