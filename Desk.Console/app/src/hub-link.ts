// A hub connection kept open for as long as the page wants it: the console and the board (/hubs/desk), the portal
// (/hubs/portal). It imports nothing of the console's, so the portal's bundle stays its own.
import {
  HttpError, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection,
} from '@microsoft/signalr';

/** `offline`: the browser says it has no network. The link may not have noticed yet: it waits up to 30 s for a ping. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'offline';

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
  /** What the link itself last said; shown again when the browser has a network again. */
  private linkState: ConnectionState = 'disconnected';
  private readonly wentOffline = () => this.events.stateChanged('offline');
  private readonly cameOnline = () => void this.online();

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
      this.report('reconnecting');
      this.dropped();
    });
    this.connection.onreconnected(() => void this.rejoin());
    // The desk could not keep up and dropped pushes: as after a reconnection, what is shown may be stale.
    this.connection.on('Resync', () => events.rejoined());
    this.connection.onclose(() => {
      this.report('disconnected');
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
    window.addEventListener('offline', this.wentOffline);
    window.addEventListener('online', this.cameOnline);
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    window.removeEventListener('offline', this.wentOffline);
    window.removeEventListener('online', this.cameOnline);
    window.clearTimeout(this.restartTimer);
    await this.connection.stop();
    this.report('disconnected');
  }

  /** Shows the link's state, unless the browser is offline: a link that has not yet noticed is not live either. */
  private report(state: ConnectionState): void {
    this.linkState = state;
    this.events.stateChanged(navigator.onLine ? state : 'offline');
  }

  /**
   * Back online. A link that stayed open missed no push but the page's own reads may have failed: read again. One
   * waiting to retry (up to 30 s) starts over now.
   */
  private async online(): Promise<void> {
    if (this.stopped) return;
    if (this.connection.state === HubConnectionState.Connected) {
      this.report(this.linkState);
      if (this.linkState === 'connected') this.events.rejoined();
    } else if (this.connection.state === HubConnectionState.Reconnecting) {
      this.report(this.linkState);
      await this.connection.stop(); // its onclose starts a new connection at once
    } else {
      this.report(this.linkState);
      window.clearTimeout(this.restartTimer);
      await this.connect();
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connection.state !== HubConnectionState.Disconnected) return;
    this.report('connecting');
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
        this.report('disconnected');
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
    this.report('connected');
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
