// The page a survey link (e-mail, SMS) leads to, /survey/{token}: the question in the page's language, a score on its
// scale and a comment, answered without a sign-in through /api/surveys/{token}; the token is the only credential.
import { h } from '../src/dom';
import { language } from '../src/language';
import { PortalError, send, type SurveyQuestion } from './portal-api';
import { chosenScore, scoreSelect } from './portal-score';
import { p, reason } from './portal-words';

function closed(question: SurveyQuestion): string {
  return question.status === 'answered' ? p.surveyAnswered : p.surveyClosed;
}

export async function surveyLinkView(main: HTMLElement, token: string): Promise<void> {
  const url = `/api/surveys/${encodeURIComponent(token)}`;
  const heading = h('h2', { id: 'portal-survey-heading', tabindex: '-1' }, p.surveys);
  const toPortal = h('a', { href: '/portal', class: 'link' }, p.toPortal);
  let question: SurveyQuestion;
  try {
    question = await send<SurveyQuestion>('GET', url);
  } catch (e) {
    main.replaceChildren(heading, h('p', { class: 'hint', role: 'status' }, e instanceof PortalError && e.status === 404 ? p.noSurvey : p.failed), toPortal);
    return;
  }
  if (question.status !== 'sent') {
    main.replaceChildren(heading, h('p', { class: 'hint', role: 'status' }, closed(question)), toPortal);
    return;
  }
  const [min, max] = [Number(question.min), Number(question.max)];
  const error = h('p', { id: 'portal-survey-error', class: 'error', role: 'alert' });
  const score = scoreSelect('portal-survey-score', min, max);
  const comment = h('textarea', { id: 'portal-survey-comment', rows: '3', maxlength: '10000', 'aria-describedby': 'portal-survey-error' });
  const form = h('form', { class: 'portal-survey', novalidate: '', 'aria-labelledby': 'portal-survey-heading' },
    h('p', { id: 'portal-survey-question' }, language === 'zh' ? question.questionZh : question.question),
    h('label', { for: 'portal-survey-score' }, p.score), score,
    h('label', { for: 'portal-survey-comment' }, p.comment), comment,
    h('button', { type: 'submit' }, p.answer), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const chosen = chosenScore(score);
    if (chosen === null) {
      error.textContent = p.chooseScore;
      return;
    }
    try {
      await send('POST', url, { score: chosen, comment: comment.value || undefined });
      form.replaceChildren(h('p', { class: 'hint', role: 'status' }, p.thanks));
    } catch (e) {
      error.textContent = e instanceof PortalError && e.status === 409 ? p.surveyClosed : reason(e);
    }
  });
  main.replaceChildren(heading, form);
  heading.focus();
}
