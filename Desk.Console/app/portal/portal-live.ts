// The portal's live link (/hubs/portal, opened by the portal's own cookie): the desk says which of the user's queries
// changed, never what changed, and the page reads it again through /api/portal as the user.
import { HubLink } from '../src/hub-link';

export class PortalLink extends HubLink {
  /**
   * `changed`: read again the query with this reference, or everything shown (null: after a drop, or when the desk says
   * pushes were missed). `checkSession`: the link dropped, perhaps because the session ended; the portal API tells.
   */
  constructor(private readonly changed: (reference: string | null) => void, sessionLost: () => void, checkSession: () => void) {
    super({
      rejoined: () => changed(null),
      stateChanged: () => undefined,
      sessionLost,
      checkSession,
    }, { url: '/hubs/portal', headers: { 'X-Desk-Client': 'portal' } });
    this.connection.on('QueryChanged', (change: { reference: string }) => changed(change.reference));
  }

  start(): Promise<void> {
    return this.begin();
  }

  // The desk puts a connection in its contact's group itself, so there is nothing to join; but what changed before
  // this connection (the page was read, then connected) was told to nobody: read it again.
  protected join(): Promise<unknown> {
    this.changed(null);
    return Promise.resolve();
  }
}
