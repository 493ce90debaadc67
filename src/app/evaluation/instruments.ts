/**
 * Instruments in the store (evaluation_instruments): reading them, and installing the shipped ones
 * (instruments/*.yaml, loaded by src/evaluation/instrument.ts). A version a campaign uses never
 * changes (a trigger refuses it too); adapt-instrument.ts makes new versions.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Instrument, Item } from '../../evaluation/model.js';
import type { InstrumentProblem } from '../../evaluation/checker.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { AppError } from '../errors.js';
import { evaluationCampaigns, evaluationInstruments } from '../tables.js';

/**
 * What checks an instrument: by default the instrument loader's parser (instrument-check.ts),
 * given by the caller so that tests may plug in another. It returns the instrument, or the
 * problems found (each saying where and what, in both languages).
 */
export type InstrumentCheck = (
  candidate: unknown,
) => { readonly instrument: Instrument } | { readonly problems: readonly InstrumentProblem[] };

/** The Likert items of an instrument, in the order asked: the factors', then the outcomes'. */
export function itemsOf(instrument: Instrument): Item[] {
  return [
    ...instrument.dimensions.flatMap((d) => d.factors.flatMap((f) => f.items)),
    ...instrument.outcomes.flatMap((o) => o.items),
  ];
}

export interface InstrumentRow {
  readonly id: string;
  readonly version: number;
  readonly basedOn: string | null;
  readonly body: Instrument;
  readonly createdAt: Date;
}

/** An instrument by id; INSTRUMENT_NOT_FOUND when there is none. */
export async function loadInstrument(db: AnyDb, id: string): Promise<InstrumentRow> {
  const [row] = await db
    .select({
      id: evaluationInstruments.id,
      version: evaluationInstruments.version,
      basedOn: evaluationInstruments.basedOn,
      body: evaluationInstruments.body,
      createdAt: evaluationInstruments.createdAt,
    })
    .from(evaluationInstruments)
    .where(eq(evaluationInstruments.id, id));
  if (!row) throw new AppError('INSTRUMENT_NOT_FOUND', { instrumentId: id });
  return row;
}

/** Whether a campaign uses the instrument (then it is frozen). */
export async function instrumentInUse(db: AnyDb, id: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(evaluationCampaigns)
    .where(eq(evaluationCampaigns.instrumentId, id))
    .limit(1);
  return row !== undefined;
}

/**
 * Installs the shipped instruments (no creator): a new one is inserted, an unchanged one left
 * alone, a changed one replaced only while no campaign uses it (INSTRUMENT_IN_USE otherwise: a
 * shipped version in use is never edited either; ship a new id). Returns the ids written.
 */
export async function installInstruments(
  ctx: AppContext,
  instruments: readonly Instrument[],
): Promise<string[]> {
  return ctx.store.tx(async (tx) => {
    const written: string[] = [];
    for (const instrument of instruments) {
      const [old] = await tx
        .select({ body: evaluationInstruments.body })
        .from(evaluationInstruments)
        .where(eq(evaluationInstruments.id, instrument.id))
        .for('update');
      if (old && sameJson(old.body, instrument)) continue;
      const row = {
        id: instrument.id,
        version: instrument.version,
        basedOn: instrument.basedOn,
        body: instrument,
        createdBy: null,
      };
      if (!old) {
        await tx.insert(evaluationInstruments).values(row);
      } else {
        if (await instrumentInUse(tx, instrument.id)) {
          throw new AppError('INSTRUMENT_IN_USE', { instrumentId: instrument.id });
        }
        await tx
          .update(evaluationInstruments)
          .set(row)
          .where(eq(evaluationInstruments.id, instrument.id));
      }
      written.push(instrument.id);
    }
    return written;
  });
}

/** What installing the shipped instruments at start-up did. */
export interface ShippedInstall {
  /** Ids inserted now (none on a store that has them all). */
  readonly installed: readonly string[];
  /** Ids already stored with another body: left alone (ship a changed instrument under a new id). */
  readonly differing: readonly string[];
}

/**
 * Installs the shipped instruments when the app opens its store (bootstrap.ts): each id is
 * inserted once (`ON CONFLICT (id) DO NOTHING`), so opening again changes nothing. A stored row
 * with a shipped id but another body is never touched — a campaign may use it — only reported.
 */
export async function installShippedInstruments(
  db: AnyDb,
  instruments: readonly Instrument[],
): Promise<ShippedInstall> {
  if (instruments.length === 0) return { installed: [], differing: [] };
  const inserted = await db
    .insert(evaluationInstruments)
    .values(
      instruments.map((i) => ({
        id: i.id,
        version: i.version,
        basedOn: i.basedOn,
        body: i,
        createdBy: null,
      })),
    )
    .onConflictDoNothing({ target: evaluationInstruments.id })
    .returning({ id: evaluationInstruments.id });
  const installed = new Set(inserted.map((r) => r.id));
  const others = instruments.filter((i) => !installed.has(i.id));
  if (others.length === 0) return { installed: [...installed], differing: [] };
  const stored = await db
    .select({ id: evaluationInstruments.id, body: evaluationInstruments.body })
    .from(evaluationInstruments)
    .where(
      inArray(
        evaluationInstruments.id,
        others.map((i) => i.id),
      ),
    );
  const bodies = new Map(stored.map((r) => [r.id, r.body]));
  const differing = others.filter((i) => !sameJson(bodies.get(i.id), i)).map((i) => i.id);
  return { installed: [...installed], differing };
}

/** Whether two JSON values are equal whatever the order of their keys (jsonb reorders them). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => [k, sorted(o[k])]),
  );
}
