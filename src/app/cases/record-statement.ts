/** The official (or whoever applied for them) states their own account of the matter. */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { caseStatements } from '../tables.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface StatementInput extends TransitionRequest {
  readonly text: string;
}

export async function recordStatement(ctx: AppContext, actor: Actor, req: StatementInput) {
  const text = requireText('text', req.text, {
    what: { zh: '情况说明', en: 'the statement' },
    ...TEXT_LIMITS.statement,
  });
  return runTransition(ctx, actor, 'recordStatement', req, async ({ tx, loaded, now }) => {
    const id = randomUUID();
    await tx.insert(caseStatements).values({
      id,
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      text,
      madeBy: actor.userId,
      madeAt: now,
    });
    // The text goes into the event too, so the chain makes any later change to it evident.
    return {
      event: 'case.statement_recorded',
      payload: { statementId: id, text },
      result: { statementId: id },
    };
  });
}
