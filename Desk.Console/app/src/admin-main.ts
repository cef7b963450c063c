// The admin page at /admin: staff and API keys for admins; the classifier's loop, SLA policies and calendars, the
// agents' routing and queues, the improvement register and the SLA scorecard for supervisors and admins; the audit log
// for admins. A section the signed-in role may not use is never shown; agents are turned away.
import { ApiError, api, onSessionLost } from './api';
import type { StaffMember } from './contract';
import { byId } from './dom';
import { AuditSection } from './admin-audit';
import { ClassifierSection } from './admin-classifier';
import { ImprovementsSection } from './admin-improvements';
import { KeysSection } from './admin-keys';
import { RoutingSection } from './admin-routing';
import { ScorecardSection } from './admin-scorecard';
import { SlaSection } from './admin-sla';
import { StaffSection } from './admin-staff';
import { at, roleName, translatePage } from './admin-words';
import { aw } from './audit-words';
import { cw } from './classifier-admin-words';
import { addLanguageSwitch } from './language';
import { SignInForm } from './sign-in';

translatePage(cw, aw);
addLanguageSwitch(document.querySelector('header')!, at.language);
const page = byId('admin');
const staff = new StaffSection();
const keys = new KeysSection();
const classifier = new ClassifierSection();
const audit = new AuditSection();
const sla = new SlaSection();
const agentRouting = new RoutingSection();
const improvements = new ImprovementsSection();
const scorecard = new ScorecardSection();
let signedIn = false;
/** Who the page was last signed in as: after a lost session they sign in again to the page as they left it. */
let last: string | null = null;

async function enter(member: StaffMember): Promise<void> {
  // Anyone else gets a fresh page: nothing another member typed, or a key secret shown to them, stays on it.
  if (last !== null && last !== member.username) {
    location.reload();
    return;
  }
  last = member.username;
  signedIn = true;
  signIn.hide();
  byId<HTMLButtonElement>('sign-out').hidden = false;
  const whoami = byId('whoami');
  whoami.textContent = at.whoami(member.displayName, roleName(member.role));
  whoami.hidden = false;
  if (member.role === 'agent') {
    byId('refused').hidden = false;
    // The board is the supervisors' too: the agent's way on is the console.
    document.querySelector<HTMLAnchorElement>('.topbar a[href="/board"]')?.setAttribute('hidden', '');
    return;
  }
  page.hidden = false;
  page.dataset.role = member.role;
  const isAdmin = member.role === 'admin';
  await Promise.all([isAdmin && staff.show(), isAdmin && keys.show(), classifier.show(isAdmin), isAdmin && audit.show(), sla.show(isAdmin),
    agentRouting.show(isAdmin), improvements.show(), scorecard.show()]);
}

/** Signing out leaves nothing of the member's work on the page: the next member signs in to a fresh one. */
async function signOut(): Promise<void> {
  await api.signOut().catch(() => undefined);
  location.reload();
}

/** The session expired or was ended elsewhere: the page hides, keeping what was typed, until the member signs in again. */
function sessionLost(): void {
  // Asking who is signed in answers 401 before anyone is: that is no session lost.
  if (!signedIn) return;
  signedIn = false;
  for (const id of ['admin', 'refused', 'whoami', 'sign-out']) byId(id).hidden = true;
  signIn.show(at.sessionEnded);
}

const signIn = new SignInForm((member) => void enter(member));
onSessionLost(sessionLost);
byId('sign-out').addEventListener('click', () => void signOut());

try {
  await enter(await api.me());
} catch (error) {
  signIn.show(error instanceof ApiError && error.status !== 401 ? error.message : '');
}
