import { t } from './console-words';
import { formatNumber } from './language';
import type { ConversationSummary, Delivery, DeliveryState, QueryDetail, TimelineEntry } from './contract';
import { byId, h, time } from './dom';
import { actorName } from './staff-names';
import { entryText, kindName } from './timeline';

/** Taking a conversation from the live queue and handing it back to the bot; the desk keeps both views in step. */
export interface Handoff {
  take(id: number): Promise<ConversationSummary>;
  release(id: number): Promise<ConversationSummary>;
}

export interface ChatActions {
  send(box: HTMLTextAreaElement, visibility: 'public' | 'internal'): void;
  take(conversation: ConversationSummary): void;
  release(conversation: ConversationSummary): void;
  /** Sends a message the desk gave up on (or cannot tell whether it arrived) again. */
  resend(entryId: number): void;
}

const deliveryWords: Record<DeliveryState, [symbol: string, label: string]> = {
  pending: ['⏳', t.delivery.pending],
  sending: ['⏳', t.delivery.sending],
  sent: ['✓', t.delivery.sent],
  retrying: ['↻', t.delivery.retrying],
  failed: ['✗', t.delivery.failed],
  unknown: ['?', t.delivery.unknown],
};

// The contact's words: the query's opening text, later messages, and the message that asked for a person.
const fromContact = new Set(['created', 'message_in', 'handoff_requested']);
const fromDesk = new Set(['message_out', 'bot_message', 'note']);
// Within this many pixels of the end the log counts as read, and follows new messages; further up, it stays put.
const followSlack = 80;

/** The open query as a conversation: bubbles oldest first, each outgoing one with its delivery, and a composer. */
export class ChatView {
  private readonly section = byId('chat');
  private readonly log = byId('chat-log');
  private readonly heading = byId('chat-heading');
  private readonly fieldset = byId<HTMLFieldSetElement>('chat-fieldset');
  private readonly label = byId<HTMLLabelElement>('chat-label');
  private readonly text = byId<HTMLTextAreaElement>('chat-text');
  private readonly hint = byId('chat-hint');
  private readonly takeButton = byId<HTMLButtonElement>('chat-take');
  private readonly releaseButton = byId<HTMLButtonElement>('chat-release');
  /** The newest delivery known per entry: a push may come before or after the entry it is about. */
  private readonly deliveries = new Map<number, Delivery>();
  private contact = t.theContact;
  /** The query's opening text: when the contact's ask for a person is what opened it, it is shown once. */
  private opening: string | null = null;
  conversation: ConversationSummary | null = null;

