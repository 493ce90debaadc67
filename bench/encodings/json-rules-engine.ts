/**
 * The merged x-new-area 2023-01 decision (cn-national 2019-09 binding entries first, then
 * x-new-area's own list), encoded BY HAND for json-rules-engine from packs/cn-national/pack.yaml
 * and packs/x-new-area/pack.yaml. Rule and predicate references are expanded inline.
 *
 * One json-rules-engine rule per decision entry, priorities descending in decision order (each
 * entry its own priority set, so sets run one after another). Two ways to get "first applicable":
 *  - 'stop': a success listener calls engine.stop(), so later priority sets are skipped;
 *  - 'all': every rule runs; the success event of the highest priority wins.
 * The benchmark checks both against rongcuo and times both.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';

type Cond = TopLevelCondition | { fact: string; operator: string; value: unknown };

const eq = (fact: string, value: unknown): Cond => ({ fact, operator: 'equal', value });
const ne = (fact: string, value: unknown): Cond => ({ fact, operator: 'notEqual', value });
const isIn = (fact: string, value: readonly unknown[]): Cond => ({
  fact,
  operator: 'in',
  value: [...value],
});
const gt = (fact: string, value: number): Cond => ({ fact, operator: 'greaterThan', value });
const all = (...of: Cond[]): TopLevelCondition => ({ all: of }) as TopLevelCondition;
const any = (...of: Cond[]): TopLevelCondition => ({ any: of }) as TopLevelCondition;
const not = (of: Cond): TopLevelCondition => ({ not: of }) as TopLevelCondition;

// --- x-new-area rules as in force for 2023-01 (2020-01 amended by 2023-01) ------------------------
// g-no-gain
const gNoGain = () => eq('privateGain', false);
// g-not-prohibited
const gNotProhibited = () =>
  any(eq('prohibitedAtTheTime', false), eq('policyBoundaryUnclear', true));
// g-diligent (2023-01 version: an accepted risk filing also shows diligence)
const gDiligent = () =>
  all(
    eq('knowinglyViolated', false),
    any(eq('dutiesPerformed', true), eq('riskFiling', 'accepted')),
  );
// g-procedure
const gProcedure = () =>
  isIn('decisionProcess', ['collective', 'emergency_reported', 'not_required']);
// g-remediation
const gRemediation = () => isIn('remediation', ['effective', 'not_needed']);
// predicate gateway-core / gateway
const gatewayCore = () => all(gNoGain(), gNotProhibited(), gDiligent(), gProcedure());
const gateway = () => all(gatewayCore(), gRemediation());
// predicate situation (2023-01: six situations)
const situation = () =>
  any(
    all(eq('purpose', 'reform_pilot'), eq('noPrecedent', true)), // s-pilot
    eq('policyBoundaryUnclear', true), // s-exploratory
    eq('onReformTaskList', true), // s-task-list
    all(eq('purpose', 'emergency_response'), eq('decisionProcess', 'emergency_reported')), // s-emergency
    all(
      eq('proceduralDefect', true),
      isIn('purpose', ['development_task', 'public_service', 'emergency_response']),
      eq('decisionProcess', 'collective'),
    ), // s-procedural-defect
    eq('riskFiling', 'accepted'), // s-risk-filing
  );
// l-large-loss (2023-01: above 10 million yuan)
const lLargeLoss = () => gt('lossAmount', 10_000_000);
// l-partial-cooperative
const lPartialCooperative = () => all(eq('remediation', 'partial'), eq('cooperated', true));

/** The merged decision list: [entry id, outcome, condition]; the last is `otherwise`. */
export const DECISION: readonly (readonly [string, string, TopLevelCondition])[] = [
  // cn-national 2019-09, binding entries
  ['d-crime', 'not_tolerated', all(eq('crimeSuspected', true))],
  ['d-knowing', 'not_tolerated', all(eq('knowinglyViolated', true))],
  ['d-after-ban', 'not_tolerated', all(eq('actedAfterExplicitBan', true))],
  ['d-private-gain', 'not_tolerated', all(eq('privateGain', true))],
  ['d-illegal-higher', 'not_tolerated', all(eq('executedIllegalHigherDecision', true))],
  [
    'd-aggravation',
    'not_tolerated',
    any(eq('ignoredRepeatedOrders', true), eq('obstructed', true)), // agg-obstruction
  ],
  // x-new-area 2023-01 (decision list inherited from 2020-01)
  ['x-grave', 'not_tolerated', all(ne('graveConsequence', 'none'))],
  ['x-fraud', 'not_tolerated', all(eq('fraudulentRecords', true))],
  ['x-repeat', 'not_tolerated', all(eq('repeatOfSameError', true))],
  ['x-individual', 'not_tolerated', all(eq('decisionProcess', 'individual'))],
  [
    'x-objection',
    'no_accountability',
    all(eq('decisionProcess', 'collective'), eq('objectionRecorded', true)), // imm-objection (cn)
  ],
  [
    'x-force-majeure',
    'no_accountability',
    all(eq('dutiesPerformed', true), eq('forceMajeure', true)), // imm-force-majeure (cn)
  ],
  ['x-exempted', 'exempted', all(gateway(), situation(), not(lLargeLoss()))],
  ['x-reduced-large-loss', 'reduced', all(gateway(), situation())],
  ['x-reduced-partial', 'reduced', all(gatewayCore(), situation(), lPartialCooperative())],
  [
    'x-lighter',
    'lighter',
    any(eq('remediation', 'effective'), eq('cooperated', true)), // mit-remediation, mit-cooperation (cn)
  ],
  ['x-default', 'not_tolerated', all()],
];

export type JreMode = 'stop' | 'all';

export interface JreDecider {
  readonly mode: JreMode;
  readonly engine: Engine;
  /** Runs the engine on one fact set; resolves to [outcome, entry]. */
  run(facts: object): Promise<{ outcome: string; entry: string }>;
}

export function jreRules(): RuleProperties[] {
  const n = DECISION.length;
  return DECISION.map(([entry, outcome, conditions], i) => ({
    name: entry,
    priority: n - i,
    conditions,
    event: { type: outcome, params: { entry } },
  }));
}

/** One Engine instance, reused for every run (runs must be sequential: stop() is engine state). */
export function createJre(mode: JreMode): JreDecider {
  const engine = new Engine(jreRules(), { allowUndefinedFacts: true });
  if (mode === 'stop') engine.on('success', () => void engine.stop());
  return {
    mode,
    engine,
    async run(facts) {
      const r = await engine.run(facts as Record<string, unknown>);
      let best: { type: string; params?: Record<string, unknown> } | undefined;
      if (mode === 'stop') best = r.events[0];
      else {
        // The success with the highest priority (results carry the rule's priority).
        let top = -1;
        for (const res of r.results) {
          if ((res.priority ?? 0) > top) {
            top = res.priority ?? 0;
            best = res.event;
          }
        }
      }
      if (!best) throw new Error('json-rules-engine: no rule fired (the default rule should)');
      return { outcome: best.type, entry: best.params!.entry as string };
    },
  };
}
