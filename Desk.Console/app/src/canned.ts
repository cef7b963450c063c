// The canned reply picker of the reply box and the chat composer: a button beside each, or Ctrl+Space, or "/" typed
// first in an empty box, opens a filterable list; the chosen reply is filled from the open query and inserted at the
// cursor. What is inserted is the box's value, so the text stays text whatever the reply holds.
import './daylong.css';
import { queueName } from './board-words';
import { d } from './daylong-words';
import { ApiError, api } from './api';
import type { CannedReply, QueryDetail } from './contract';
import { announce, h } from './dom';
import { formatDate, formatNumber, language } from './language';

/** The placeholders the console fills, and from what. */
export type PlaceholderValues = Record<string, string | null | undefined>;

export function placeholderValues(query: QueryDetail, agentName: string): PlaceholderValues {
  return {
    'contact.name': query.contactName,
    'query.reference': query.reference,
    'query.subject': query.subject,
    'agent.name': agentName,
    'query.resolution_due': query.resolutionDue ? formatDate(new Date(query.resolutionDue)) : null,
  };
}

/** The body with every known placeholder filled; an unknown or empty one stays as written, so the agent sees it. */
export function fill(body: string, values: PlaceholderValues): { text: string; unfilled: number } {
  let unfilled = 0;
  const text = body.replace(/\{([a-z]+(?:[._][a-z]+)*)\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === null || value === undefined || value === '') {
      unfilled++;
      return whole;
    }
    return value;
  });
  return { text, unfilled };
}

export interface CannedContext {
  /** The reference of the open query, or null. */
  reference(): string | null;
  agentName(): string;
}

export class CannedPicker {
  private readonly panel: HTMLDivElement;
  private readonly filterBox: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly status: HTMLParagraphElement;
  private replies: CannedReply[] | null = null;
  private shown: CannedReply[] = [];
  private active = 0;
  private target: HTMLTextAreaElement | null = null;
  private selection: [number, number] = [0, 0];
  /** Opened by "/" typed in an empty box: Escape gives the box its "/" back, for a message that starts with one. */
  private bySlash = false;
  /** Enter pressed before the replies came: the first match is chosen when they do, unless the filter changed since. */
  private chooseOnLoad = false;

