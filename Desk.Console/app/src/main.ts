import { t } from './console-words';
import { ApiError, api, onSessionLost } from './api';
import type { StaffMember } from './contract';
import { byId } from './dom';
import { Desk } from './desk';
import { SignInForm } from './sign-in';
import { addLanguageSwitch, translatePage } from './language';

translatePage(t);
document.title = t.title;
addLanguageSwitch(document.querySelector('header')!, t.language);

let signedIn = false;

const desk = new Desk(() => void signOut(t.sessionEnded, false));
const signIn = new SignInForm((member) => void enter(member));

async function enter(member: StaffMember): Promise<void> {
  signedIn = true;
  signIn.hide();
  byId<HTMLButtonElement>('sign-out').disabled = false;
  await desk.enter(member);
}

async function signOut(message: string, tellDesk: boolean): Promise<void> {
  if (!signedIn) return;
  signedIn = false;
  byId<HTMLButtonElement>('sign-out').disabled = true;
  await desk.leave();
  if (tellDesk) {
    try {
      await api.signOut();
    } catch (error) {
      message = error instanceof ApiError ? error.message : t.signOutFailed;
    }
  }
  signIn.show(message);
}

onSessionLost(() => void signOut(t.sessionEnded, false));
byId('sign-out').addEventListener('click', () => void signOut('', true));

try {
  await enter(await api.me());
} catch (error) {
  signIn.show(error instanceof ApiError && error.status !== 401 ? error.message : '');
}
