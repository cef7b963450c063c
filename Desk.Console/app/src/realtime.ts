import {
  HttpError, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection,
} from '@microsoft/signalr';
import { clientHeader } from './api';
import type {
  ConversationSummary, DeliveryChange, QueryMove, QuerySummary, SlaBreach, TimelineEntry,
} from './contract';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface DeskEvents {
  queryCreated(query: QuerySummary): void;
  queryUpdated(query: QuerySummary): void;
  queryLeft(move: QueryMove): void;
  timelineAppended(entry: TimelineEntry): void;
  slaBreached(breach: SlaBreach): void;
  /** A conversation entered the live queue, was taken, handed back or timed out. */
  conversationChanged(conversation: ConversationSummary): void;
  deliveryChanged(change: DeliveryChange): void;
  /** Joined again after a drop: pushes may have been missed, so reload what is shown. */
  rejoined(): void;
  stateChanged(state: ConnectionState): void;
  sessionLost(): void;
}

const retryDelays = [0, 2_000, 5_000, 10_000];
const restartDelay = 5_000;

/** The desk hub: joins the groups the signed-in member may watch and keeps them joined. */
export class DeskConnection {
  private readonly connection: HubConnection;
  private groups: { queues: string[]; supervisors: boolean } = { queues: [], supervisors: false };
  private stopped = true;
  private joinedBefore = false;
  private restartTimer: number | undefined;

  constructor(private readonly events: DeskEvents) {
    this.connection = new HubConnectionBuilder()
      .withUrl('/hubs/desk', { headers: { ...clientHeader } })
      .withAutomaticReconnect({
        // Keep trying for as long as the console is open; the default gives up after four tries.
        nextRetryDelayInMilliseconds: (retry) => retryDelays[retry.previousRetryCount] ?? 30_000,
      })
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.on('QueryCreated', (query: QuerySummary) => events.queryCreated(query));
    this.connection.on('QueryUpdated', (query: QuerySummary) => events.queryUpdated(query));
    this.connection.on('QueryLeft', (move: QueryMove) => events.queryLeft(move));
    this.connection.on('TimelineAppended', (entry: TimelineEntry) => events.timelineAppended(entry));
    this.connection.on('SlaBreached', (breach: SlaBreach) => events.slaBreached(breach));
    this.connection.on('ConversationChanged', (conversation: ConversationSummary) => events.conversationChanged(conversation));
    this.connection.on('DeliveryChanged', (change: DeliveryChange) => events.deliveryChanged(change));
    this.connection.onreconnecting(() => events.stateChanged('reconnecting'));
    this.connection.onreconnected(() => void this.rejoin());
    this.connection.onclose(() => {
      events.stateChanged('disconnected');
      this.scheduleRestart();
    });
  }

  /** Resolves after the first attempt, joined or not; later attempts go on in the background. */
  async start(queues: string[], supervisors: boolean): Promise<void> {
    this.groups = { queues, supervisors };
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

  /** Groups do not survive a new connection, so every (re)connection joins them again. */
  private async joined(): Promise<void> {
    const joins = this.groups.queues.map((queue) => this.connection.invoke('JoinQueue', queue));
    if (this.groups.supervisors) joins.push(this.connection.invoke('JoinSupervisors'));
    await Promise.all(joins);
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
