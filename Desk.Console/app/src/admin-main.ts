// The admin page at /admin: staff and API keys for admins, the classifier's loop for supervisors and admins, the
// audit log for admins. A section the signed-in role may not use is never shown; agents are turned away.
import { ApiError, api, onSessionLost } from './api';
import type { StaffMember } from './contract';
import { byId } from './dom';
import { AuditSection } from './admin-audit';
import { ClassifierSection } from './admin-classifier';
import { KeysSection } from './admin-keys';
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
let signedIn = false;

async function enter(member: StaffMember): Promise<void> {
  signedIn = true;
  signIn.hide();
  byId<HTMLButtonElement>('sign-out').hidden = false;
  const whoami = byId('whoami');
  whoami.textContent = at.whoami(member.displayName, roleName(member.role));
  whoami.hidden = false;
  if (member.role === 'agent') {
    byId('refused').hidden = false;
    return;
  }
  page.hidden = false;
  page.dataset.role = member.role;
  const isAdmin = member.role === 'admin';
  await Promise.all([isAdmin && staff.show(), isAdmin && keys.show(), classifier.show(isAdmin), isAdmin && audit.show()]);
}

async function leave(tellDesk = false): Promise<void> {
  // Asking who is signed in answers 401 before anyone is: that is no session lost.
  if (!signedIn) return;
  // A page left signed out keeps nothing of the last member's work: the next member signs in to a fresh one.
  if (tellDesk) await api.signOut().catch(() => undefined);
  location.reload();
}

const signIn = new SignInForm((member) => void enter(member));
onSessionLost(() => void leave());
byId('sign-out').addEventListener('click', () => void leave(true));

try {
  await enter(await api.me());
} catch (error) {
  signIn.show(error instanceof ApiError && error.status !== 401 ? error.message : '');
}
