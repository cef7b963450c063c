import { HubConnectionState } from '@microsoft/signalr';
import { clientHeader } from './api';
import type { OutageSummary } from './casefile-api';
import type {
  ConversationSummary, DeliveryChange, MomentOfTruth, QueryMove, QueryPresence, QuerySummary, SlaBreach, SlaWarning, TimelineEntry,
} from './contract';
import { HubLink, type LinkEvents } from './hub-link';

export { HubLink, type ConnectionState, type LinkEvents } from './hub-link';

/** The staff's hub, for the console and the board. */
export const deskHub = { url: '/hubs/desk', headers: clientHeader };

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
  /** A user answered a survey with a low score or a negative comment; a recovery query was opened. */
  momentOfTruth(moment: MomentOfTruth): void;
  /** A major outage was declared, linked, noticed or resolved (outages.ts). */
  outageChanged?(outage: OutageSummary): void;
  /** Another console on the query this one views: joined, viewing, typing or left. */
  presenceChanged(presence: QueryPresence): void;
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
    super(events, deskHub);
    this.connection.on('QueryCreated', (query: QuerySummary) => events.queryCreated(query));
    this.connection.on('QueryUpdated', (query: QuerySummary) => events.queryUpdated(query));
    this.connection.on('QueryLeft', (move: QueryMove) => events.queryLeft(move));
    this.connection.on('TimelineAppended', (entry: TimelineEntry) => events.timelineAppended(entry));
    this.connection.on('SlaBreached', (breach: SlaBreach) => events.slaBreached(breach));
    this.connection.on('SlaWarned', (warning: SlaWarning) => events.slaWarned(warning));
    this.connection.on('ConversationChanged', (conversation: ConversationSummary) => events.conversationChanged(conversation));
    this.connection.on('DeliveryChanged', (change: DeliveryChange) => events.deliveryChanged(change));
    this.connection.on('MomentOfTruth', (moment: MomentOfTruth) => events.momentOfTruth(moment));
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
