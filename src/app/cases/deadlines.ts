/**
 * Step clocks: each step's time limit comes from the pack version bound to the case, counted on the
 * jurisdiction's working-day calendar (or in calendar days, as the pack says), paused by
 * suspensions and lengthened by approved extensions.
 */
import type { CaseState } from '../../domain/case-states.js';
import { STEP_OF, TERMINAL } from '../../domain/case-states.js';
import type { Procedure, TimeLimit } from '../../policy/model.js';
import type { AppContext } from '../context.js';

/** The time limit of a step under a pack's procedure, if it has one. */
export function limitOf(procedure: Procedure, step: string): TimeLimit | undefined {
  switch (step) {
    case 'publicity':
      return procedure.publicity.required ? procedure.publicity.period : undefined;
    case 'challengeWindow': {
      const r = procedure.review.applyWithin;
      const a = procedure.appeal.applyWithin;
      if (!r) return a;
      if (!a) return r;
      return r.days >= a.days ? r : a;
    }
    case 'review':
      return procedure.review.decideWithin;
    case 'appeal':
      return procedure.appeal.decideWithin;
    default:
      return procedure.timeLimits[step];
  }
}

export interface StepClock {
  readonly step: string;
  readonly stepStartedOn: string;
  readonly stepDueOn: string | null;
  readonly stepDueProvisional: boolean;
}

/** The clock of the step a state runs, started on `start`. */
export function clockFor(
  ctx: AppContext,
  calendarId: string,
  procedure: Procedure,
  state: CaseState,
  start: string,
  extraDays = 0,
  suspensions: readonly { from: string; to: string }[] = [],
): StepClock {
  const step = STEP_OF[state];
  const limit = TERMINAL.has(state) ? undefined : limitOf(procedure, step);
  if (!limit) return { step, stepStartedOn: start, stepDueOn: null, stepDueProvisional: false };
  const d = ctx.calendars.get(calendarId).deadline({
    start,
    unit: limit.unit,
    days: limit.days + extraDays,
    suspensions: [...suspensions],
  });
  return { step, stepStartedOn: start, stepDueOn: d.due, stepDueProvisional: d.provisional };
}