  constructor(private readonly context: CannedContext) {
    this.filterBox = h('input', {
      id: 'canned-filter', type: 'search', role: 'combobox', autocomplete: 'off', 'aria-label': d.cannedFilter,
      'aria-controls': 'canned-options', 'aria-expanded': 'true', 'aria-autocomplete': 'list',
    });
    this.list = h('ul', { id: 'canned-options', role: 'listbox', 'aria-label': d.cannedList });
    this.status = h('p', { class: 'canned-status', role: 'status' });
    this.panel = h('div', { id: 'canned-picker', class: 'canned-picker', role: 'dialog', 'aria-label': d.cannedList },
      this.filterBox, this.status, this.list);
    this.panel.hidden = true;
    document.body.append(this.panel);

    this.filterBox.addEventListener('input', () => {
      this.chooseOnLoad = false;
      this.render();
    });
    this.filterBox.addEventListener('keydown', (event) => this.key(event));
    this.list.addEventListener('mousedown', (event) => event.preventDefault());
    this.list.addEventListener('click', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role=option]');
      if (option) void this.choose(Number(option.dataset.index));
    });
    this.panel.addEventListener('focusout', (event) => {
      if (!this.panel.contains(event.relatedTarget as Node | null)) this.hide(false);
    });
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  /** Adds the picker's button beside a message box, and its keys inside it. */
  attach(box: HTMLTextAreaElement | null, boxName: string): void {
    if (!box) return;
    const button = h('button', {
      type: 'button', class: 'canned-button', 'aria-haspopup': 'dialog', 'aria-controls': 'canned-picker',
      'aria-label': d.cannedButtonFor(boxName), 'data-canned-for': box.id,
    }, d.cannedButton);
    box.insertAdjacentElement('afterend', button);
    button.addEventListener('click', () => this.show(box));
    box.addEventListener('keydown', (event) => {
      const slash = event.key === '/' && box.value === '' && !event.ctrlKey && !event.metaKey && !event.altKey;
      if (slash || (event.key === ' ' && event.ctrlKey)) {
        event.preventDefault();
        this.show(box, slash);
      }
    });
  }

  show(box: HTMLTextAreaElement, bySlash = false): void {
    this.target = box;
    this.bySlash = bySlash;
    this.chooseOnLoad = false;
    this.selection = [box.selectionStart, box.selectionEnd];
    this.filterBox.value = '';
    this.panel.hidden = false;
    this.place(box);
    this.render();
    this.filterBox.focus();
    if (this.replies === null) void this.load();
  }

  hide(refocus = true): void {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    if (refocus) this.target?.focus();
  }

  /** Replies change rarely: loaded at the first use after sign-in, and again after forget(). */
  forget(): void {
    this.replies = null;
    this.hide(false);
  }

  private async load(): Promise<void> {
    this.status.textContent = d.cannedLoading;
    try {
      const replies = await api.cannedReplies();
      // The page's language first: most contacts write in it.
      this.replies = [...replies].sort((a, b) => Number(b.language === language) - Number(a.language === language));
    } catch (error) {
      this.status.textContent = error instanceof ApiError ? `${d.cannedFailed} ${error.message}` : d.cannedFailed;
      return;
    }
    this.render();
    if (this.chooseOnLoad && !this.panel.hidden && this.shown.length > 0) void this.choose(this.active);
    this.chooseOnLoad = false;
  }

  private render(): void {
    if (this.replies === null) return;
    const words = this.filterBox.value.trim().toLocaleLowerCase();
    this.shown = this.replies.filter((reply) =>
      !words || reply.title.toLocaleLowerCase().includes(words) || reply.body.toLocaleLowerCase().includes(words));
    this.active = 0;
    this.status.textContent = this.shown.length === 0 ? d.cannedNone : '';
    this.list.replaceChildren(...this.shown.map((reply, index) => h('li', {
      id: `canned-option-${index}`, role: 'option', 'data-index': String(index), lang: reply.language === 'zh' ? 'zh-CN' : 'en',
    },
      h('span', { class: 'canned-title' }, reply.title),
      h('span', { class: 'canned-tags' },
        `${d.languageName[reply.language] ?? reply.language} · ${reply.owner !== null ? d.own : reply.queue !== null ? queueName(reply.queue) : d.everyQueue}`),
      h('span', { class: 'canned-preview' }, reply.body))));
    this.highlight();
  }

  private highlight(): void {
    for (const option of this.list.children) {
      option.setAttribute('aria-selected', String(option.id === `canned-option-${this.active}`));
    }
    if (this.shown.length === 0) {
      this.filterBox.removeAttribute('aria-activedescendant');
      return;
    }
    this.filterBox.setAttribute('aria-activedescendant', `canned-option-${this.active}`);
    this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
  }

  private key(event: KeyboardEvent): void {
    const count = this.shown.length;
    if (event.key === 'Escape') {
      // Only the picker closes, not the query's pane around the box.
      event.preventDefault();
      event.stopPropagation();
      const slash = this.bySlash && this.filterBox.value === '';
      this.hide();
      if (slash && this.target) this.target.setRangeText('/', this.selection[0], this.selection[1], 'end');
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && count > 0) {
      event.preventDefault();
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
      this.highlight();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (this.replies === null) this.chooseOnLoad = true;
      else if (count > 0) void this.choose(this.active);
    } else if (event.key === 'Tab') {
      this.hide(false);
    }
  }

  private async choose(index: number): Promise<void> {
    const reply = this.shown[index];
    const box = this.target;
    const reference = this.context.reference();
    if (!reply || !box) return;
    if (!reference) {
      this.status.textContent = d.cannedOpenFirst;
      return;
    }
    let query: QueryDetail;
    try {
      // Fresh facts: the resolution target or the contact's name may have changed since the pane opened.
      query = await api.query(reference);
    } catch (error) {
      this.status.textContent = error instanceof ApiError ? error.message : d.cannedFailed;
      return;
    }
    const { text, unfilled } = fill(reply.body, placeholderValues(query, this.context.agentName()));
    this.hide();
    const [start, end] = this.selection;
    box.setRangeText(text, Math.min(start, box.value.length), Math.min(end, box.value.length), 'end');
    box.dispatchEvent(new Event('input', { bubbles: true }));
    announce(unfilled > 0 ? `${d.cannedInserted(reply.title)} ${d.cannedUnfilled(formatNumber(unfilled))}` : d.cannedInserted(reply.title));
  }

  /** Below the box, or above it when the window has no room below; never wider than the window. */
  private place(box: HTMLElement): void {
    const rect = box.getBoundingClientRect();
    const width = Math.min(448, window.innerWidth - 16);
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    const below = window.innerHeight - rect.bottom;
    this.panel.style.left = `${left}px`;
    this.panel.style.width = `${width}px`;
    if (below >= 240 || below >= rect.top) {
      this.panel.style.top = `${rect.bottom + 4}px`;
      this.panel.style.bottom = '';
      this.panel.style.maxHeight = `${Math.max(160, below - 12)}px`;
    } else {
      this.panel.style.top = '';
      this.panel.style.bottom = `${window.innerHeight - rect.top + 4}px`;
      this.panel.style.maxHeight = `${Math.max(160, rect.top - 12)}px`;
    }
  }
}
