// API keys (admins only): the keys issued, a form to issue one (its secret shown once, here), revoke on each active row.
import { admin, scopes, type ApiKeyInfo } from './admin-api';
import { submitting } from './admin-form';
import { Listing } from './admin-listing';
import { at } from './admin-words';
import { byId, h } from './dom';
import { formatDate } from './language';

const when = (iso: string) => formatDate(new Date(iso));

export class KeysSection {
  private readonly section = byId('keys-section');
  private readonly list = new Listing(byId('keys-rows'), byId('keys-status'), admin.keys, (key) => this.row(key));
  private readonly form = byId<HTMLFormElement>('key-issue');
  private readonly issued = byId('issued');
  private readonly secret = byId<HTMLInputElement>('issued-key');

  constructor() {
    byId('key-scopes').append(...scopes.map((scope) => {
      const id = `scope-${scope.replace(':', '-')}`;
      return h('div', { class: 'check' },
        h('input', { type: 'checkbox', id, name: 'scope', value: scope, 'aria-describedby': 'key-scopes-error' }),
        h('label', { for: id }, at.scopeNames[scope] ?? scope));
    }));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.issue();
    });
    byId('copy-key').addEventListener('click', () => void this.copy());
    byId('issued-done').addEventListener('click', () => this.forget());
  }

  async show(): Promise<void> {
    this.section.hidden = false;
    await this.list.reload();
  }

  private row(key: ApiKeyInfo): HTMLTableRowElement {
    return h('tr', { 'data-key': String(key.id), 'data-prefix': key.prefix, 'data-revoked': String(key.revokedAt !== null) },
      h('td', {}, key.name),
      h('td', {}, h('code', {}, key.prefix)),
      h('td', {}, key.scopes.join(', ')),
      h('td', {}, at.issuedBy(key.createdBy, when(key.createdAt))),
      h('td', {}, key.revokedAt === null ? at.active : at.revoked(when(key.revokedAt))),
      h('td', { class: 'actions' }, key.revokedAt === null
        && this.list.button(at.revoke, at.revokeKey(key.name), () => admin.revokeKey(key.id), at.keyRevoked(key.name))));
  }

  private async issue(): Promise<void> {
    const name = (this.form.elements.namedItem('name') as HTMLInputElement).value;
    const chosen = [...this.form.querySelectorAll<HTMLInputElement>('input[name="scope"]:checked')].map((box) => box.value);
    let secret = '';
    const done = await submitting(this.form, async () => {
      secret = (await admin.issueKey(name, chosen)).key;
    });
    if (!done) return;
    this.form.reset();
    this.secret.value = secret;
    this.issued.hidden = false;
    this.list.say(at.keyIssued(name.trim()));
    this.secret.focus();
    this.secret.select();
    await this.list.reload();
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.secret.value);
      this.list.say(at.copiedToClipboard);
    } catch {
      this.secret.select();
      this.list.say(at.copyRefused);
    }
  }

  /** The secret leaves the page once the admin says it is copied; the desk keeps only its hash. */
  private forget(): void {
    this.secret.value = '';
    this.issued.hidden = true;
    this.list.say('');
  }
}
