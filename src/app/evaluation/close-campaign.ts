/**
 * Closing an open campaign (open → closed), on or before its closing day: no answer is taken
 * afterwards, whatever token is shown. A closed campaign is never reopened.
 */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { changeState, type StateChangeInput } from './state-change.js';

export function closeCampaign(ctx: AppContext, actor: Actor, input: StateChangeInput) {
  return changeState(ctx, actor, input, {
    from: 'open',
    to: 'closed',
    action: 'evaluation.campaign_close',
  });
}
