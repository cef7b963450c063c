// The signed-in user's self-service under their queries: a new request (free text, or a catalog item with its form),
// a knowledge search with "did this help?", and open surveys to answer. User and article text stays text (h()).
import './portal-self-service.css';
import { itemName } from '../src/catalog-words';
import { h } from '../src/dom';
import { language } from '../src/language';
import { call, type PortalArticle, type PortalArticleBody, type PortalCatalogItem, type PortalSurvey, type QueryReceipt } from './portal-api';
import { chosenScore, scoreSelect } from './portal-score';
import { p, reason as problem } from './portal-words';

/** "New request": free text, or a catalog item the contact is entitled to with its fields; then the reference. */
export async function newRequest(onCreated: (notice: string) => void): Promise<HTMLElement> {
  const items = await call<PortalCatalogItem[]>('GET', '/me/catalog');
  const error = h('p', { id: 'portal-new-error', class: 'error', role: 'alert' });
  const item = h('select', { id: 'portal-new-item', name: 'catalogItem' },
    h('option', { value: '' }, p.freeText), ...items.map((i) => h('option', { value: i.item }, itemName(i.item))));
  const fields = h('div', { class: 'portal-fields' });
  const showFields = () => {
    const chosen = items.find((i) => i.item === item.value);
    fields.replaceChildren(...(chosen?.fields ?? []).flatMap((f) => {
      const id = `portal-field-${f.name}`;
      return [h('label', { for: id }, language === 'zh' ? f.labelZh : f.label),
        h('input', { id, 'data-field': f.name, maxlength: '500', ...(f.required ? { required: '' } : {}) })];
    }));
  };
  item.addEventListener('change', showFields);
  const text = h('textarea', { id: 'portal-new-text', rows: '3', maxlength: '10000', required: '', 'aria-describedby': 'portal-new-error' });
  const submit = h('button', { type: 'submit' }, p.submit);
  const form = h('form', { class: 'portal-new', novalidate: '', 'aria-labelledby': 'portal-new-heading' },
    h('h2', { id: 'portal-new-heading' }, p.newRequest),
    h('label', { for: 'portal-new-item' }, p.catalogItem), item, fields,
    h('label', { for: 'portal-new-text' }, p.whatDoYouNeed), text,
    submit, error);
  // One key per request the user means: a double click or a retry of the same words is taken once; an edit is a new request.
  let key = newKey();
  form.addEventListener('input', () => { key = newKey(); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    error.textContent = '';
    submit.disabled = true;
    const answers = Object.fromEntries([...fields.querySelectorAll<HTMLInputElement>('input[data-field]')].map((i) => [i.dataset.field!, i.value]));
    try {
      const receipt = await call<QueryReceipt>('POST', '/me/queries',
        item.value ? { text: text.value, catalogItem: item.value, fields: answers } : { text: text.value }, { 'Idempotency-Key': key });
      key = newKey();
      onCreated(`${p.created} ${receipt.reference}`);
    } catch (e) {
      error.textContent = problem(e);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// crypto.getRandomValues, unlike randomUUID, works on a plain-http address too.
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

// The user's answer shows as the pressed button, here and on a later visit; the other button changes it.
function feedback(article: PortalArticleBody): HTMLElement {
  const said = h('p', { class: 'hint', role: 'status' });
  const yes = h('button', { type: 'button' }, p.yes);
  const no = h('button', { type: 'button' }, p.no);
  const show = (helped: boolean | null | undefined) => {
    yes.setAttribute('aria-pressed', String(helped === true));
    no.setAttribute('aria-pressed', String(helped === false));
  };
  const answer = (helped: boolean) => async () => {
    try {
      await call('POST', `/knowledge/${article.id}/feedback`, { helped });
      show(helped);
      said.textContent = p.thanks;
    } catch (e) {
      said.textContent = problem(e);
    }
  };
  yes.addEventListener('click', answer(true));
  no.addEventListener('click', answer(false));
  show(article.helpedYou);
  return h('div', { class: 'portal-feedback', role: 'group', 'aria-label': p.didThisHelp }, h('span', {}, p.didThisHelp), yes, no, said);
}

/** A knowledge search; an article opens in place with "did this help?". */
export function knowledge(): HTMLElement {
  const q = h('input', { id: 'portal-search', type: 'search', maxlength: '500' });
  const results = h('ul', { class: 'portal-articles', 'aria-live': 'polite' });
  const form = h('form', { class: 'portal-search', role: 'search', 'aria-labelledby': 'portal-help-heading' },
    h('h2', { id: 'portal-help-heading' }, p.help),
    h('label', { for: 'portal-search' }, p.search), q, h('button', { type: 'submit' }, p.searchButton), results);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const found = await call<PortalArticle[]>('GET', `/knowledge?q=${encodeURIComponent(q.value)}`).catch(() => []);
    results.replaceChildren(...(found.length === 0 ? [h('li', { class: 'empty' }, p.noArticles)] : found.map((a) => {
      const open = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, a.title);
      const li = h('li', {}, open, h('p', { class: 'hint' }, a.summary));
      open.addEventListener('click', async () => {
        const article = await call<PortalArticleBody>('GET', `/knowledge/${a.id}`);
        open.setAttribute('aria-expanded', 'true');
        li.append(h('p', { class: 'article-body' }, article.body), feedback(article));
      }, { once: true });
      return li;
    })));
  });
  return form;
}

/**
 * The contact's open survey questions, each answered with a score on its scale and an optional comment. Read again
 * after a push (<paramref name="shown"/>: the section on the page), the forms shown stay as they are, with what the
 * user chose or typed and where their focus is, and a survey sent since is added to them.
 */
export async function surveys(shown: Element | null = null): Promise<HTMLElement | null> {
  const open = await call<PortalSurvey[]>('GET', '/me/surveys');
  const kept = [...(shown?.querySelectorAll<HTMLFormElement>('form.portal-survey[data-survey]') ?? [])];
  const fresh = open.filter((s) => !kept.some((f) => f.dataset.survey === String(s.id))).map(surveyForm);
  if (shown) {
    shown.append(...fresh);
    return null;
  }
  if (fresh.length === 0) return null;
  return h('section', { class: 'portal-surveys', 'aria-labelledby': 'portal-surveys-heading' },
    h('h2', { id: 'portal-surveys-heading' }, p.surveys), ...fresh);
}

function surveyForm(s: PortalSurvey): HTMLFormElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const [min, max] = [Number(s.min), Number(s.max)];
  const score = scoreSelect(`portal-score-${s.id}`, min, max);
  const comment = h('input', { id: `portal-comment-${s.id}`, maxlength: '10000' });
  const form = h('form', { class: 'portal-survey', 'data-survey': String(s.id), novalidate: '' },
    h('p', {}, language === 'zh' ? s.questionZh : s.question),
    h('label', { for: `portal-score-${s.id}` }, p.score), score,
    h('label', { for: `portal-comment-${s.id}` }, p.comment), comment,
    h('button', { type: 'submit' }, p.answer), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = chosenScore(score);
    if (chosen === null) {
      error.textContent = p.chooseScore;
      return;
    }
    try {
      await call('POST', `/me/surveys/${s.id}`, { score: chosen, comment: comment.value || undefined });
      form.replaceChildren(h('p', { class: 'hint', role: 'status' }, p.thanks));
    } catch (e) {
      error.textContent = problem(e);
    }
  });
  return form;
}
