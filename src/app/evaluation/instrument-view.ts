/**
 * Reading instruments: the list (id, version, what it was adapted from, its title, whether it has
 * been validated in the field and whether a campaign uses it, which freezes it) and one version
 * in full, for those who read campaigns or adapt instruments.
 */
import { asc } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { Instrument, Text } from '../../evaluation/model.js';
import type { AppContext } from '../context.js';
import { evaluationCampaigns, evaluationInstruments } from '../tables.js';
import { instrumentInUse, loadInstrument } from './instruments.js';
import { requireInstrumentReader } from './scope.js';

export interface InstrumentSummary {
  readonly id: string;
  readonly version: number;
  readonly basedOn: string | null;
  readonly title: Text;
  readonly validated: boolean;
  readonly inUse: boolean;
  readonly createdAt: string;
}

export async function listInstruments(ctx: AppContext, actor: Actor): Promise<InstrumentSummary[]> {
  requireInstrumentReader(actor);
  const [rows, used] = await Promise.all([
    ctx.store.db
      .select({
        id: evaluationInstruments.id,
        version: evaluationInstruments.version,
        basedOn: evaluationInstruments.basedOn,
        body: evaluationInstruments.body,
        createdAt: evaluationInstruments.createdAt,
      })
      .from(evaluationInstruments)
      .orderBy(asc(evaluationInstruments.id)),
    ctx.store.db.selectDistinct({ id: evaluationCampaigns.instrumentId }).from(evaluationCampaigns),
  ]);
  const inUse = new Set(used.map((u) => u.id));
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    basedOn: r.basedOn,
    title: { zh: r.body.title.zh, en: r.body.title.en },
    validated: r.body.validated,
    inUse: inUse.has(r.id),
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function instrumentView(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ instrument: Instrument; inUse: boolean; createdAt: string }> {
  requireInstrumentReader(actor);
  const row = await loadInstrument(ctx.store.db, id);
  return {
    instrument: row.body,
    inUse: await instrumentInUse(ctx.store.db, id),
    createdAt: row.createdAt.toISOString(),
  };
}
