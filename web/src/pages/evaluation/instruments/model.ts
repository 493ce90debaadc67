/**
 * 问卷版本 (survey instruments): the shapes the server declares (src/api/evaluation.ts), the form
 * of 修订 (adapting a version into a new one) and the way back from the form to the body of
 * POST /api/evaluation/instruments, and the server's problems put on the fields they name.
 *
 * The form's field names are the instrument's own paths (`dimensions[1].factors[2].items[0].text.en`
 * is the name ['dimensions', 1, 'factors', 2, 'items', 0, 'text', 'en']), so that a problem the
 * instrument checker reports at a path lands on the field with that path.
 */
import type { FormInstance } from 'antd';
import { INSTRUMENT_ADAPTERS } from '../../../shared';
import type { ApiError } from '../../../api';
import { pick, type Lang } from '../../../i18n';
import type { I18nText } from '../../../types';
import type {
  AdaptInstrumentBody,
  InstrumentBody,
  InstrumentSummary,
} from '../../../../../src/api/index.js';

export type {
  InstrumentBody,
  InstrumentSummary,
  InstrumentView,
} from '../../../../../src/api/index.js';

export interface InstrumentList {
  readonly instruments: readonly InstrumentSummary[];
}

/** The answer of POST /api/evaluation/instruments. */
export interface AdaptAnswer {
  readonly id: string;
  readonly version: number;
  readonly basedOn: string;
}

/** An item on the form; `fromBase`: it was in the version adapted (its id stays). */
export interface ItemFields {
  id: string;
  text: { zh: string; en: string };
  reversed: boolean;
  fromBase?: boolean;
}

/** The form of 修订: the new id, the title and each factor's items; the rest is copied. */
export interface AdaptFields {
  id: string;
  title: { zh: string; en: string };
  dimensions: { factors: { items: ItemFields[] }[] }[];
}

type Dimension = InstrumentBody['dimensions'][number];
type Factor = Dimension['factors'][number];

/** The form's starting values: the version adapted, under a new id. */
export function fieldsOf(base: InstrumentBody, id: string): AdaptFields {
  return {
    id,
    title: { ...base.title },
    dimensions: base.dimensions.map((d) => ({
      factors: d.factors.map((f) => ({
        items: f.items.map((i) => ({
          id: i.id,
          text: { ...i.text },
          reversed: i.reversed,
          fromBase: true,
        })),
      })),
    })),
  };
}

/** The body to send: the version adapted with the form's title and items in place. */
export function adaptBody(base: InstrumentBody, v: AdaptFields): AdaptInstrumentBody {
  const { id: _id, version: _v, basedOn: _b, validated: _val, ...rest } = base;
  const factorOf = (f: Factor, d: number, n: number): Factor => ({
    ...f,
    items: (v.dimensions[d]?.factors[n]?.items ?? []).map((i) => ({
      id: i.id.trim(),
      text: { zh: i.text.zh.trim(), en: i.text.en.trim() },
      reversed: i.reversed === true,
    })),
  });
  return {
    basedOn: base.id,
    id: v.id.trim(),
    instrument: {
      ...rest,
      title: { zh: v.title.zh.trim(), en: v.title.en.trim() },
      dimensions: base.dimensions.map((d, di) => ({
        ...d,
        factors: d.factors.map((f, fi) => factorOf(f, di, fi)),
      })),
    },
  };
}

/** `seed000-v1` → `seed000`; an id without a version stays as it is. */
export function nameOf(id: string): string {
  return id.replace(/-v[0-9]+$/, '');
}

/** The first free id after the base: `<name>-v<N+1>`, or higher when that one is taken. */
export function suggestedId(base: InstrumentBody, taken: readonly string[]): string {
  const ids = new Set(taken);
  let n = base.version + 1;
  while (ids.has(`${nameOf(base.id)}-v${n}`)) n++;
  return `${nameOf(base.id)}-v${n}`;
}

/** A new item's id: the factor's id and the next number (`politicalEnergy5`), unused anywhere. */
export function newItemId(factorId: string, used: ReadonlySet<string>): string {
  let n = 1;
  while (used.has(`${factorId}${n}`)) n++;
  return `${factorId}${n}`;
}

export type NamePath = (string | number)[];

/** `dimensions[1].factors[2].items` or `instrument.dimensions.1.factors` → a form name path. */
export function namePathOf(path: string): NamePath {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
  const name = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return name[0] === 'instrument' ? name.slice(1) : name;
}

/** Whether a name path is one of the form's fields (or item lists). */
function isField(name: NamePath): boolean {
  const key = name.map((p) => (typeof p === 'number' ? '#' : p)).join('.');
  return (
    key === 'id' ||
    key === 'title.zh' ||
    key === 'title.en' ||
    key === 'dimensions.#.factors.#.items' ||
    /^dimensions\.#\.factors\.#\.items\.#\.(id|reversed|text\.zh|text\.en)$/.test(key)
  );
}

/** The nearest field at or above a path: `…items[0].text` → `…items[0].text.zh`'s list, etc. */
function fieldAt(name: NamePath): NamePath | null {
  for (let n = name.length; n > 0; n--) {
    const head = name.slice(0, n);
    if (isField(head)) return head;
    // A whole text or item names its first field: the Chinese wording.
    if (isField([...head, 'zh'])) return [...head, 'zh'];
    if (isField([...head, 'text', 'zh'])) return [...head, 'text', 'zh'];
  }
  return null;
}

/** Every problem of a refusal, with the field it belongs on (null: none of the form's fields). */
export function problemsOf(
  error: ApiError,
  lang: Lang,
): { name: NamePath | null; message: string }[] {
  const d = error.details;
  if (Array.isArray(d['instrumentProblems'])) {
    // INSTRUMENT_INVALID: each problem with the instrument's field it is about.
    return (d['instrumentProblems'] as { field: string | null; message: I18nText }[]).map((p) => ({
      name: p.field === null ? null : fieldAt(namePathOf(p.field)),
      message: pick(p.message, lang),
    }));
  }
  const listed = Array.isArray(d['problems'])
    ? (d['problems'] as { field?: unknown; message?: unknown }[])
    : [{ field: d['field'], message: error.text }];
  return listed.map((p) => ({
    name: typeof p.field === 'string' ? fieldAt(namePathOf(p.field)) : null,
    message:
      typeof p.message === 'object' && p.message !== null
        ? pick(p.message as I18nText, lang)
        : pick(error.text, lang),
  }));
}

/**
 * Puts a refusal's problems on their fields (several on one field are listed together); returns
 * the messages that belong on no field, for the form to show above.
 */
export function markProblems(form: FormInstance, error: ApiError, lang: Lang): string[] {
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const rest: string[] = [];
  for (const p of problemsOf(error, lang)) {
    if (!p.name) {
      rest.push(p.message);
      continue;
    }
    const key = JSON.stringify(p.name);
    const entry = byField.get(key) ?? { name: p.name, errors: [] };
    entry.errors.push(p.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return rest;
}

/** Who may adapt an instrument (the server checks it): here only to offer 修订 to them alone. */
export function mayAdapt(roles: readonly string[]): boolean {
  return INSTRUMENT_ADAPTERS.some((r) => roles.includes(r));
}

export function instrumentPath(id: string): string {
  return `/evaluation/instruments/${encodeURIComponent(id)}`;
}

export function adaptPath(id: string): string {
  return `${instrumentPath(id)}/adapt`;
}
