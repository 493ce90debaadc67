/**
 * Feeding the tolerance outcome back to the accountability matter (问责衔接), in the transaction
 * that makes the determination take effect: the committee's decision (cases/decide.ts) writes it;
 * a review or appeal that changes the determination (cases/decide-challenge.ts) replaces it,
 * keeping the outcome it replaced. The event of that transition carries what was fed back.
 *
 * Tolerance never closes a matter with a suspected crime: a matter with a recorded referral (移送)
 * stays `referred`, with the competent body; a matter whose case finds a crime suspected
 * (the fact crimeSuspected) stays `open` until the referral is recorded. Otherwise the matter is
 * `concluded` with the outcome fed back.
 */
import { eq } from 'drizzle-orm';
import type { FeedbackBasis, MatterStatus } from '../../shared/matters.js';
import type { FactValue } from '../../policy/model.js';
import type { AppTx } from '../db.js';
import type { LoadedCase } from '../cases/record.js';
import { accountabilityMatters } from '../tables.js';
import { matterOfCase } from './subject.js';

export interface Feedback {
  readonly outcome: string;
  /** The day the determination took effect. */
  readonly inForceOn: string;
  readonly basis: FeedbackBasis;
  /** The case's current facts (crimeSuspected keeps the matter open). */
  readonly facts: Readonly<Record<string, FactValue | null>>;
}

/** Why the matter was not concluded, or null when it was. */
export type KeptOpen = 'referred' | 'crime_suspected' | null;

/** What the event records of the feedback. */
export interface FedBack {
  readonly matterId: string;
  readonly outcome: string;
  readonly previousOutcome: string | null;
  readonly inForceOn: string;
  readonly basis: FeedbackBasis;
  /** 'written' the first time; 'replaced' when a review or appeal changed the determination. */
  readonly feedback: 'written' | 'replaced';
  readonly status: MatterStatus;
  readonly keptOpen: KeptOpen;
}

/** The matter's status after the feedback, and why it stays open when it does. */
export function statusAfterFeedback(
  referred: boolean,
  crimeSuspected: boolean,
): { status: MatterStatus; keptOpen: KeptOpen } {
  if (referred) return { status: 'referred', keptOpen: 'referred' };
  if (crimeSuspected) return { status: 'open', keptOpen: 'crime_suspected' };
  return { status: 'concluded', keptOpen: null };
}

/** Writes the outcome to the case's matter; null when the case has none (an application). */
export async function feedBackToMatter(
  tx: AppTx,
  loaded: LoadedCase,
  f: Feedback,
): Promise<FedBack | null> {
  const matter = await matterOfCase(tx, loaded);
  if (!matter) return null;
  const previousOutcome = matter.fedBackOutcome;
  const { status, keptOpen } = statusAfterFeedback(
    matter.referredTo !== null,
    f.facts['crimeSuspected'] === true,
  );
  await tx
    .update(accountabilityMatters)
    .set({
      status,
      fedBackCaseId: loaded.row.id,
      fedBackOutcome: f.outcome,
      fedBackInForceOn: f.inForceOn,
      fedBackBasis: f.basis,
      fedBackPreviousOutcome: previousOutcome,
    })
    .where(eq(accountabilityMatters.id, matter.id));
  return {
    matterId: matter.id,
    outcome: f.outcome,
    previousOutcome,
    inForceOn: f.inForceOn,
    basis: f.basis,
    feedback: previousOutcome === null ? 'written' : 'replaced',
    status,
    keptOpen,
  };
}
