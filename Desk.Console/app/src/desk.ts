import { t } from './console-words';
import { ApiError, api } from './api';
import { queueName } from './board-words';
import type { Handoff } from './chat';
import type { ConversationSummary, StaffMember } from './contract';
import { Daylong } from './daylong';
import { d } from './daylong-words';
import { DetailPane } from './detail';
import { announce, byId } from './dom';
import { formatTime } from './language';
import { LiveQueue } from './live-queue';
import { OutagesView } from './outages';
import { PresenceLine } from './presence';
import { QueryList } from './query-list';
import { QueueView } from './queue-view';
import { DeskConnection, type ConnectionState } from './realtime';
import { TeamView } from './team-view';

const stateText: Record<ConnectionState, string> = {
  connecting: t.connecting,
  connected: t.connected,
  reconnecting: t.reconnecting,
  disconnected: t.disconnected,
  offline: t.noNetwork,
};

/** The signed-in view: queues with their load, the live chats, the live query list and the open query. */
export class Desk {
  private readonly view = byId('desk-view');
  private readonly error = byId('desk-error');
  private readonly list: QueryList;
  private readonly queueView: QueueView;
  private readonly detail: DetailPane;
  private readonly live: LiveQueue;
  private readonly outages = new OutagesView();
  private readonly connection: DeskConnection;
  private readonly team = new TeamView();
  private readonly daylong: Daylong;
  private readonly presence: PresenceLine;
  private member: StaffMember | null = null;
  private loading = 0;
  /** The queues the member may see, as /api/queues listed them at sign-in. */
  private queues: string[] = [];
  private queueRefresh: number | undefined;
  private queueRecount: number | undefined;

  constructor(sessionLost: () => void) {
    const username = () => this.member?.username ?? '';
    // The answer to a take or a release is the conversation as it now is; the pushed change may come before or after.
    const handoff: Handoff = {
      take: async (id) => this.conversationChanged(await api.takeConversation(id)),
      release: async (id) => this.conversationChanged(await api.releaseConversation(id)),
    };
    this.detail = new DetailPane(username, (query) => this.list.upsert(query), (reference) => {
      this.list.select(null);
      if (reference) this.list.focusRow(reference);
      this.presence.view(null);
      this.address(null);
    }, handoff);
    // The open query has an address (#/queries/INC-1042): reload keeps it, Back goes to the one before, a link opens it.
    window.addEventListener('popstate', () => this.followAddress());
    this.list = new QueryList(byId('queries'), byId('queries-empty'), (reference) => this.open(reference));
    this.queueView = new QueueView(this.list, () => this.loadQueries(), username, (error) => this.fail(error));
    this.live = new LiveQueue(username, handoff, (reference) => this.open(reference));
    this.daylong = new Daylong({ reference: () => this.detail.reference, open: (reference) => this.open(reference) });
    this.connection = new DeskConnection({
      queryCreated: (query) => {
        this.list.upsert(query);
        announce(t.newQuery(query.reference, query.subject));
        this.daylong.pushed(query);
        this.refreshQueuesSoon();
      },
      queryUpdated: (query) => {
        const moved = this.detail.reference === query.reference && this.detail.queue !== null && this.detail.queue !== query.queue;
        this.list.upsert(query);
        this.detail.update(query);
        if (moved) this.presence.moved(query.reference);
        this.daylong.pushed(query);
        this.refreshQueuesSoon();
      },
      queryLeft: (move) => {
        // Where the member may see the new queue, its QueryUpdated has the query; elsewhere it is gone from view.
        if (!this.queues.includes(move.to)) {
          this.list.remove(move.reference);
          if (this.detail.reference === move.reference) this.detail.close();
        }
        this.refreshQueuesSoon();
      },
      timelineAppended: (entry) => {
        this.detail.append(entry);
        this.live.heard(entry);
        this.team.heard(entry);
      },
      slaBreached: (breach) => this.list.markBreached(breach.reference),
      slaWarned: (warning) => this.list.markWarned(warning),
      conversationChanged: (conversation) => void this.conversationChanged(conversation),
      deliveryChanged: (change) => this.detail.deliveryChanged(change),
      momentOfTruth: (moment) => this.team.momentOfTruth(moment),
      outageChanged: (outage) => this.outages.changed(outage),
      presenceChanged: (presence) => this.presence.heard(presence),
      rejoined: () => void this.reload(),
      stateChanged: (state) => {
        const indicator = byId('connection');
        indicator.dataset.state = state;
        indicator.textContent = stateText[state];
        if (state !== 'connected') this.presence.clear();
      },
      checkSession: () => void api.me().catch(() => undefined),
      sessionLost,
    });
    this.presence = new PresenceLine(username, this.connection);
  }

