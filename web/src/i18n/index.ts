/**
 * Interface texts in Chinese (default) and English: i18n/zh.json and i18n/en.json hold the shared
 * keys, and i18n/areas/<area>.{zh,en}.json each screen area's keys under the area's own top-level
 * key (official, desk, committee, document, policy, admin, dashboard); zh and en hold the same
 * keys (checked by src/server/web-texts.test.ts). The chosen language is kept in localStorage, so it stays after a reload or a sign-out.
 */
import { TASK_LABEL, type Locale } from '../shared';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api';
import type { I18nText } from '../types';
import en from './en.json';
import zh from './zh.json';

type Texts = Record<string, unknown>;
const areaModules = import.meta.glob<Texts>('./areas/*.json', { eager: true, import: 'default' });

/**
 * The shared texts with every area's texts merged in, for one language; the tasks' names
 * (`workbench.task.*`) come from src/shared, which the server's exports name them from too.
 */
function textsFor(lang: Locale, base: Texts): Texts {
  const out: Texts = { ...base };
  for (const [file, texts] of Object.entries(areaModules)) {
    if (file.endsWith(`.${lang}.json`)) Object.assign(out, texts);
  }
  const tasks = Object.fromEntries(Object.entries(TASK_LABEL).map(([k, v]) => [k, v[lang]]));
  out.workbench = { ...(out.workbench as Texts), task: tasks };
  return out;
}

export type Lang = Locale;

export const LANG_STORAGE_KEY = 'rongcuo.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

const initial = storedLang();
setApiLanguage(initial);
document.documentElement.lang = initial === 'en' ? 'en' : 'zh-CN';

void i18n.use(initReactI18next).init({
  resources: {
    zh: { translation: textsFor('zh', zh) },
    en: { translation: textsFor('en', en) },
  },
  lng: initial,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh';
}

export async function switchLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // storage disabled: the choice lasts until the page is closed
  }
  setApiLanguage(lang);
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  await i18n.changeLanguage(lang);
}

/** A server-side text ({zh, en}) in the current language. */
export function pick(text: I18nText | null | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || text.zh;
}

export default i18n;
