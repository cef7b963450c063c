import { t } from './console-words';
import { ApiError, api } from './api';
import type { StaffMember } from './contract';
import { byId } from './dom';

/** The sign-in form: calls back with the signed-in member, or says why not. */
export class SignInForm {
  private readonly view = byId('sign-in-view');
  private readonly form = byId<HTMLFormElement>('sign-in-form');
  private readonly username = byId<HTMLInputElement>('username');
  private readonly password = byId<HTMLInputElement>('password');
  private readonly button = byId<HTMLButtonElement>('sign-in');
  private readonly error = byId('sign-in-error');

  constructor(signedIn: (member: StaffMember) => void) {
    this.form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const username = this.username.value.trim();
      if (!username || !this.password.value) {
        this.say(t.enterCredentials);
        return;
      }
      this.button.disabled = true;
      this.say('');
      try {
        const member = await api.signIn(username, this.password.value);
        this.password.value = '';
        signedIn(member);
      } catch (error) {
        this.say(error instanceof ApiError && error.status === 401
          ? t.wrongCredentials
          : error instanceof ApiError ? error.message : t.signInFailed);
        this.password.select();
      } finally {
        this.button.disabled = false;
      }
    });
  }

  show(message = ''): void {
    this.view.hidden = false;
    this.say(message);
    (this.username.value ? this.password : this.username).focus();
  }

  hide(): void {
    this.view.hidden = true;
  }

  private say(message: string): void {
    this.error.textContent = message;
  }
}
