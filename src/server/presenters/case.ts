/**
 * The documented shapes of a case. The case itself is presented by the application's query
 * (src/app/queries/case-view.ts, getCase; case-list.ts, listCases), which picks its fields from
 * the rows and hides what the actor may not see (a party sees no votes, opinions or minutes);
 * these schemas describe it in the API description.
 */
const LABEL = {
  type: 'object',
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
} as const;

const LIST = (what: string) => ({ type: 'array', description: what, items: { type: 'object' } });

/** A case as getCase presents it. */
export const CASE_SCHEMA = {
  $id: 'Case',
  type: 'object',
  description:
    "A case as the signed-in user may see it: its number, state, step clock, facts, evidence, statements, assessments, consultations, members, determinations, challenges, suspensions, extensions and event trail, and `abilities`, the actions the user may take now. `view` is 'full' for officers and 'party' for the parties, who do not see votes, opinions, minutes or internal events.",
  properties: {
    id: { type: 'string', format: 'uuid' },
    number: { type: 'string', examples: ['x-new-area-2025-0001'] },
    version: { type: 'integer', description: 'Send back as expectedVersion when acting on it.' },
    route: { type: 'string', enum: ['application', 'ex_officio', 'risk_filing'] },
    state: { type: 'string' },
    stateLabel: LABEL,
    title: { type: 'string' },
    summary: { type: 'string' },
    conductDate: { type: 'string', format: 'date' },
    official: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        position: LABEL,
        unit: { type: 'object', properties: { id: { type: 'string' }, name: LABEL } },
      },
    },
    jurisdiction: { type: 'object', properties: { id: { type: 'string' }, name: LABEL } },
    packId: { type: 'string' },
    packVersion: { type: ['string', 'null'] },
    step: { type: 'string' },
    stepLabel: LABEL,
    stepStartedOn: { type: 'string', format: 'date' },
    stepDueOn: { type: ['string', 'null'], format: 'date' },
    stepDueProvisional: {
      type: 'boolean',
      description: 'The due date counts days of a year whose official calendar is not out yet.',
    },
    dueStatus: { type: ['string', 'null'], enum: ['overdue', 'due_soon', 'on_time', null] },
    suspended: { type: 'boolean' },
    view: { type: 'string', enum: ['full', 'party'] },
    facts: LIST('The current facts, each with its source, note, evidence and recorder.'),
    evidence: LIST('Evidence files (download each at /api/cases/{id}/evidence/{eid}).'),
    statements: LIST("The parties' statements."),
    assessments: LIST('The six-element assessment.'),
    consultations: LIST('Departments consulted and, for officers, their opinions.'),
    members: LIST('Deliberation members; for officers, conflicts and votes.'),
    determinations: LIST('Determinations, the one in force marked inForce.'),
    challenges: LIST('Review and appeal requests.'),
    suspensions: LIST('Suspensions of the step clock.'),
    extensions: LIST('Extensions requested and decided.'),
    events: LIST('The hash-chained event trail.'),
    abilities: {
      type: 'object',
      description: 'For each action, whether the signed-in user may take it now.',
      additionalProperties: { type: 'boolean' },
    },
  },
  additionalProperties: true,
} as const;

/** One line of the case list, as listCases presents it. */
export const CASE_SUMMARY_SCHEMA = {
  $id: 'CaseSummary',
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    number: { type: 'string' },
    title: { type: 'string' },
    state: { type: 'string' },
    stateLabel: LABEL,
    route: { type: 'string' },
    official: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    jurisdiction: { type: 'object', properties: { id: { type: 'string' }, name: LABEL } },
    step: { type: 'string' },
    stepLabel: LABEL,
    stepDueOn: { type: ['string', 'null'], format: 'date' },
    dueStatus: { type: ['string', 'null'] },
    suspended: { type: 'boolean' },
    version: { type: 'integer' },
    updatedAt: { type: 'string', format: 'date-time' },
    abilities: {
      type: 'object',
      description: 'What the user may do from the list; open the case for everything else.',
      additionalProperties: { type: 'boolean' },
    },
  },
  additionalProperties: true,
} as const;
