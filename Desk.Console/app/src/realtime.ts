import {
  HttpError, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection,
} from '@microsoft/signalr';
import { clientHeader } from './api';
import type { OutageSummary } from './casefile-api';
import type {
  ConversationSummary, DeliveryChange, QueryMove, QueryPresence, QuerySummary, SlaBreach, SlaWarning, TimelineEntry,
} from './contract';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** What every live page hears about its connection. */
export interface LinkEvents {
  /** Joined again after a drop, or told by the desk (`Resync`) that pushes were dropped: reload what is shown. */
  rejoined(): void;
  stateChanged(state: ConnectionState): void;
  sessionLost(): void;
}

export interface DeskEvents extends LinkEvents {
  queryCreated(query: QuerySummary): void;
  queryUpdated(query: QuerySummary): void;
  queryLeft(move: QueryMove): void;
  timelineAppended(entry: TimelineEntry): void;
  slaBreached(breach: SlaBreach): void;
  slaWarned(warning: SlaWarning): void;
  /** A conversation entered the live queue, was taken, handed back or timed out. */
  conversationChanged(conversation: ConversationSummary): void;
  deliveryChanged(change: DeliveryChange): void;
  /** A major outage was declared, linked, noticed or resolved (outages.ts). */
  outageChanged?(outage: OutageSummary): void;
  /** Another console on the query this one views: joined, viewing, typing or left. */
  presenceChanged(presence: QueryPresence): void;
}

const retryDelays = [0, 2_000, 5_000, 10_000];
const restartDelay = 5_000;

/** The desk hub, kept connected and its groups joined for as long as the page wants it. */
export abstract class HubLink {
  protected readonly connection: HubConnection;
  private stopped = true;
  private joinedBefore = false;
  private restartTimer: number | undefined;

  constructor(private readonly events: LinkEvents) {
    this.connection = new HubConnectionBuilder()
      .withUrl('/hubs/desk', { headers: { ...clientHeader } })
      .withAutomaticReconnect({
        // Keep trying for as long as the page is open; the default gives up after four tries.
        nextRetryDelayInMilliseconds: (retry) => retryDelays[retry.previousRetryCount] ?? 30_000,
      })
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.onreconnecting(() => events.stateChanged('reconnecting'));
    this.connection.onreconnected(() => void this.rejoin());
    // The desk could not keep up and dropped pushes: as after a reconnection, what is shown may be stale.
    this.connection.on('Resync', () => events.rejoined());
    this.connection.onclose(() => {
      events.stateChanged('disconnected');
      this.scheduleRestart();
    });
  }

  /** Joins the page's groups; called on every (re)connection, since groups do not survive a new one. */
  protected abstract join(): Promise<unknown>;

  /** Resolves after the first attempt, joined or not; later attempts go on in the background. */
  protected async begin(): Promise<void> {
    this.stopped = false;
    this.joinedBefore = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    window.clearTimeout(this.restartTimer);
    await this.connection.stop();
    this.events.stateChanged('disconnected');
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connection.state !== HubConnectionState.Disconnected) return;
    this.events.stateChanged('connecting');
    try {
      await this.connection.start();
      await this.joined();
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 401) {
        this.stopped = true;
        this.events.sessionLost();
        return;
      }
      // A failed join leaves a connection that receives nothing: drop it and start over.
      if (this.connection.state !== HubConnectionState.Disconnected) {
        await this.connection.stop();
      } else {
        this.events.stateChanged('disconnected');
        this.scheduleRestart();
      }
    }
  }

  private async rejoin(): Promise<void> {
    try {
      await this.joined();
    } catch {
      await this.connection.stop();
    }
  }

  private async joined(): Promise<void> {
    await this.join();
    this.events.stateChanged('connected');
    if (this.joinedBefore) this.events.rejoined();
    this.joinedBefore = true;
  }

  private scheduleRestart(): void {
    if (this.stopped) return;
    window.clearTimeout(this.restartTimer);
    this.restartTimer = window.setTimeout(() => void this.connect(), restartDelay);
  }
}

/** The console's connection: joins the queues the signed-in member may watch, and the supervisors' group. */
export class DeskConnection extends HubLink {
  private groups: { queues: string[]; supervisors: boolean } = { queues: [], supervisors: false };
  /** The queues the member may watch now: read again on each reconnection, since a supervisor may have changed them
   * (the desk closes the member's connections when that happens). */
  private queuesNow: () => Promise<string[]> = () => Promise.resolve([]);
  private firstJoin = true;
  /** The query open in the pane: its presence group is joined again on every (re)connection. */
  private viewing: string | null = null;

  constructor(events: DeskEvents) {
    super(events);
    this.connection.on('QueryCreated', (query: QuerySummary) => events.queryCreated(query));
    this.connection.on('QueryUpdated', (query: QuerySummary) => events.queryUpdated(query));
    this.connection.on('QueryLeft', (move: QueryMove) => events.queryLeft(move));
    this.connection.on('TimelineAppended', (entry: TimelineEntry) => events.timelineAppended(entry));
    this.connection.on('SlaBreached', (breach: SlaBreach) => events.slaBreached(breach));
    this.connection.on('SlaWarned', (warning: SlaWarning) => events.slaWarned(warning));
    this.connection.on('ConversationChanged', (conversation: ConversationSummary) => events.conversationChanged(conversation));
    this.connection.on('DeliveryChanged', (change: DeliveryChange) => events.deliveryChanged(change));
    this.connection.on('OutageChanged', (outage: OutageSummary) => events.outageChanged?.(outage));
    this.connection.on('PresenceChanged', (presence: QueryPresence) => events.presenceChanged(presence));
  }

  /** Leaves the presence of the query viewed before, and joins that of `reference` (null: none). */
  async view(reference: string | null): Promise<void> {
    const previous = this.viewing;
    this.viewing = reference;
    if (this.connection.state !== HubConnectionState.Connected) return;
    if (previous) await this.connection.invoke('LeaveQuery', previous);
    if (reference) await this.connection.invoke('ViewQuery', reference);
  }

  async signal(method: 'StillViewing' | 'Typing', reference: string): Promise<void> {
    if (this.connection.state === HubConnectionState.Connected && reference === this.viewing) await this.connection.invoke(method, reference);
  }

  async start(queues: string[], supervisors: boolean, queuesNow: () => Promise<string[]>): Promise<void> {
    this.groups = { queues, supervisors };
    this.queuesNow = queuesNow;
    this.firstJoin = true;
    await this.begin();
  }

  protected async join(): Promise<unknown> {
    if (!this.firstJoin) this.groups.queues = await this.queuesNow();
    this.firstJoin = false;
    const joins = this.groups.queues.map((queue) => this.connection.invoke('JoinQueue', queue));
    if (this.groups.supervisors) joins.push(this.connection.invoke('JoinSupervisors'));
    // A query that can no longer be viewed (moved to a queue out of reach) must not fail the queues' join.
    if (this.viewing) joins.push(this.connection.invoke('ViewQuery', this.viewing).catch(() => undefined));
    return Promise.all(joins);
  }
}
