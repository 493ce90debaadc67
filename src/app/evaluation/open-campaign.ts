/**
 * Opening a drafted campaign for answers (draft → open). Answers are taken from its opening day to
 * its closing day while it is open; a campaign whose closing day has passed is not opened.
 */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { changeState, type StateChangeInput } from './state-change.js';

export function openCampaign(ctx: AppContext, actor: Actor, input: StateChangeInput) {
  return changeState(ctx, actor, input, {
    from: 'draft',
    to: 'open',
    action: 'evaluation.campaign_open',
    check: (row, today) => {
      if (row.closesOn < today) {
        throw new AppError(
          'CAMPAIGN_STATE',
          { campaignId: row.id, closesOn: row.closesOn },
          {
            zh: `该问卷调查的结束日期（${row.closesOn}）已过，不能开启；请新建问卷调查。`,
            en: `The campaign's closing day (${row.closesOn}) has passed, so it cannot be opened; draft a new one.`,
          },
        );
      }
    },
  });
}
