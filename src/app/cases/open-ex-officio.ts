/**
 * The ex-officio route: recording an accountability matter against an official opens a tolerance
 * check in the same transaction, so no matter is ever handled without one (domain.md §5).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import { within } from '../../domain/roles.js';
import type { FactValue } from '../../policy/model.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { today } from '../context.js';
import { AppError } from '../errors.js';
import { withIdempotency } from '../idempotency.js';
import { accountabilityMatters, jurisdictions } from '../tables.js';
import { eq } from 'drizzle-orm';
import { officialWithUnit, openCase } from './create.js';
import { requireText } from './text-input.js';

export interface AccountabilityMatterInput {
  readonly officialId: string;
  readonly summary: string;
  /** The date the accountability investigation opened. */
  readonly openedOn: string;
  /** The date of the conduct under investigation. */
  readonly conductDate: string;
  readonly facts?: Readonly<Record<string, FactValue | null>>;
}

export async function recordAccountabilityMatter(
  ctx: AppContext,
  actor: Actor,
  input: AccountabilityMatterInput,
  idempotencyKey?: string,
) {
  const summary = requireText('summary', input.summary, {
    what: { zh: '问责事项', en: 'the accountability matter' },
    ...TEXT_LIMITS.exOfficioSummary,
  });
  return withIdempotency(
    ctx,
    actor,
    'recordAccountabilityMatter',
    idempotencyKey,
    input,
    async (tx) => {
      const { official } = await officialWithUnit(tx, input.officialId);
      const [j] = await tx
        .select()
        .from(jurisdictions)
        .where(eq(jurisdictions.id, official.managingJurisdictionId));
      const allowed =
        j !== undefined &&
        actor.grants.some(
          (g) =>
            (g.role === 'intake' || g.role === 'investigator') &&
            g.scopeKind === 'jurisdiction' &&
            within(j.path, g.scopePath),
        );
      if (!allowed) throw new AppError('FORBIDDEN', { officialId: input.officialId });
      const matterId = randomUUID();
      await tx.insert(accountabilityMatters).values({
        id: matterId,
        jurisdictionId: j.id,
        officialId: official.id,
        summary,
        openedOn: input.openedOn,
        recordedBy: actor.userId,
      });
      return openCase(ctx, tx, {
        officialId: official.id,
        title: `依职权容错审查：${summary}`.slice(0, TEXT_LIMITS.caseTitle.max),
        summary,
        conductDate: input.conductDate,
        facts: input.facts ?? {},
        route: 'ex_officio',
        factSource: 'ex_officio',
        applicantUserId: null,
        actorId: actor.userId,
        accountabilityMatterId: matterId,
        now: ctx.now(),
        today: today(ctx),
        eventType: 'case.opened_ex_officio',
      });
    },
  );
}
