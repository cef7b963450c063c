// A hub connection kept open for as long as the page wants it: the console and the board (/hubs/desk), the portal
// (/hubs/portal). It imports nothing of the console's, so the portal's bundle stays its own.
import {
  HttpError, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection,
} from '@microsoft/signalr';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** What every live page hears about its connection. */
export interface LinkEvents {
  /** Joined again after a drop, or told by the desk (`Resync`) that pushes were dropped: reload what is shown. */
  rejoined(): void;
  stateChanged(state: ConnectionState): void;
  sessionLost(): void;
  /**
   * The link dropped or could not connect while the page wants it. The desk closes it when the session ends, and the
   * client tells a refused reconnection from a network failure only by its message: the page asks its API, whose 401
   * signs it out.
   */
  checkSession(): void;
}

const retryDelays = [0, 2_000, 5_000, 10_000];
const restartDelay = 5_000;

/** A hub (the desk's, or the portal's), kept connected and its groups joined for as long as the page wants it. */
export abstract class HubLink {
  protected readonly connection: HubConnection;
  private stopped = true;
  private joinedBefore = false;
  private joinedSinceRestart = false;
  private restartTimer: number | undefined;

  constructor(private readonly events: LinkEvents, hub: { url: string; headers: Record<string, string> }) {
    this.connection = new HubConnectionBuilder()
      .withUrl(hub.url, { headers: { ...hub.headers } })
      .withAutomaticReconnect({
        // Keep trying for as long as the page is open; the default gives up after four tries.
        nextRetryDelayInMilliseconds: (retry) => retryDelays[retry.previousRetryCount] ?? 30_000,
      })
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.onreconnecting(() => {
      events.stateChanged('reconnecting');
      this.dropped();
    });
    this.connection.onreconnected(() => void this.rejoin());
    // The desk could not keep up and dropped pushes: as after a reconnection, what is shown may be stale.
    this.connection.on('Resync', () => events.rejoined());
    this.connection.onclose(() => {
      events.stateChanged('disconnected');
      this.dropped();
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
        this.dropped();
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
    this.joinedSinceRestart = true;
  }

  private dropped(): void {
    if (!this.stopped) this.events.checkSession();
  }

  /**
   * A link that was joined and then closed (the desk closes a member's connections when their queues change, or a join
   * fails) starts again at once; one that has not joined since its last start waits, so a desk that keeps refusing is
   * not asked in a tight loop.
   */
  private scheduleRestart(): void {
    if (this.stopped) return;
    window.clearTimeout(this.restartTimer);
    const delay = this.joinedSinceRestart ? 0 : restartDelay;
    this.joinedSinceRestart = false;
    this.restartTimer = window.setTimeout(() => void this.connect(), delay);
  }
}
