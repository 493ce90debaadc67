/**
 * The merged x-new-area 2023-01 decision (cn-national 2019-09 binding entries first, then
 * x-new-area's own list), encoded BY HAND as a GoRules JDM graph for the ZEN engine, from
 * packs/cn-national/pack.yaml and packs/x-new-area/pack.yaml. Rule and predicate references are
 * expanded inline.
 *
 * input → decision table (hitPolicy "first", one row per decision entry, in decision order) →
 * output. Entries that are a conjunction of single-field tests use per-field unary columns; the
 * others use one expression column (a column without a field: its cell is a full ZEN expression).
 * The last row has empty cells: `otherwise`.
 */
import { ZenEngine, type ZenDecision } from '@gorules/zen-engine';

// --- x-new-area rules as in force for 2023-01, as ZEN expressions -------------------------------
const gNoGain = 'privateGain == false';
const gNotProhibited = '(prohibitedAtTheTime == false or policyBoundaryUnclear == true)';
const gDiligent =
  "(knowinglyViolated == false and (dutiesPerformed == true or riskFiling == 'accepted'))";
const gProcedure = "decisionProcess in ['collective', 'emergency_reported', 'not_required']";
const gRemediation = "remediation in ['effective', 'not_needed']";
const gatewayCore = `(${gNoGain} and ${gNotProhibited} and ${gDiligent} and ${gProcedure})`;
const gateway = `(${gatewayCore} and ${gRemediation})`;
const situation =
  '(' +
  [
    "(purpose == 'reform_pilot' and noPrecedent == true)", // s-pilot
    'policyBoundaryUnclear == true', // s-exploratory
    'onReformTaskList == true', // s-task-list
    "(purpose == 'emergency_response' and decisionProcess == 'emergency_reported')", // s-emergency
    "(proceduralDefect == true and purpose in ['development_task', 'public_service', 'emergency_response'] and decisionProcess == 'collective')", // s-procedural-defect
    "riskFiling == 'accepted'", // s-risk-filing
  ].join(' or ') +
  ')';
const lLargeLoss = 'lossAmount > 10000000';
const lPartialCooperative = "(remediation == 'partial' and cooperated == true)";

/** Unary cells by field (ZEN unary syntax: the cell is tested against the column's field). */
type Cells = Readonly<Record<string, string>>;

/** The merged decision list: [entry id, outcome, unary cells, expression cell]. */
export const ZEN_ROWS: readonly (readonly [string, string, Cells, string])[] = [
  // cn-national 2019-09, binding entries
  ['d-crime', 'not_tolerated', { crimeSuspected: 'true' }, ''],
  ['d-knowing', 'not_tolerated', { knowinglyViolated: 'true' }, ''],
  ['d-after-ban', 'not_tolerated', { actedAfterExplicitBan: 'true' }, ''],
  ['d-private-gain', 'not_tolerated', { privateGain: 'true' }, ''],
  ['d-illegal-higher', 'not_tolerated', { executedIllegalHigherDecision: 'true' }, ''],
  ['d-aggravation', 'not_tolerated', {}, 'ignoredRepeatedOrders == true or obstructed == true'],
  // x-new-area 2023-01
  ['x-grave', 'not_tolerated', { graveConsequence: "!= 'none'" }, ''],
  ['x-fraud', 'not_tolerated', { fraudulentRecords: 'true' }, ''],
  ['x-repeat', 'not_tolerated', { repeatOfSameError: 'true' }, ''],
  ['x-individual', 'not_tolerated', { decisionProcess: "'individual'" }, ''],
  [
    'x-objection',
    'no_accountability',
    { decisionProcess: "'collective'", objectionRecorded: 'true' },
    '',
  ],
  ['x-force-majeure', 'no_accountability', { dutiesPerformed: 'true', forceMajeure: 'true' }, ''],
  ['x-exempted', 'exempted', {}, `${gateway} and ${situation} and not(${lLargeLoss})`],
  ['x-reduced-large-loss', 'reduced', {}, `${gateway} and ${situation}`],
  [
    'x-reduced-partial',
    'reduced',
    {},
    `${gatewayCore} and ${situation} and ${lPartialCooperative}`,
  ],
  ['x-lighter', 'lighter', {}, "remediation == 'effective' or cooperated == true"],
  ['x-default', 'not_tolerated', {}, ''],
];

/** The JDM graph. With `unary: false` every row uses the expression column only. */
export function zenContent(unary = true): object {
  const fields: string[] = [];
  if (unary)
    for (const [, , cells] of ZEN_ROWS)
      for (const f of Object.keys(cells)) if (!fields.includes(f)) fields.push(f);
  const inputs = [
    ...fields.map((f, i) => ({ id: `in${i}`, name: f, field: f })),
    { id: 'expr', name: 'condition' },
  ];
  const rules = ZEN_ROWS.map(([entry, outcome, cells, expr], r) => {
    const row: Record<string, string> = {
      _id: `r${r}`,
      out: JSON.stringify(outcome),
      entry: JSON.stringify(entry),
    };
    fields.forEach((f, i) => (row[`in${i}`] = cells[f] ?? ''));
    row.expr = unary ? expr : toExpression(cells, expr);
    return row;
  });
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'input', type: 'inputNode', name: 'facts', position: { x: 0, y: 0 } },
      {
        id: 'table',
        type: 'decisionTableNode',
        name: 'x-new-area 2023-01',
        position: { x: 300, y: 0 },
        content: {
          hitPolicy: 'first',
          inputs,
          outputs: [
            { id: 'out', name: 'outcome', field: 'outcome' },
            { id: 'entry', name: 'entry', field: 'entry' },
          ],
          rules,
        },
      },
      { id: 'output', type: 'outputNode', name: 'decision', position: { x: 600, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'input', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'output', type: 'edge' },
    ],
  };
}

/** The unary cells of a row rewritten as one expression (for the expression-only table). */
function toExpression(cells: Cells, expr: string): string {
  const parts = Object.entries(cells).map(([f, cell]) =>
    cell.startsWith('!=') ? `${f} ${cell}` : `${f} == ${cell}`,
  );
  if (expr) parts.push(`(${expr})`);
  return parts.join(' and ');
}

export interface ZenDecider {
  readonly engine: ZenEngine;
  readonly decision: ZenDecision;
  evaluate(facts: object): Promise<{ outcome: string; entry: string }>;
}

/** createDecision once; evaluate per case. */
export function createZen(unary = true): ZenDecider {
  const engine = new ZenEngine();
  const decision = engine.createDecision(zenContent(unary));
  return {
    engine,
    decision,
    async evaluate(facts) {
      const r = await decision.evaluate(facts);
      const out = r.result as { outcome?: string; entry?: string };
      if (!out.outcome || !out.entry)
        throw new Error(`ZEN: no row matched (${JSON.stringify(out)})`);
      return { outcome: out.outcome, entry: out.entry };
    },
  };
}