  async enter(member: StaffMember): Promise<void> {
    this.member = member;
    this.view.hidden = false;
    byId('whoami').hidden = false;
    byId('whoami').textContent = `${member.displayName} (${d.roles[member.role] ?? member.role})`;
    byId('whoami').title = byId('whoami').textContent ?? '';
    byId('sign-out').hidden = false;
    byId('admin-link').hidden = member.role === 'agent';
    this.error.textContent = '';
    this.team.enter(member);
    this.daylong.enter(member);
    try {
      const queues = await api.queues();
      this.queues = queues.map((load) => load.queue);
      this.queueView.showQueues(queues);
      // Join before the first page loads, so nothing created in between is missed.
      await this.connection.start(this.queues, member.role !== 'agent', async () => {
        const before = this.queues;
        this.queues = (await api.queues()).map((load) => load.queue);
        this.queuesChanged(before, this.queues);
        return this.queues;
      });
      await Promise.all([this.queueView.enter(), this.live.load(), this.outages.load()]);
      this.followAddress();
      // The counts are the node's, which takes in another node's changes at its resync (Board:ResyncInterval, 30 s):
      // read them again as often, or a change made through another node stays uncounted here until the next push.
      window.clearInterval(this.queueRecount);
      this.queueRecount = window.setInterval(() => void this.recount(), 30_000);
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Says why the queue list changed when the desk closed the connection for it (an admin restricted or opened a queue, a
   * supervisor changed the member's queues): the console joins again and would otherwise just show other queues.
   */
  private queuesChanged(before: string[], after: string[]): void {
    const gained = after.filter((queue) => !before.includes(queue));
    const lost = before.filter((queue) => !after.includes(queue));
    if (gained.length === 0 && lost.length === 0) return;
    const at = formatTime(new Date());
    const said = [
      gained.length > 0 ? t.queuesGained(at, gained.map(queueName).join(', ')) : '',
      lost.length > 0 ? t.queuesLost(at, lost.map(queueName).join(', ')) : '',
    ].filter(Boolean).join(' ');
    const line = byId('queues-changed');
    line.textContent = said;
    line.hidden = false;
  }

  private async recount(): Promise<void> {
    if (!this.member || document.hidden) return;
    try {
      this.queueView.showQueues(await api.queues());
    } catch (error) {
      this.fail(error);
    }
  }

  async leave(): Promise<void> {
    this.member = null;
    this.daylong.leave();
    window.clearTimeout(this.queueRefresh);
    window.clearInterval(this.queueRecount);
    await this.connection.stop();
    this.live.stop();
    this.team.leave();
    this.detail.close();
    this.list.clear();
    this.view.hidden = true;
    byId('whoami').hidden = true;
    byId('sign-out').hidden = true;
    byId('admin-link').hidden = true;
    byId('queues-changed').hidden = true;
  }

  private open(reference: string, fromAddress = false): void {
    this.list.select(reference);
    this.presence.view(reference);
    if (!fromAddress) this.address(reference);
    void this.detail.open(reference);
  }

  private address(reference: string | null): void {
    const hash = reference === null ? '' : `#/queries/${encodeURIComponent(reference)}`;
    if (location.hash !== hash) history.pushState(null, '', hash || location.pathname + location.search);
  }

  /** Opens the query the address names, or closes the pane when it names none. */
  private followAddress(): void {
    if (!this.member) return;
    const linked = /^#\/queries\/([^/]+)$/.exec(location.hash)?.[1];
    let reference: string | null = null;
    try {
      reference = linked === undefined ? null : decodeURIComponent(linked);
    } catch {
      // A mangled address names nothing.
    }
    if (reference !== null && reference !== this.detail.reference) this.open(reference, true);
    else if (reference === null && this.detail.reference) this.detail.close();
  }

  private conversationChanged(conversation: ConversationSummary): ConversationSummary {
    this.live.upsert(conversation);
    this.detail.conversationChanged(conversation);
    return conversation;
  }

  private async reload(): Promise<void> {
    this.refreshQueuesSoon();
    await Promise.all([this.loadQueries(), this.live.load(), this.outages.load()]);
    this.team.reload();
    if (this.detail.reference) await this.detail.open(this.detail.reference, false);
  }

  private async loadQueries(): Promise<void> {
    const loading = ++this.loading;
    this.list.beginLoad();
    try {
      const page = await api.queries(this.list.filter, this.list.offset, this.list.limit);
      if (loading !== this.loading) return;
      this.list.replaceAll(page.items, page.total, page.offset, page.totalCapped);
      this.error.textContent = '';
    } catch (error) {
      if (loading === this.loading) this.fail(error);
    }
  }

  /** Open counts and the page's range change with every push; one reload a second at most keeps them honest and cheap. */
  private refreshQueuesSoon(): void {
    if (this.queueRefresh !== undefined) return;
    this.queueRefresh = window.setTimeout(async () => {
      try {
        if (this.member) {
          this.queueView.showQueues(await api.queues());
          await this.loadQueries();
        }
      } catch (error) {
        this.fail(error);
      } finally {
        this.queueRefresh = undefined;
      }
    }, 1_000);
  }

  private fail(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) return;
    this.error.textContent = error instanceof ApiError ? error.message : t.somethingWrong;
  }
}
