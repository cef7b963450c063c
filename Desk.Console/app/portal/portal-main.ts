// The end users' portal at /portal: sign-in by a one-time code, their queries, a query's visible timeline, and a
// message to add; at /survey/{token}, the survey a link leads to. Every piece of user data reaches the page as text
// (h() from dom.ts), never as markup.
import './portal.css';
import { h, byId } from '../src/dom';
import { addLanguageSwitch, language, translatePage } from '../src/language';
import {
  call, onSessionLost, PortalError, type PortalCodeSent, type PortalProfile, type PortalQuery, type PortalQueryDetail, type PortalEntry,
} from './portal-api';
import { p, said, reason } from './portal-words';
import { knowledge, newRequest, surveys } from './portal-self-service';
import { surveyLinkView } from './portal-survey-link';
import { PortalLink } from './portal-live';
import { entry, facts, resolving, when } from './portal-query-parts';

const main = byId<HTMLElement>('portal');
const header = byId<HTMLElement>('portal-header');
const signOut = h('button', { type: 'button', id: 'portal-sign-out', hidden: '' }, p.signOut);

function show(...children: Node[]): void {
  main.replaceChildren(...children);
  const heading = main.querySelector('h2');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

function failure(error: unknown): string {
  if (error instanceof PortalError) {
    if (error.status === 401) return p.wrongCode;
    if (error.status === 429) return error.message.includes('wrong') ? p.locked : p.tooMany(error.retryAfter);
    if (error.status === 409) return p.closedQuery;
  }
  return reason(error);
}

// Set once the user's queries are shown: a 401 after that means the session ended, not that there never was one.
let signedIn = false;
// What is on the page, for the live link: the list (null), one query (its reference), or neither (undefined).
let shown: string | null | undefined;
let live: PortalLink | undefined;

function signInView(notice?: string): void {
  signedIn = false;
  shown = undefined;
  const link = live;
  live = undefined;
  void link?.stop();
  signOut.hidden = true;
  const error = h('p', { id: 'portal-error', class: 'error', role: 'alert' });
  const address = h('input', { id: 'portal-address', name: 'address', autocomplete: 'email', required: '', 'aria-describedby': 'portal-error' });
  const code = h('input', {
    id: 'portal-code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6',
    required: '', 'aria-describedby': 'portal-error',
  });
  const sent = h('p', { class: 'hint', role: 'status' });
  const codeStep = h('div', { class: 'code-step', hidden: '' },
    sent,
    h('label', { for: 'portal-code' }, p.code), code,
    h('button', { type: 'submit', id: 'portal-sign-in' }, p.signIn),
    h('button', { type: 'button', class: 'link', id: 'portal-other' }, p.otherAddress));
  const sendButton = h('button', { type: 'submit', id: 'portal-send' }, p.sendCode);
  const form = h('form', { class: 'sign-in', novalidate: '', 'aria-labelledby': 'portal-sign-in-heading' },
    h('h2', { id: 'portal-sign-in-heading' }, p.signIn),
    ...(notice ? [h('p', { class: 'hint', id: 'portal-notice', role: 'status' }, notice)] : []),
    h('p', { class: 'hint' }, p.signInHint),
    h('label', { for: 'portal-address' }, p.address), address, sendButton, codeStep, error);
  codeStep.querySelector('#portal-other')!.addEventListener('click', () => {
    codeStep.hidden = true;
    sendButton.hidden = false;
    address.readOnly = false;
    address.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      if (codeStep.hidden) {
        const answer = await call<PortalCodeSent>('POST', '/codes', { address: address.value.trim(), language });
        sent.textContent = p.codeSent(Number(answer.minutes));
        codeStep.hidden = false;
        sendButton.hidden = true;
        address.readOnly = true;
        code.focus();
      } else {
        await call<PortalProfile>('POST', '/sessions', { address: address.value.trim(), code: code.value.trim() });
        await home();
      }
    } catch (e) {
      error.textContent = failure(e);
    }
  });
  show(form);
}

