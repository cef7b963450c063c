import { t } from './console-words';
import { ApiError, api } from './api';
import { ChatView, type Handoff } from './chat';
import { sendReply, watchDrafts } from './collision';
import {
  nextStatuses, statuses, type ConversationSummary, type DeliveryChange, type QueryChange, type QueryDetail, type QuerySummary, type TimelineEntry,
} from './contract';
import { CaseFilePanel } from './contact-card';
import { Drafts } from './drafts';
import { byId, h, words } from './dom';
import { queueName } from './board-words';
import { qw } from './queue-words';
import { entryView } from './timeline';
import { CaseControls } from './case-controls';
import { MomentsPanel } from './moments-panel';
import { SlaClocks } from './sla-clocks';
import { w } from './workbench-words';

/** The pane for one open query: its facts, its timeline or chat (live) and the agent's simple actions. */
export class DetailPane {
  private readonly pane = byId('detail');
  private readonly timeline = byId<HTMLOListElement>('timeline');
  private readonly error = byId('detail-error');
  private readonly statusSelect = byId<HTMLSelectElement>('status-select');
  private readonly messageText = byId<HTMLTextAreaElement>('message-text');
  private readonly chat: ChatView;
  /** The half-written reply, note or call of each query, kept in this tab (drafts.ts). */
  private readonly drafts: Drafts;
  /** The contact card, merge and major-outage controls (contact-card.ts). */
  private readonly casefile = new CaseFilePanel((reference) => void this.open(reference), (reference) => void this.open(reference, false));
  /** A chat query shows as a conversation; the rest as today's timeline. */
  private asChat = false;
  private readonly entryIds = new Set<number>();
  private early: TimelineEntry[] = [];
  private opening = 0;
  reference: string | null = null;
  /** The queue the open query was last shown in; null when none is open. */
  queue: string | null = null;
  /** The version of the query as shown: changes are made on it, or refused if it is stale. */
  private version: number | undefined;
  // The workbench: SLA clocks, reassign / priority / reclassify (and overrides), moments of truth.
  private readonly clocks = new SlaClocks();
  private readonly controls: CaseControls;
  private readonly moments = new MomentsPanel();
  /** What only the detail carries (impact, urgency, the deciding rule), kept for the facts a pushed summary redraws. */
  private detail: QueryDetail | null = null;

