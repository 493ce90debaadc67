/**
 * The configuration reference, made from the settings' declarations (settingDocs): what
 * `rongcuo config` prints (with each setting's effective value) and the table between the markers
 * of docs/operations/configuration.{zh,en}.md (written by `npm run docs:config`, write-docs.ts;
 * reference.test.ts fails when the files are not current).
 */
import type { Lang } from '../policy/model.js';
import { ConfigError, type SettingDoc } from './define.js';
import { AREAS } from './index.js';

export interface SettingRow {
  readonly area: string;
  readonly name: string;
  readonly doc: SettingDoc;
  /** The value in effect, as text ('' when unset with no default); a secret's is never here. */
  readonly value: string;
  /** Whether a value is given (by the environment or a flag). */
  readonly given: boolean;
  /** Why the given value cannot be read, if it cannot. */
  readonly error?: ConfigError;
}

function shown(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join(',');
  return String(v);
}

/** Every setting with its value in effect for this environment (flags win, as in `serve`). */
export function settingRows(
  env: Readonly<Record<string, string | undefined>>,
  flags: Readonly<Record<string, string | undefined>> = {},
): SettingRow[] {
  return Object.entries(AREAS).flatMap(([area, settings]) =>
    Object.entries(settings).map(([name, s]) => {
      const flag = s.doc.flag;
      const raw = flag !== undefined && flags[flag] !== undefined ? flags[flag] : env[s.doc.env];
      const given = raw !== undefined && raw.trim() !== '';
      try {
        const value = s.parse(raw);
        return { area, name, doc: s.doc, value: s.doc.secret ? '' : shown(value), given };
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        return { area, name, doc: s.doc, value: '', given, error: e };
      }
    }),
  );
}

export const BEGIN_MARKER = '<!-- settings:begin -->';
export const END_MARKER = '<!-- settings:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The reference table in Markdown, every setting in declaration order. */
export function referenceTable(lang: Lang): string {
  const head =
    lang === 'zh'
      ? ['环境变量', 'rongcuo serve 选项', '默认值', '说明']
      : ['Variable', 'rongcuo serve flag', 'Default', 'Meaning'];
  const rows = settingRows({}).map(({ doc }) => {
    const secret = doc.secret
      ? lang === 'zh'
        ? '（保密：不显示其值）'
        : ' (secret: never shown)'
      : '';
    return [
      `\`${doc.env}\``,
      doc.flag ? `\`--${doc.flag}\`` : '—',
      doc.default === '' ? '—' : `\`${doc.default}\``,
      cell(doc.text[lang] + secret),
    ];
  });
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * The table between the markers, each row without the padding a formatter (prettier) adds, so
 * that a formatted file and a freshly generated one compare alike; undefined without markers.
 */
export function referenceRows(document: string): string[] | undefined {
  const begin = document.indexOf(BEGIN_MARKER);
  const end = document.indexOf(END_MARKER);
  if (begin < 0 || end < begin) return undefined;
  return document
    .slice(begin + BEGIN_MARKER.length, end)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => l.replace(/ *\| */g, '|').replace(/\|-+(?=\|)/g, '|-'));
}

/** Whether the document's table is the current one (padding aside). */
export function referenceIsCurrent(document: string, lang: Lang): boolean {
  const rows = referenceRows(document);
  if (rows === undefined) return false;
  return JSON.stringify(rows) === JSON.stringify(referenceRows(withReference(document, lang)));
}

/**
 * The document with the table between the markers replaced by the current one.
 * @throws Error when a marker is missing.
 */
export function withReference(document: string, lang: Lang): string {
  const begin = document.indexOf(BEGIN_MARKER);
  const end = document.indexOf(END_MARKER);
  if (begin < 0 || end < begin) {
    throw new Error(`the markers ${BEGIN_MARKER} and ${END_MARKER} are missing`);
  }
  return (
    document.slice(0, begin + BEGIN_MARKER.length) +
    '\n\n' +
    referenceTable(lang) +
    '\n\n' +
    document.slice(end)
  );
}
