// The page's language, shared by the console and the board: the one chosen in the header (kept in localStorage),
// else the browser's first language (zh-* reads Chinese), else English. Dates and numbers follow it through Intl.

export type Language = 'en' | 'zh';

const storageKey = 'desk-language';

function stored(): Language | null {
  try {
    const value = localStorage.getItem(storageKey);
    return value === 'en' || value === 'zh' ? value : null;
  } catch {
    return null;
  }
}

const preferred = (navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';

export const language: Language = stored() ?? preferred;
export const locale = language === 'zh' ? 'zh-CN' : 'en';

const stamp = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
const number = new Intl.NumberFormat(locale);
const clock = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });

export const formatDate = (at: Date) => stamp.format(at);
export const formatNumber = (n: number) => number.format(n);
export const formatTime = (at: Date) => clock.format(at);
/** A share from 0 to 1 as a whole percentage ("90%", or the page language's way of writing it). */
export const formatPercent = (share: number) => percent.format(share);

/**
 * Sets `<html lang>` and puts the words into the static markup: data-words="key" sets the text,
 * data-words-label="key" the aria-label, data-words-title="key" the title.
 */
export function translatePage(words: object): void {
  const table = words as Record<string, unknown>;
  const word = (key: string | undefined) => (key === undefined ? undefined : table[key]);
  document.documentElement.lang = locale;
  for (const element of document.querySelectorAll<HTMLElement>('[data-words], [data-words-label], [data-words-title]')) {
    const text = word(element.dataset.words);
    if (typeof text === 'string') element.textContent = text;
    const label = word(element.dataset.wordsLabel);
    if (typeof label === 'string') element.setAttribute('aria-label', label);
    const title = word(element.dataset.wordsTitle);
    if (typeof title === 'string') element.title = title;
  }
}

/**
 * Adds the language control to the header (`#language`, labelled `label`): a choice is remembered and the page
 * shown again in it.
 */
export function addLanguageSwitch(header: HTMLElement, label: string): void {
  const select = document.createElement('select');
  select.id = 'language';
  for (const [value, name, lang] of [['en', 'English', 'en'], ['zh', '中文', 'zh-CN']]) {
    const option = new Option(name, value, false, value === language);
    option.lang = lang;
    select.append(option);
  }
  const caption = document.createElement('label');
  caption.htmlFor = 'language';
  caption.textContent = label;
  const wrapper = document.createElement('div');
  wrapper.className = 'language';
  wrapper.append(caption, select);
  header.append(wrapper);
  select.addEventListener('change', () => {
    if (select.value !== 'en' && select.value !== 'zh') return;
    try {
      localStorage.setItem(storageKey, select.value);
    } catch {
      // Storage refused (a private window): the choice still holds for this page load.
    }
    location.reload();
  });
}