  constructor(private readonly me: () => string, private readonly actions: ChatActions) {
    this.text.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      actions.send(this.text, 'public');
    });
    byId<HTMLFormElement>('chat-composer').addEventListener('submit', (event) => {
      event.preventDefault();
      actions.send(this.text, (event.submitter as HTMLButtonElement | null)?.value === 'internal' ? 'internal' : 'public');
    });
    this.takeButton.addEventListener('click', () => this.conversation && actions.take(this.conversation));
    this.releaseButton.addEventListener('click', () => this.conversation && actions.release(this.conversation));
  }

  show(query: QueryDetail): void {
    this.contact = query.contactName ?? t.contactNumber(query.contactId);
    this.opening = null;
    this.log.replaceChildren();
    this.conversationChanged(query.conversation ?? null);
    this.statusChanged(query.status);
    this.section.hidden = false;
  }

  hide(): void {
    this.section.hidden = true;
  }

  /** Another query opens: what was pushed about this one is no longer needed. */
  forget(): void {
    this.deliveries.clear();
    this.text.value = '';
  }

  add(entry: TimelineEntry): void {
    const follow = this.atEnd() || (fromDesk.has(entry.kind) && entry.actor === this.me());
    const delivery = newer(entry.delivery, this.deliveries.get(entry.id));
    if (delivery) this.deliveries.set(entry.id, delivery);
    if (entry.kind === 'created') this.opening = entry.body;
    const asked = entry.kind === 'handoff_requested';
    const said = fromContact.has(entry.kind) && entry.body && !(asked && entry.body === this.opening);
    const view = said || fromDesk.has(entry.kind) ? this.bubble(entry, delivery)
      : asked ? eventLine(entry, t.askedForPerson(this.contact))
      : eventLine(entry);
    const later = [...this.log.children].find((other) => Number((other as HTMLElement).dataset.entryId) > entry.id);
    this.log.insertBefore(view, later ?? null);
    if (follow) this.log.scrollTop = this.log.scrollHeight;
  }

  delivery(entryId: number, delivery: Delivery): void {
    const known = this.deliveries.get(entryId);
    if (newer(known, delivery) !== delivery) return;
    this.deliveries.set(entryId, delivery);
    const bubble = this.log.querySelector(`.chat-message[data-entry-id="${entryId}"]`);
    const shown = bubble?.querySelector('[data-delivery]');
    if (shown) shown.replaceWith(this.deliveryView(entryId, delivery));
    else bubble?.append(this.deliveryView(entryId, delivery));
  }

  conversationChanged(conversation: ConversationSummary | null): void {
    this.conversation = conversation;
    const contact = conversation?.contactName ?? this.contact;
    const mine = conversation?.state === 'live' && conversation.agent === this.me();
    this.heading.textContent = conversation === null ? t.chatWith(contact)
      : conversation.state === 'waiting' ? t.waitingForPerson(contact)
      : conversation.state === 'bot' ? t.botAnswering(contact)
      : mine ? t.liveWith(contact)
      : t.liveWithOther(contact, conversation.agent);
    this.section.dataset.state = conversation?.state ?? 'none';
    this.label.textContent = t.messageTo(contact);
    this.takeButton.hidden = conversation?.state !== 'waiting';
    this.takeButton.setAttribute('aria-label', t.takeFrom(contact));
    this.releaseButton.hidden = !mine;
  }

  statusChanged(status: string): void {
    const closed = status === 'closed';
    this.fieldset.disabled = closed;
    this.hint.textContent = closed
      ? t.closedHint
      : t.enterHint;
  }

  private atEnd(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < followSlack;
  }

  private bubble(entry: TimelineEntry, delivery: Delivery | null): HTMLElement {
    const contact = fromContact.has(entry.kind);
    const bot = entry.kind === 'bot_message';
    return h('div', {
      class: `chat-message ${contact ? 'from-contact' : 'from-desk'}`,
      'data-kind': entry.kind,
      'data-entry-id': String(entry.id),
    },
    h('div', { class: 'chat-meta' },
      bot ? h('span', { class: 'chat-tag bot' }, t.chatBot) : h('span', { class: 'chat-author' }, contact ? this.contact : actorName(entry)),
      entry.kind === 'note' ? h('span', { class: 'chat-tag internal' }, t.noteNotSent) : null,
      entry.kind === 'handoff_requested' ? h('span', { class: 'chat-tag handoff' }, kindName('handoff_requested')) : null,
      time(entry.at)),
    h('p', { class: 'chat-text' }, entry.body ?? ''),
    delivery && !contact ? this.deliveryView(entry.id, delivery) : null);
  }

  private deliveryView(entryId: number, delivery: Delivery): HTMLElement {
    const view = deliveryView(delivery);
    if (delivery.state !== 'failed' && delivery.state !== 'unknown') return view;
    const again = h('button', { type: 'button', class: 'resend' }, t.sendAgain);
    again.addEventListener('click', () => this.actions.resend(entryId));
    view.append(again);
    return view;
  }
}

/** A status change, an assignment, a handoff: a small line between the messages. */
function eventLine(entry: TimelineEntry, said?: string): HTMLElement {
  const detail = entryText(entry);
  return h('p', { class: 'chat-event', 'data-kind': entry.kind, 'data-entry-id': String(entry.id) },
    said ?? `${t.by(kindName(entry.kind), actorName(entry))}${detail ? `: ${detail}` : ''}`, ' · ', time(entry.at));
}

function deliveryView(delivery: Delivery): HTMLElement {
  const [symbol, label] = deliveryWords[delivery.state] ?? deliveryWords.unknown;
  const retrying = delivery.state === 'retrying';
  const said = retrying ? t.attempt(label, formatNumber(delivery.attempts)) : label;
  const failed = delivery.state === 'failed';
  return h('span', {
    class: 'delivery',
    'data-delivery': delivery.state,
    title: failed ? delivery.error ?? label : `${said} (${delivery.channel})`,
  },
  // A failure needs the agent's attention, so it says so in words too.
  h('span', { 'aria-hidden': 'true' }, retrying ? `${symbol} ${formatNumber(delivery.attempts)}` : failed ? `${symbol} ${label}` : symbol),
  h('span', { class: 'visually-hidden' }, failed && delivery.error ? `${label}: ${delivery.error}` : said));
}

/**
 * Of two accounts of one message's delivery, the later by the desk's count of writes (times cannot tell: a resend goes
 * back to pending, and nodes' clocks differ); a tie goes to the second, the one that came after.
 */
function newer(first: Delivery | null | undefined, second: Delivery | null | undefined): Delivery | null {
  if (!first || !second) return second ?? first ?? null;
  return second.revision >= first.revision ? second : first;
}