async function queriesView(notice?: string): Promise<void> {
  const [me, queries, request, toAnswer] = await Promise.all([call<PortalProfile>('GET', '/me'), call<PortalQuery[]>('GET', '/me/queries'),
    newRequest((created) => void queriesView(created)), surveys()]);
  signOut.hidden = false;
  const who = me.identities.filter((i) => i.verified).map((i) => i.address).join(', ') || me.displayName;
  show(
    h('p', { class: 'signed-in-as' }, p.signedInAs, ' ', h('span', { class: 'who', title: who }, who)),
    h('h2', { id: 'portal-queries-heading' }, p.myQueries),
    ...(notice ? [h('p', { class: 'hint', id: 'portal-notice', role: 'status' }, notice)] : []),
    queryList(queries),
    ...(toAnswer ? [toAnswer] : []), request, knowledge());
  shown = null;
  signedIn = true;
  live ??= goLive();
}

function queryList(queries: PortalQuery[]): HTMLElement {
  if (queries.length === 0) return h('div', { id: 'portal-query-list' }, h('p', { class: 'empty' }, p.noQueries));
  const list = h('ul', { class: 'portal-queries', 'aria-labelledby': 'portal-queries-heading' },
    ...queries.map((q) => h('li', {},
      h('button', { type: 'button', class: 'portal-query', 'data-reference': q.reference, 'aria-label': `${q.reference}: ${q.subject}` },
        h('span', { class: 'ref' }, q.reference),
        h('span', { class: 'subject', title: q.subject }, q.subject),
        h('span', { class: 'status', 'data-status': q.status }, said(p.statuses, q.status)),
        h('span', { class: 'updated' }, p.updated, ' ', when(q.updatedAt),
          ...(q.resolvedAt || !resolving(q) ? [] : [' · ', h('span', { class: 'due' }, p.resolvedBy, ' ', when(q.resolutionDue))])),
        h('span', { class: 'preview' }, q.preview)))));
  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-reference]');
    if (button) open(button.dataset.reference!);
  });
  return h('div', { id: 'portal-query-list' }, list);
}

// The desk pushed a change: the open query or the list is read again in place, leaving a draft and the focus as they
// are. One read at a time, and one more when pushes came meanwhile.
let reading = false;
let readAgain = false;

async function changed(reference: string | null): Promise<void> {
  if (shown === undefined || (reference !== null && shown !== null && shown !== reference)) return;
  if (reading) {
    readAgain = true;
    return;
  }
  reading = true;
  try {
    do {
      readAgain = false;
      if (shown === null) await refreshList();
      else if (shown !== undefined) await refreshQuery(shown);
    } while (readAgain);
  } catch {
    // A session that ended says so through call(); anything else waits for the next push.
  } finally {
    reading = false;
  }
}

function goLive(): PortalLink {
  const link = new PortalLink((reference) => void changed(reference), sessionEnded,
    () => void call<PortalProfile>('GET', '/me').catch(() => undefined));
  void link.start();
  return link;
}

// A push may be a survey sent to the user (its question goes on the query): the list's surveys are read again too.
async function refreshList(): Promise<void> {
  const asked = main.querySelector('.portal-surveys');
  const [queries, toAnswer] = await Promise.all([call<PortalQuery[]>('GET', '/me/queries'), surveys(asked)]);
  if (shown !== null) return;
  main.querySelector('#portal-query-list')?.replaceWith(queryList(queries));
  if (toAnswer) main.querySelector('#portal-query-list')?.after(toAnswer);
}

// An open query has its own address (/portal/queries/INC-1042, as a shortened SMS carries too): a link opens it once
// the user is signed in, a reload keeps it, and Back goes to the list rather than out of the portal.
const addressed = () => {
  const found = /^\/portal\/queries\/([^/]+)\/?$/.exec(location.pathname)?.[1];
  return found && decodeURIComponent(found);
};
let linked = addressed();

function go(path: string): void {
  if (location.pathname !== path) history.pushState(null, '', path);
}

function open(reference: string): void {
  go(`/portal/queries/${encodeURIComponent(reference)}`);
  queryView(reference).catch(() => undefined);
}

window.addEventListener('popstate', () => {
  if (!signedIn) return;
  const reference = addressed();
  (reference ? queryView(reference) : queriesView()).catch(() => undefined);
});

async function home(): Promise<void> {
  await queriesView();
  const reference = linked;
  linked = undefined;
  if (reference) await queryView(reference).catch(() => undefined);
}

