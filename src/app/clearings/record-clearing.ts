/**
 * Recording a name clearing (澄清正名登记): once the determination holds the official not
 * accountable or tolerated, the organization department's liaison or the chair records what was
 * alleged against the official, what verification found of it (untrue, a false accusation, a
 * mistaken report) and how and how widely the name is to be cleared (at a meeting or in a written
 * circular, and to whom). One per case; the notice (issue-notice.ts) follows. The texts are
 * checked before the case is touched.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import {
  CLEARING_FINDINGS,
  CLEARING_MANNERS,
  type ClearingFinding,
  type ClearingManner,
} from '../../shared/clearings.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { determinationInForce } from '../cases/record.js';
import { requireText } from '../cases/text-input.js';
import { runTransition, type TransitionRequest } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { nameClearings } from '../tables.js';
import { withClearing } from './subject.js';

export interface RecordClearingInput extends TransitionRequest {
  readonly finding: ClearingFinding;
  readonly alleged: string;
  readonly found: string;
  readonly manner: ClearingManner;
  readonly scope: string;
}

function checked(req: RecordClearingInput) {
  if (!CLEARING_FINDINGS.includes(req.finding)) {
    throw invalid(
      'finding',
      '请选择核查结论：反映失实（untrue）、诬告陷害（false_accusation）或错告（mistaken）。',
      "choose what verification found: 'untrue', 'false_accusation' or 'mistaken'.",
    );
  }
  if (!CLEARING_MANNERS.includes(req.manner)) {
    throw invalid(
      'manner',
      '请选择澄清方式：会议澄清（meeting）或书面通报（circular）。',
      "choose how the name is cleared: 'meeting' or 'circular'.",
    );
  }
  return {
    finding: req.finding,
    alleged: requireText('alleged', req.alleged, {
      what: { zh: '反映的问题', en: 'what was alleged' },
      ...TEXT_LIMITS.clearingAlleged,
    }),
    found: requireText('found', req.found, {
      what: { zh: '核查认定情况', en: 'what verification found' },
      ...TEXT_LIMITS.clearingFound,
    }),
    manner: req.manner,
    scope: requireText('scope', req.scope, {
      what: { zh: '澄清范围', en: 'the scope of the clearing' },
      ...TEXT_LIMITS.clearingScope,
    }),
  };
}

export async function recordClearing(ctx: AppContext, actor: Actor, req: RecordClearingInput) {
  const clearing = checked(req);
  return runTransition(
    ctx,
    actor,
    'recordClearing',
    req,
    async ({ tx, loaded, today }) => {
      const determination = await determinationInForce(tx, loaded.row.id);
      if (!determination) throw new AppError('CASE_WRONG_STATE', { state: loaded.row.state });
      const id = randomUUID();
      await tx.insert(nameClearings).values({
        id,
        caseId: loaded.row.id,
        jurisdictionId: loaded.row.jurisdictionId,
        officialId: loaded.row.officialId,
        determinationId: determination.id,
        ...clearing,
        state: 'recorded',
        recordedOn: today,
        recordedBy: actor.userId,
      });
      return {
        event: 'case.clearing_recorded',
        payload: { clearingId: id, determinationId: determination.id, ...clearing },
        result: { clearingId: id },
      };
    },
    { subject: withClearing },
  );
}
