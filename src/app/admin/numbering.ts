/**
 * A jurisdiction's document numbering as its administrator sets it (jurisdictions.document_code
 * and document_patterns, migration 0011): the issuing code (机关代字) and a pattern per numbered
 * kind (the case number and each document type). Unset, the code is the short name and each
 * pattern the default of src/app/documents/numbers.ts. A pattern holds {year} and {n} (and may
 * hold {code}), typed either so or with the Chinese names ({年份}, {序号}, {代字}); src/shared/numbering.ts checks it here and on the settings screen alike.
 *
 * A change applies to numbers taken afterwards: numbers already issued are stored with their
 * documents and determinations and never rewritten. Each change is one transaction with its
 * admin_events row (before and after).
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import {
  canonicalPattern,
  codeProblem,
  NUMBERED_TYPES,
  patternProblem,
  patternProblemText,
  type NumberedType,
} from '../../shared/numbering.js';
import type { AppContext } from '../context.js';
import type { AppTx } from '../db.js';
import { defaultCode, defaultPattern } from '../documents/numbers.js';
import { AppError } from '../errors.js';
import { jurisdictions } from '../tables.js';
import { recordAdminEvent } from './events.js';
import { inScopes, requireAdmin } from './scope.js';

export interface DocumentNumbering {
  readonly jurisdictionId: string;
  readonly name: I18nText;
  /** The issuing code set, or null (the default applies). */
  readonly code: string | null;
  readonly defaultCode: string;
  readonly patterns: readonly {
    readonly type: NumberedType;
    /** The pattern set, or null (the default applies). */
    readonly pattern: string | null;
    readonly defaultPattern: string;
  }[];
}

export interface NumberingInput {
  /** The issuing code; null or blank: the default. */
  readonly code: string | null;
  /** A pattern per kind; null or blank: the default. Kinds left out keep their setting. */
  readonly patterns: Partial<Record<NumberedType, string | null>>;
}

async function administered(tx: AppTx, actor: Actor, id: string, lock: boolean) {
  const scopes = requireAdmin(actor);
  const q = tx.select().from(jurisdictions).where(eq(jurisdictions.id, id));
  const [j] = lock ? await q.for('update') : await q;
  if (!j) throw new AppError('ORG_NOT_FOUND', { field: 'id' });
  if (!inScopes(scopes, j.path)) throw new AppError('ADMIN_OUT_OF_SCOPE', { field: 'id' });
  return j;
}

function present(j: typeof jurisdictions.$inferSelect): DocumentNumbering {
  const set = j.documentPatterns as Record<string, unknown>;
  return {
    jurisdictionId: j.id,
    name: { zh: j.nameZh, en: j.nameEn },
    code: j.documentCode,
    defaultCode: defaultCode(j.nameZh),
    patterns: NUMBERED_TYPES.map((type) => ({
      type,
      pattern: typeof set[type] === 'string' ? (set[type] as string) : null,
      defaultPattern: defaultPattern(type),
    })),
  };
}

export async function documentNumbering(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<DocumentNumbering> {
  return ctx.store.tx(async (tx) => present(await administered(tx, actor, id, false)));
}

/** A validation error naming the field, in the shape the forms show beside it. */
function invalidField(field: string, text: I18nText): AppError {
  return new AppError('VALIDATION', { field }, text);
}

/** The checked input: blank means the default (null). */
function checked(input: NumberingInput) {
  const code = input.code?.trim() || null;
  const codeWrong = code === null ? null : codeProblem(code);
  if (codeWrong) throw invalidField('code', codeWrong);
  const patterns: Partial<Record<NumberedType, string | null>> = {};
  for (const [type, raw] of Object.entries(input.patterns)) {
    if (!(NUMBERED_TYPES as readonly string[]).includes(type)) {
      throw invalidField(`patterns.${type}`, {
        zh: `“${type}”不是编号的类别。`,
        en: `“${type}” is not a kind of number.`,
      });
    }
    const typed = raw?.trim();
    const pattern = typed ? canonicalPattern(typed) : null;
    const problem = pattern === null ? null : patternProblem(pattern);
    if (problem) throw invalidField(`patterns.${type}`, patternProblemText(problem));
    patterns[type as NumberedType] = pattern;
  }
  return { code, patterns };
}

/** The same settings (jsonb keeps its keys in an order of its own: compare them sorted). */
function same(
  a: { code: string | null; patterns: unknown },
  b: { code: string | null; patterns: Record<string, string> },
): boolean {
  const sorted = (p: unknown) => JSON.stringify(Object.entries(p as object).sort());
  return a.code === b.code && sorted(a.patterns) === sorted(b.patterns);
}

export async function setDocumentNumbering(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: NumberingInput,
): Promise<DocumentNumbering> {
  const { code, patterns } = checked(input);
  return ctx.store.tx(async (tx) => {
    const j = await administered(tx, actor, id, true);
    const before = { code: j.documentCode, patterns: j.documentPatterns };
    const merged: Record<string, string> = { ...(j.documentPatterns as Record<string, string>) };
    for (const [type, pattern] of Object.entries(patterns)) {
      if (pattern === null) delete merged[type];
      else merged[type] = pattern;
    }
    const after = { code, patterns: merged };
    if (same(before, after)) return present(j);
    const [row] = await tx
      .update(jurisdictions)
      .set({ documentCode: code, documentPatterns: merged })
      .where(eq(jurisdictions.id, id))
      .returning();
    await recordAdminEvent(
      tx,
      {
        actorId: actor.userId,
        action: 'jurisdiction.document_numbering',
        targetKind: 'jurisdiction',
        targetId: id,
        scopePath: j.path,
        at: ctx.now(),
        payload: { before, after },
      },
      ctx.settings.crypto.trailHash,
    );
    return present(row!);
  });
}
