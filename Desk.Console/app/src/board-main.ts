// The supervisors' live board at /board: a snapshot from GET /api/board, then BoardChanged pushes. Never polls.
import { ApiError, api, onSessionLost } from './api';
import type { BoardChange, StaffMember } from './contract';
import { byId } from './dom';
import { BoardView } from './board-view';
import { t, translatePage } from './board-words';
import { addLanguageSwitch } from './language';
import { deskHub, HubLink, type ConnectionState, type LinkEvents } from './realtime';
import { SignInForm } from './sign-in';

class BoardLink extends HubLink {
  constructor(events: LinkEvents, changed: (change: BoardChange) => void) {
    super(events, deskHub);
    this.connection.on('BoardChanged', changed);
  }

  start(): Promise<void> {
    return this.begin();
  }

  protected join(): Promise<unknown> {
    return this.connection.invoke('JoinBoard');
  }
}

translatePage();
addLanguageSwitch(document.querySelector('header')!, t.language);
const view = new BoardView();
const board = byId('board');
let link: BoardLink | null = null;

async function reload(): Promise<void> {
  view.hold();
  try {
    const snapshot = await api.board();
    view.load(snapshot);
    board.dataset.sequence = String(snapshot.sequence);
    board.dataset.loaded = 'true';
    byId('board-error').textContent = '';
  } catch (error) {
    byId('board-error').textContent = error instanceof ApiError ? error.message : String(error);
  }
}

async function enter(member: StaffMember): Promise<void> {
  signIn.hide();
  if (member.role === 'agent') {
    byId('refused').hidden = false;
    return;
  }
  byId<HTMLButtonElement>('sign-out').hidden = false;
  board.hidden = false;
  link = new BoardLink({
    rejoined: () => void reload(),
    stateChanged: (state: ConnectionState) => {
      const indicator = byId('connection');
      indicator.dataset.state = state;
      indicator.textContent = state === 'offline' ? t.noNetwork : t[state];
    },
    checkSession: () => void api.me().catch(() => undefined),
    sessionLost: () => void leave(),
  }, (change) => view.apply(change));
  view.hold();
  await link.start(); // joined before the snapshot, so no change falls between the two
  await reload();
}

async function leave(tellDesk = false): Promise<void> {
  const leaving = link;
  link = null;
  await leaving?.stop();
  board.hidden = true;
  delete board.dataset.loaded;
  byId<HTMLButtonElement>('sign-out').hidden = true;
  if (tellDesk) await api.signOut().catch(() => undefined);
  signIn.show('');
}

const signIn = new SignInForm((member) => void enter(member));
onSessionLost(() => void leave());
byId('sign-out').addEventListener('click', () => void leave(true));
window.setInterval(() => view.refreshAges(), 30_000);

try {
  await enter(await api.me());
} catch (error) {
  signIn.show(error instanceof ApiError && error.status !== 401 ? error.message : '');
}
