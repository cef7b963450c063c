import { t } from './console-words';
import { formatNumber } from './language';
import { ApiError, api } from './api';
import type { Handoff } from './chat';
import type { ConversationSummary, TimelineEntry } from './contract';
import { age, announce, byId, h, refreshAges } from './dom';

const languages: Record<string, string> = { en: 'English', zh: '中文' };
// Waiting times are shown to the minute.
const tick = 15_000;
const title = t.title;

/**
 * #live-queue: chats waiting for a person, oldest first, then those agents hold; one row per conversation, kept
 * current by ConversationChanged. A conversation back with the bot leaves the list.
 */
export class LiveQueue {
  private readonly list = byId<HTMLUListElement>('live-queue');
  private readonly empty = byId('live-empty');
  private readonly count = byId('live-count');
  private readonly error = byId('live-error');
  private readonly rows = new Map<number, HTMLLIElement>();
  private readonly shown = new Map<number, ConversationSummary>();
  private pending: ConversationSummary[] | null = null;
  private loading = 0;
  private timer: number | undefined;

  constructor(
    private readonly me: () => string,
    private readonly handoff: Handoff,
    private readonly open: (reference: string) => void,
  ) {
    this.list.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      const row = button?.closest<HTMLElement>('[data-conversation-id]');
      const conversation = this.shown.get(Number(row?.dataset.conversationId));
      if (!button || !conversation) return;
      if (button.dataset.action === 'take') void this.take(conversation, button);
      else if (conversation.reference) open(conversation.reference);
    });
  }

  /** Loads the list; pushes that arrive meanwhile are replayed on top of it, so none is lost. */
  async load(): Promise<void> {
    const loading = ++this.loading;
    this.pending ??= [];
    window.clearInterval(this.timer);
    this.timer = window.setInterval(() => refreshAges(this.list), tick);
    try {
      const conversations = await api.liveConversations();
      if (loading !== this.loading) return;
      const missed = this.pending ?? [];
      this.clear();
      for (const conversation of [...conversations, ...missed]) this.put(conversation);
      this.say('');
    } catch (error) {
      if (loading !== this.loading) return;
      this.pending = null;
      this.say(error instanceof ApiError ? error.message : t.liveLoadFailed);
    } finally {
      if (loading === this.loading) this.refresh();
    }
  }

  stop(): void {
    this.loading++;
    window.clearInterval(this.timer);
    this.clear();
    this.refresh();
  }

  upsert(conversation: ConversationSummary): void {
    const before = this.shown.get(conversation.id)?.state;
    this.pending?.push(conversation);
    this.put(conversation);
    this.refresh();
    if (conversation.state === 'waiting' && before !== 'waiting') {
      announce(t.isWaiting(conversation.contactName ?? t.aContact));
    }
  }

  /** The desk tells of a conversation's changes of hands, not of each message: a user's new words come from the timeline. */
  heard(entry: TimelineEntry): void {
    if (entry.kind !== 'message_in' || entry.body === null) return;
    const conversation = [...this.shown.values()].find((shown) => shown.reference === entry.reference);
    if (conversation) this.put({ ...conversation, lastMessage: entry.body });
  }

  private clear(): void {
    this.pending = null;
    this.rows.clear();
    this.shown.clear();
    this.list.replaceChildren();
  }

  /** Keeps the newer of two accounts of a conversation, and its row where it belongs in the order. */
  private put(conversation: ConversationSummary): void {
    const known = this.shown.get(conversation.id);
    if (known && Date.parse(known.updatedAt) > Date.parse(conversation.updatedAt)) return;
    let row = this.rows.get(conversation.id);
    if (conversation.state === 'bot') {
      row?.remove();
      this.rows.delete(conversation.id);
      this.shown.delete(conversation.id);
      return;
    }
    this.shown.set(conversation.id, conversation);
    if (!row) {
      row = h('li');
      this.rows.set(conversation.id, row);
    }
    this.fill(row, conversation);
    // The rows stand in order; moving one takes the focus off its button, so it moves only when its place changed.
    const next = [...this.list.children].find((other) => other !== row && Number((other as HTMLElement).dataset.rank) > order(conversation));
    if (!row.isConnected || row.nextElementSibling !== (next ?? null)) this.list.insertBefore(row, next ?? null);
  }

  private fill(row: HTMLLIElement, conversation: ConversationSummary): void {
    const contact = conversation.contactName ?? t.unnamedContact;
    const mine = conversation.state === 'live' && conversation.agent === this.me();
    row.className = `live-item ${conversation.state}`;
    row.dataset.conversationId = String(conversation.id);
    row.dataset.state = conversation.state;
    row.dataset.rank = String(order(conversation));
    row.replaceChildren(
      h('p', { class: 'live-who' },
        h('strong', { class: 'live-contact', title: contact }, contact),
        h('span', { class: 'live-language', lang: conversation.language }, languages[conversation.language] ?? conversation.language),
        conversation.reference ? h('span', { class: 'live-reference' }, conversation.reference) : null),
      h('p', { class: 'live-last', lang: conversation.language }, conversation.lastMessage ?? ''),
      h('p', { class: 'live-when' },
        conversation.state === 'waiting' ? t.waitingFor : mine ? t.withYouFor : t.withAgentFor(conversation.agent),
        age(conversation.waitingSince ?? conversation.updatedAt)),
      h('div', { class: 'live-action' },
        conversation.state === 'waiting'
          ? h('button', { type: 'button', 'data-action': 'take', 'aria-label': t.takeFrom(contact) }, t.take)
          : mine && conversation.reference
            ? h('button', { type: 'button', 'data-action': 'open', 'aria-label': t.openFrom(contact) }, t.open)
            : null));
  }

  private async take(conversation: ConversationSummary, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    this.say('');
    try {
      const taken = await this.handoff.take(conversation.id);
      if (taken.reference) this.open(taken.reference);
      else this.say(t.chatIsYours(taken.contactName));
    } catch (error) {
      button.disabled = false;
      const message = error instanceof ApiError ? error.message : t.takeFailed;
      if (!(error instanceof ApiError && error.status === 409)) {
        this.say(message);
        return;
      }
      // Someone was quicker: the list as it is now shows who.
      await this.load();
      const holder = this.shown.get(conversation.id)?.agent;
      this.say(holder ? t.alreadyTaken(holder, conversation.contactName) : message);
    }
  }

  private refresh(): void {
    const waiting = [...this.shown.values()].filter((conversation) => conversation.state === 'waiting').length;
    this.count.hidden = waiting === 0;
    this.count.textContent = t.waitingCount(formatNumber(waiting));
    this.empty.hidden = this.shown.size > 0;
    document.title = waiting === 0 ? title : `(${formatNumber(waiting)}) ${title}`;
  }

  private say(message: string): void {
    this.error.textContent = message;
  }
}

/** Waiting before held; within each, the longest waiting (or held) first. */
function order(conversation: ConversationSummary): number {
  const since = Date.parse(conversation.waitingSince ?? conversation.updatedAt);
  return (conversation.state === 'waiting' ? 0 : 1e15) + (Number.isNaN(since) ? 0 : since);
}