async function queryView(reference: string): Promise<void> {
  const detail = await call<PortalQueryDetail>('GET', `/me/queries/${encodeURIComponent(reference)}`);
  const q = detail.query;
  // New entries are appended as they come (refreshQuery): a screen reader reads the reply out as it arrives.
  const timeline = h('ol', { class: 'portal-timeline', 'aria-labelledby': 'portal-timeline-heading', 'aria-live': 'polite' },
    h('li', { class: `entry message from-${detail.textFrom === 'desk' ? 'desk' : 'you'}` },
      h('p', { class: 'meta' }, h('strong', {}, detail.textFrom === 'desk' ? p.desk : p.you), ' ', when(q.createdAt)),
      h('p', { class: 'text' }, detail.text)),
    ...detail.timeline.map(entry));
  const back = h('button', { type: 'button', class: 'link', id: 'portal-back' }, p.back);
  back.addEventListener('click', () => {
    go('/portal');
    queriesView().catch(() => undefined);
  });
  show(
    back,
    h('h2', { id: 'portal-query-heading' }, h('span', { class: 'ref' }, q.reference), ' ', h('span', { class: 'subject', title: q.subject }, q.subject)),
    facts(q),
    h('h3', { id: 'portal-timeline-heading' }, p.timeline),
    timeline,
    detail.acceptsMessages ? writeForm(reference) : closedHint(detail.mergedInto ?? null));
  shown = reference;
}

// A duplicate says where the desk goes on with it, and leads there.
function closedHint(mergedInto: string | null): HTMLElement {
  if (!mergedInto) return h('p', { class: 'hint', id: 'portal-closed' }, p.closedQuery);
  const survivor = h('button', { type: 'button', class: 'link', 'data-reference': mergedInto }, mergedInto);
  survivor.addEventListener('click', () => open(mergedInto));
  return h('p', { class: 'hint', id: 'portal-closed' }, p.mergedInto, ' ', survivor);
}

function writeForm(reference: string): HTMLFormElement {
  const error = h('p', { id: 'portal-message-error', class: 'error', role: 'alert' });
  const text = h('textarea', { id: 'portal-message', rows: '4', maxlength: '10000', required: '', 'aria-describedby': 'portal-message-error' });
  const form = h('form', { class: 'portal-write', novalidate: '' },
    h('label', { for: 'portal-message' }, p.addMessage), text, h('button', { type: 'submit' }, p.send), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await call<PortalEntry>('POST', `/me/queries/${encodeURIComponent(reference)}/messages`, { text: text.value });
      text.value = '';
      // Read again: the message may have moved the query on (waiting for you → in progress, or reopened).
      await refreshQuery(reference);
    } catch (e) {
      error.textContent = failure(e);
    }
  });
  return form;
}

/** The open query read again in place: its facts, the entries not shown yet, and whether it still takes messages. */
async function refreshQuery(reference: string): Promise<void> {
  const detail = await call<PortalQueryDetail>('GET', `/me/queries/${encodeURIComponent(reference)}`);
  if (shown !== reference) return;
  main.querySelector('#portal-facts')?.replaceWith(facts(detail.query));
  const timeline = main.querySelector('.portal-timeline');
  const known = new Set(Array.from(main.querySelectorAll<HTMLElement>('[data-entry]'), (li) => li.dataset.entry));
  timeline?.append(...detail.timeline.filter((e) => !known.has(String(e.id))).map(entry));
  const form = main.querySelector('.portal-write');
  const closed = main.querySelector('#portal-closed');
  if (detail.acceptsMessages && closed) closed.replaceWith(writeForm(reference));
  if (!detail.acceptsMessages && form) form.replaceWith(closedHint(detail.mergedInto ?? null));
}

function sessionEnded(): void {
  if (signedIn) signInView(p.sessionEnded);
}

signOut.addEventListener('click', async () => {
  await call('POST', '/sign-out').catch(() => undefined);
  signInView();
});
onSessionLost(sessionEnded);
header.append(signOut);
addLanguageSwitch(header, p.language);
translatePage(p);
const token = /^\/survey\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname)?.[1];
if (token) void surveyLinkView(main, token);
else home().catch(() => signInView());
