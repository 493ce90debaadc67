/**
 * Adapting an instrument (修订问卷): a policy administrator or a liaison copies a version into a
 * new one with changed items. The version adapted stays as it was (a campaign may use it); the new
 * one gets a new id, its version (the id's `-vN`, else the old one's + 1), `basedOn` the old id, and `validated: false` (a
 * changed instrument has not been validated in the field, whatever the old one was). It is checked
 * by `check` — the instrument loader's parser, given by the caller — and an id in use is refused.
 * The event 'evaluation.instrument_adapt' names both versions.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { Instrument } from '../../evaluation/model.js';
import { recordAdminEvent } from '../admin/events.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { sqlState } from '../../store/index.js';
import { evaluationInstruments } from '../tables.js';
import { loadInstrument, type InstrumentCheck } from './instruments.js';
import { pathsOf, INSTRUMENT_ADAPTERS, requireInstrumentAdapter } from './scope.js';

export interface AdaptInstrumentInput {
  /** The version adapted. */
  readonly basedOn: string;
  /** The new version's id, e.g. `seed000-v2`. */
  readonly id: string;
  /** The new version's content: everything but id, version, basedOn and validated, which are set here. */
  readonly instrument: Readonly<Record<string, unknown>>;
}

const ID = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;

/** The version an id names (`seed000-v2` → 2), if it names one. */
function versionOf(id: string): number | undefined {
  const m = /-v([1-9][0-9]{0,5})$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

export async function adaptInstrument(
  ctx: AppContext,
  actor: Actor,
  input: AdaptInstrumentInput,
  check: InstrumentCheck,
): Promise<{ id: string; version: number; basedOn: string }> {
  requireInstrumentAdapter(actor);
  if (!ID.test(input.id)) {
    throw new AppError(
      'VALIDATION',
      { field: 'id' },
      {
        zh: 'id：问卷版本编号由字母、数字和 . _ - 组成，以字母或数字开头，不超过 63 个字符，以 -v 加版本号结尾（如 seed000-v2）。',
        en: 'id: an instrument id is letters, digits and . _ -, starting with a letter or digit, at most 63 characters, ending in -v and the version (e.g. seed000-v2).',
      },
    );
  }
  try {
    return await ctx.store.tx(async (tx) => {
      const old = await loadInstrument(tx, input.basedOn);
      const [taken] = await tx
        .select({ id: evaluationInstruments.id })
        .from(evaluationInstruments)
        .where(eq(evaluationInstruments.id, input.id));
      if (taken) throw new AppError('INSTRUMENT_ID_TAKEN', { instrumentId: input.id });
      const candidate = {
        ...input.instrument,
        id: input.id,
        version: versionOf(input.id) ?? old.version + 1,
        basedOn: old.id,
        validated: false,
      };
      const checked = check(candidate);
      if ('problems' in checked) {
        throw new AppError('INSTRUMENT_INVALID', {
          instrumentProblems: checked.problems.map((p) => ({
            code: p.code,
            field: p.field,
            message: { zh: p.message.zh, en: p.message.en },
          })),
        });
      }
      const instrument: Instrument = checked.instrument;
      const now = ctx.now();
      await tx.insert(evaluationInstruments).values({
        id: instrument.id,
        version: instrument.version,
        basedOn: old.id,
        body: instrument,
        createdBy: actor.userId,
        createdAt: now,
      });
      await recordAdminEvent(
        tx,
        {
          actorId: actor.userId,
          action: 'evaluation.instrument_adapt',
          targetKind: 'instrument',
          targetId: instrument.id,
          scopePath: pathsOf(actor, INSTRUMENT_ADAPTERS)[0] ?? '',
          at: now,
          payload: { basedOn: old.id, version: instrument.version },
        },
        ctx.settings.crypto.trailHash,
      );
      return { id: instrument.id, version: instrument.version, basedOn: old.id };
    });
  } catch (e) {
    if (sqlState(e) === '23505')
      throw new AppError('INSTRUMENT_ID_TAKEN', { instrumentId: input.id });
    throw e;
  }
}
