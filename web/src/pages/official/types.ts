/**
 * The API's shapes the application screens read: GET /api/officials, the parts of
 * GET /api/policy/packs/:id they use, POST /api/policy/evaluate, and
 * GET /api/officials/:id/preliminary-assessment (whether the form shows the assessment). The types of the server's schemas
 * (src/api), under the names the screens use.
 */
import type { Evaluation } from '../../../../src/api/index.js';

export type {
  ApplicantAssessmentSetting,
  ApplicationWindowAnswer,
  ClauseRef,
  Evaluation,
  EvaluationFailure as Failure,
  FactValue,
  OfficialOption,
  OfficialsPage,
  PackAnswer as ApplyPack,
  PackFact as ApplyFact,
  PolicyClause,
  PolicySource,
} from '../../../../src/api/index.js';

export type Reason = Evaluation['reasons'][number];
export type WhyNot = Evaluation['whyNot'][number];
