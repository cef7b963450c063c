// Staff (admins only): the accounts, a form to add one, a form to change one (display name, role, password reset),
// and disable / enable on each row. Anything that changes who may do what ends the member's sessions (StaffApi.cs).
import { admin, roles, type StaffAccount, type UpdateStaff } from './admin-api';
import { submitting } from './admin-form';
import { Listing } from './admin-listing';
import { at, roleName } from './admin-words';
import { byId, h } from './dom';
import { formatDate } from './language';

export class StaffSection {
  private readonly section = byId('staff-section');
  private readonly list = new Listing(byId('staff-rows'), byId('staff-status'), admin.staff, (account) => this.row(account));
  private readonly create = byId<HTMLFormElement>('staff-create');
  private readonly edit = byId<HTMLFormElement>('staff-edit');
  private editing: StaffAccount | null = null;

  constructor() {
    for (const id of ['new-role', 'edit-role'])
      byId<HTMLSelectElement>(id).append(...roles.map((role) => new Option(roleName(role), role)));
    this.create.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.add();
    });
    this.edit.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    byId('staff-edit-cancel').addEventListener('click', () => this.closeEdit());
  }

  async show(): Promise<void> {
    this.section.hidden = false;
    await this.list.reload();
  }

  private row(account: StaffAccount): HTMLTableRowElement {
    const change = h('button', { type: 'button', 'aria-label': at.changeMember(account.username) }, at.change);
    change.addEventListener('click', () => this.openEdit(account));
    const [verb, action, done] = account.disabled
      ? [at.enable, 'enable', at.memberEnabled(account.username)]
      : [at.disable, 'disable', at.memberDisabled(account.username)];
    // Disabling ends their sessions and hands their open queries back, which enabling them again does not undo: asked first.
    const toggle = this.list.button(verb, `${verb} ${account.username}`,
      () => admin.updateStaff(account.username, { disabled: !account.disabled }), done, action,
      account.disabled ? undefined : at.confirmDisable(account.username));
    const locked = account.lockedUntil !== null && Date.parse(account.lockedUntil) > Date.now();
    return h('tr', { 'data-username': account.username, 'data-disabled': String(account.disabled) },
      h('td', {}, account.username),
      h('td', {}, account.displayName),
      h('td', {}, roleName(account.role)),
      h('td', {}, account.disabled ? at.disabled : locked ? at.lockedUntil(formatDate(new Date(account.lockedUntil!))) : at.active),
      h('td', { class: 'actions' }, change, toggle));
  }

  private async add(): Promise<void> {
    const value = (name: string) => (this.create.elements.namedItem(name) as HTMLInputElement).value;
    const username = value('username').trim();
    const done = await submitting(this.create, () => admin.createStaff({
      username, displayName: value('displayName'), role: value('role'), password: value('password'),
    }));
    if (!done) return;
    this.create.reset();
    this.list.say(at.memberAdded(username));
    await this.list.reload();
  }

  private openEdit(account: StaffAccount): void {
    this.editing = account;
    this.edit.hidden = false;
    byId('staff-edit-heading').textContent = at.changeMember(account.username);
    byId<HTMLInputElement>('edit-display-name').value = account.displayName;
    byId<HTMLSelectElement>('edit-role').value = account.role;
    byId<HTMLInputElement>('edit-password').value = '';
    byId('edit-display-name').focus();
  }

  private closeEdit(): void {
    this.editing = null;
    this.edit.hidden = true;
  }

  private async save(): Promise<void> {
    const account = this.editing;
    if (!account) return;
    const change: UpdateStaff = {};
    const displayName = byId<HTMLInputElement>('edit-display-name').value;
    const role = byId<HTMLSelectElement>('edit-role').value;
    const password = byId<HTMLInputElement>('edit-password').value;
    if (displayName !== account.displayName) change.displayName = displayName;
    if (role !== account.role) change.role = role;
    if (password) change.password = password;
    if (Object.keys(change).length === 0) {
      this.list.say(at.nothingChanged);
      return;
    }
    if (!await submitting(this.edit, () => admin.updateStaff(account.username, change))) return;
    this.closeEdit();
    this.list.say(at.memberSaved(account.username));
    await this.list.reload();
  }
}
