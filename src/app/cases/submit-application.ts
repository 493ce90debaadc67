/**
 * An official (or their unit's party organization) applies for tolerance. The case goes to the
 * organization department of the jurisdiction that manages the official.
 */
import { eq } from 'drizzle-orm';
import { within, type Actor } from '../../domain/roles.js';
import type { FactValue } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { today } from '../context.js';
import { AppError } from '../errors.js';
import { withIdempotency } from '../idempotency.js';
import { officials, units } from '../tables.js';
import { openCase } from './create.js';
import type { CaseRow } from './record.js';

export interface ApplicationInput {
  readonly officialId: string;
  readonly title: string;
  readonly summary: string;
  readonly conductDate: string;
  /** The day the official was notified of the accountability decision, where one was made. */
  readonly accountabilityNotifiedOn?: string;
  readonly facts?: Readonly<Record<string, FactValue | null>>;
}

export async function submitApplication(
  ctx: AppContext,
  actor: Actor,
  input: ApplicationInput,
  idempotencyKey?: string,
): Promise<{ case: CaseRow; replayed: boolean }> {
  return withIdempotency(ctx, actor, 'submitApplication', idempotencyKey, input, async (tx) => {
    const [o] = await tx
      .select({ unitPath: units.path })
      .from(officials)
      .innerJoin(units, eq(units.id, officials.unitId))
      .where(eq(officials.id, input.officialId));
    const self = actor.officialId !== null && actor.officialId === input.officialId;
    const forUnit =
      o !== undefined &&
      actor.grants.some(
        (g) => g.role === 'unit_party' && g.scopeKind === 'unit' && within(o.unitPath, g.scopePath),
      );
    if (!self && !forUnit) {
      // An official the actor may not apply for is answered as an unknown one: the answer must not
      // tell whether that official exists.
      throw new AppError('NOT_FOUND', { officialId: input.officialId });
    }
    return openCase(ctx, tx, {
      ...input,
      route: 'application',
      factSource: 'applicant',
      applicantUserId: actor.userId,
      actorId: actor.userId,
      now: ctx.now(),
      today: today(ctx),
      eventType: 'case.applied',
    });
  });
}