  constructor(
    private readonly username: () => string,
    private readonly changed: (query: QuerySummary) => void,
    /** With the reference of the query whose row takes the focus, when the pane had it. */
    private readonly closed: (returning: string | null) => void,
    handoff: Handoff,
  ) {
    this.chat = new ChatView(username, {
      send: (box, visibility) => void this.send(visibility, box),
      // The desk tells this pane and the live queue what the conversation became.
      take: (conversation) => void this.act(async () => {
        await handoff.take(conversation.id);
      }),
      release: (conversation) => void this.act(async () => {
        await handoff.release(conversation.id);
      }),
      resend: (entryId) => void this.act(async () => {
        if (this.reference) this.chat.delivery(entryId, await api.resend(this.reference, entryId));
      }),
    });
    this.controls = new CaseControls((change) => this.change(change), (message) => (this.error.textContent = message));
    byId('workbench-pane').replaceChildren(this.clocks.element, this.controls.element, this.moments.element);
    for (const status of statuses) this.statusSelect.append(h('option', { value: status }, words(status)));
    byId('close-detail').addEventListener('click', () => this.close());
    byId('assign-to-me').addEventListener('click', () => void this.change({ assignee: this.username() }));
    byId('change-status').addEventListener('click', () => void this.change({ status: this.statusSelect.value }));
    byId<HTMLFormElement>('message-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = (event.submitter as HTMLButtonElement | null)?.value;
      if (chosen === 'phone') void this.logCall(this.messageText);
      else void this.send(chosen === 'internal' ? 'internal' : 'public', this.messageText);
    });
    this.pane.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    watchDrafts([this.messageText, byId('chat-text')], () => ({ reference: this.reference, newest: this.newestEntry() }));
    this.drafts = new Drafts([this.messageText, byId<HTMLTextAreaElement>('chat-text')]);
  }

  /** The newest timeline entry shown: a reply begun now was written after it (the collision warning). */
  newestEntry(): number | null {
    return this.entryIds.size === 0 ? null : Math.max(...this.entryIds);
  }

  /** Opens (or, with focus false, quietly reloads) one query. */
  async open(reference: string, focus = true): Promise<void> {
    const opening = ++this.opening;
    if (reference !== this.reference) {
      this.chat.forget();
      this.drafts.show(reference);
    }
    this.reference = reference;
    this.early = [];
    this.error.textContent = '';
    this.pane.hidden = false;
    this.pane.setAttribute('aria-busy', 'true');
    byId('detail-heading').textContent = reference;
    try {
      const query = await api.query(reference);
      if (opening !== this.opening) return;
      this.show(query);
      if (focus) byId('detail-heading').focus();
    } catch (error) {
      if (opening === this.opening) this.fail(error);
    } finally {
      if (opening === this.opening) this.pane.removeAttribute('aria-busy');
    }
  }

  close(): void {
    // The keyboard goes back to the list only from inside the pane (Escape, the close button), not from elsewhere.
    const returning = this.pane.contains(document.activeElement) ? this.reference : null;
    this.opening++;
    this.reference = null;
    this.drafts.show(null);
    this.queue = null;
    this.clocks.stop();
    this.pane.hidden = true;
    this.casefile.close();
    this.closed(returning);
  }

  /** A pushed entry: appended once, or held until the opening query's timeline has loaded. */
  append(entry: TimelineEntry): void {
    if (entry.reference !== this.reference) return;
    // Shown here, so a change made from now on is decided with it: the message the agent sent, the user's that came in.
    if (this.version !== undefined && entry.queryVersion > this.version) this.version = entry.queryVersion;
    this.moments.heard(entry.reference, entry.kind);
    this.controls.heard(entry);
    if (this.pane.hasAttribute('aria-busy')) {
      this.early.push(entry);
      return;
    }
    if (this.entryIds.has(entry.id)) return;
    this.entryIds.add(entry.id);
    if (this.asChat) this.chat.add(entry);
    else this.timeline.append(entryView(entry, this.contact()));
  }

  update(query: QuerySummary): void {
    if (query.reference !== this.reference || this.pane.hasAttribute('aria-busy')) return;
    this.facts(query);
    this.clocks.show(query);
    this.controls.facts(query);
    if (this.asChat) this.chat.statusChanged(query.status);
  }

  conversationChanged(conversation: ConversationSummary): void {
    if (this.asChat && (conversation.reference === this.reference || conversation.id === this.chat.conversation?.id)) {
      this.chat.conversationChanged(conversation);
    }
  }

  deliveryChanged(change: DeliveryChange): void {
    if (change.reference === this.reference) this.chat.delivery(change.entryId, change.delivery);
  }

  private show(query: QueryDetail): void {
    byId('detail-subject').textContent = query.subject;
    byId('detail-text').textContent = query.text;
    this.detail = query;
    this.facts(query);
    this.clocks.show(query, query.asOf);
    void this.controls.open(query);
    void this.moments.load(query.reference);
    // A desk from before conversations leaves the field out: read that as null.
    this.asChat = (query.conversation ?? null) !== null || query.channel === 'chat';
    // In a chat the query's text is the contact's first message, shown there.
    byId('detail-text').hidden = this.asChat;
    byId('case-view').hidden = this.asChat;
    if (this.asChat) this.chat.show(query);
    else this.chat.hide();
    this.casefile.show(query);
    this.entryIds.clear();
    this.timeline.replaceChildren();
    this.pane.removeAttribute('aria-busy');
    for (const entry of [...query.timeline, ...this.early].sort((a, b) => a.id - b.id)) this.append(entry);
    this.early = [];
  }

  private facts(query: QuerySummary): void {
    this.queue = query.queue;
    this.version = query.version;
    const fact = (term: string, value: Node | string) => [h('dt', {}, term), h('dd', {}, value)];
    byId('detail-facts').replaceChildren(
      ...fact(t.type, words(query.type)),
      ...fact(t.queue, queueName(query.queue)),
      ...fact(t.priority, words(query.priority)),
      ...fact(t.status, words(query.status)),
      ...fact(t.assignee, query.assignee ?? t.nobody),
      ...fact(t.contact, `${query.contactName ?? t.contactNumber(query.contactId)} (${qw.names[query.channel] ?? words(query.channel)})`),
      ...fact(w.confidence, query.confidence === null ? '—' : `${Math.round(query.confidence * 100)}%`),
      ...fact(w.decidedBy, this.decidedBy(query)),
      ...(this.detail?.reference === query.reference
        ? fact(w.impactUrgency, `${words(this.detail.impact)} / ${words(this.detail.urgency)}`) : []),
      ...fact(t.sla, query.slaState === 'breached' ? t.slaState.breached : query.slaPaused ? t.slaState.paused : t.slaState.onTrack),
    );
    this.statusSelect.value = query.status;
    const next = nextStatuses[query.status] ?? [];
    for (const option of this.statusSelect.options) option.disabled = option.value !== query.status && !next.includes(option.value);
  }

  private contact(): string {
    return this.detail ? this.detail.contactName ?? t.contactNumber(this.detail.contactId) : t.theContact;
  }

  /** "the model (v3)", "a rule (sla_breach)", "the catalog", "an agent". */
  private decidedBy(query: QuerySummary): string {
    const by = w.decider[query.decidedBy] ?? words(query.decidedBy);
    const detail = this.detail?.reference === query.reference ? this.detail : null;
    const why = query.decidedBy === 'rule' ? detail?.decisionRule : query.decidedBy === 'model' ? detail?.modelVersion : null;
    return why ? w.decidedByRule(by, why) : by;
  }

  /** True when the change was made; a refusal that names a rule asks for a justification instead of failing. */
  private async change(change: QueryChange): Promise<boolean> {
    const reference = this.reference;
    if (!reference) return false;
    let made = false;
    await this.act(async () => {
      try {
        const query = await api.change(reference, change, this.version);
        this.update(query);
        this.changed(query);
        made = true;
      } catch (error) {
        if (!this.controls.refused(error, change)) throw error;
      }
    });
    return made;
  }

  /** What was said on a call with the user: on the record as an answer to them, sent nowhere. */
  private async logCall(box: HTMLTextAreaElement): Promise<void> {
    const reference = this.reference;
    const text = box.value.trim();
    if (!reference) return;
    if (!text) {
      this.error.textContent = t.writeFirst;
      box.focus();
      return;
    }
    await this.act(async () => {
      this.append(await api.postMessage(reference, text, 'public', { channel: 'phone' }));
      this.drafts.sent(box, reference);
    });
  }

  private async send(visibility: 'public' | 'internal', box: HTMLTextAreaElement): Promise<void> {
    const reference = this.reference;
    const text = box.value.trim();
    if (!reference) return;
    if (!text) {
      this.error.textContent = t.writeFirst;
      box.focus();
      return;
    }
    await this.act(async () => {
      const entry = await sendReply(reference, text, visibility, box, this.newestEntry());
      if (!entry) return;
      this.append(entry);
      this.drafts.sent(box, reference);
    });
    box.focus();
  }

  /** Runs one action with the pane's controls disabled, showing the desk's ProblemDetails on failure. */
  private async act(action: () => Promise<void>): Promise<void> {
    const reference = this.reference;
    const controls = [...this.pane.querySelectorAll<HTMLButtonElement | HTMLTextAreaElement | HTMLSelectElement>(
      '.actions button, .actions select, .message-form button, .message-form textarea, #chat button, #chat textarea')];
    this.error.textContent = '';
    controls.forEach((control) => (control.disabled = true));
    try {
      await action();
    } catch (error) {
      // Someone changed the query, or took the chat, meanwhile: show it as it is now, with the desk's account of why.
      if (error instanceof ApiError && error.status === 409 && reference && reference === this.reference) {
        await this.open(reference, false);
      }
      this.fail(error);
    } finally {
      controls.forEach((control) => (control.disabled = false));
    }
  }

  private fail(error: unknown): void {
    this.error.textContent = error instanceof ApiError ? error.message : t.somethingWrong;
  }
}
