/**
 * What the correction's use cases share: checking the actions an opinion (or a reopening) sets,
 * writing them with their deadlines, and reading the correction and one action of a case in the
 * transition's transaction (the case row is locked by runTransition, so the correction's rows
 * change one change at a time).
 *
 * An action's owner is the official concerned or their unit (the measure addresses its correction
 * opinion to 有关单位和干部, x20 Art. 13): both can already read the case, the official as its
 * party and the unit's party organization over its unit.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { MAX_ACTION_DAYS, MAX_ACTIONS_AT_ONCE } from '../../shared/corrections.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { LoadedCase } from '../cases/record.js';
import { isUuid, requireText } from '../cases/text-input.js';
import type { AppContext } from '../context.js';
import type { AppTx } from '../db.js';
import { AppError, invalid } from '../errors.js';
import { correctionActions, corrections } from '../tables.js';

/** An action as asked: what to do, by whom, within how many working days, with what proof. */
export interface ActionInput {
  readonly task: string;
  readonly evidenceRequired: string;
  readonly owner: 'official' | 'unit';
  /** Working days from today; absent, the pack's default for the outcome (correction.within). */
  readonly dueDays?: number;
}

export interface CheckedAction {
  readonly task: string;
  readonly evidenceRequired: string;
  readonly owner: 'official' | 'unit';
  readonly dueDays: number;
}

/** The actions, each checked, or a VALIDATION error naming the first wrong field by its index. */
export function checkActions(
  input: unknown,
  defaultDays: number | undefined,
  field = 'actions',
): CheckedAction[] {
  if (!Array.isArray(input) || input.length === 0) {
    throw invalid(field, '请至少列明一项整改事项。', 'give at least one correction action.');
  }
  if (input.length > MAX_ACTIONS_AT_ONCE) {
    throw invalid(
      field,
      `一次最多列明 ${MAX_ACTIONS_AT_ONCE} 项整改事项。`,
      `give at most ${MAX_ACTIONS_AT_ONCE} actions at once.`,
    );
  }
  return input.map((raw: Partial<ActionInput> | null, n) => {
    const a = raw ?? {};
    const at = `${field}[${n}]`;
    const task = requireText(`${at}.task`, a.task, {
      what: { zh: `第 ${n + 1} 项整改事项的内容`, en: `what action ${n + 1} is to do` },
      ...TEXT_LIMITS.correctionTask,
    });
    const evidenceRequired = requireText(`${at}.evidenceRequired`, a.evidenceRequired, {
      what: {
        zh: `第 ${n + 1} 项整改事项完成后应报送的材料`,
        en: `the evidence of completion action ${n + 1} asks for`,
      },
      ...TEXT_LIMITS.correctionEvidence,
    });
    if (a.owner !== 'official' && a.owner !== 'unit') {
      throw invalid(
        `${at}.owner`,
        `请指定第 ${n + 1} 项整改事项的责任主体：干部本人（official）或其所在单位（unit）。`,
        `say who answers for action ${n + 1}: the official ('official') or their unit ('unit').`,
      );
    }
    const dueDays = a.dueDays ?? defaultDays;
    if (!Number.isInteger(dueDays) || dueDays! < 1 || dueDays! > MAX_ACTION_DAYS) {
      throw invalid(
        `${at}.dueDays`,
        `请为第 ${n + 1} 项整改事项规定完成时限（1 至 ${MAX_ACTION_DAYS} 个工作日）${defaultDays === undefined ? '；适用的办法未规定默认时限' : ''}。`,
        `give action ${n + 1} a time limit of 1 to ${MAX_ACTION_DAYS} working days${defaultDays === undefined ? '; the measure sets no default' : ''}.`,
      );
    }
    return { task, evidenceRequired, owner: a.owner, dueDays: dueDays! };
  });
}

/** The deadline of `days` working days from `start` on the jurisdiction's calendar. */
export function workingDeadline(ctx: AppContext, loaded: LoadedCase, start: string, days: number) {
  return ctx.calendars
    .get(loaded.jurisdiction.calendarId)
    .deadline({ start, unit: 'working', days, suspensions: [] });
}

/** Writes the actions after the correction's last, for `round`; returns what the event records. */
export async function insertActions(
  ctx: AppContext,
  tx: AppTx,
  s: { loaded: LoadedCase; actor: Actor; today: string },
  correction: { id: string; round: number },
  actions: readonly CheckedAction[],
) {
  const [last] = await tx
    .select({ seq: max(correctionActions.seq) })
    .from(correctionActions)
    .where(eq(correctionActions.correctionId, correction.id));
  let seq = last?.seq ?? 0;
  const written = [];
  for (const a of actions) {
    const due = workingDeadline(ctx, s.loaded, s.today, a.dueDays);
    const row = {
      id: randomUUID(),
      correctionId: correction.id,
      caseId: s.loaded.row.id,
      jurisdictionId: s.loaded.row.jurisdictionId,
      seq: ++seq,
      round: correction.round,
      task: a.task,
      evidenceRequired: a.evidenceRequired,
      ownerUnitId: a.owner === 'unit' ? s.loaded.row.unitId : null,
      ownerOfficialId: a.owner === 'official' ? s.loaded.row.officialId : null,
      dueDays: a.dueDays,
      dueOn: due.due,
      dueProvisional: due.provisional,
      state: 'open',
      returnedCount: 0,
      createdBy: s.actor.userId,
    };
    await tx.insert(correctionActions).values(row);
    written.push({
      actionId: row.id,
      seq: row.seq,
      owner: a.owner,
      dueOn: row.dueOn,
      task: a.task,
    });
  }
  return written;
}

/** An action as written, as the events and the answers record it. */
export type WrittenAction = Awaited<ReturnType<typeof insertActions>>[number];

/** The case's correction, or CORRECTION_NOT_FOUND. */
export async function correctionOf(tx: AppTx, caseId: string) {
  const [k] = await tx.select().from(corrections).where(eq(corrections.caseId, caseId));
  if (!k) throw new AppError('CORRECTION_NOT_FOUND', { caseId });
  return k;
}

/** One action of the case's correction, or CORRECTION_NOT_FOUND naming it. */
export async function actionOf(tx: AppTx, caseId: string, actionId: unknown) {
  const id = typeof actionId === 'string' ? actionId : '';
  const [a] = isUuid(id)
    ? await tx
        .select()
        .from(correctionActions)
        .where(and(eq(correctionActions.caseId, caseId), eq(correctionActions.id, id)))
    : [];
  if (!a) throw new AppError('CORRECTION_NOT_FOUND', { caseId, actionId: id });
  return a;
}
