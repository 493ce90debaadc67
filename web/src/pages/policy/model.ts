/**
 * The policy API's shapes as the policy browser reads them: the types of the server's schemas
 * (src/api/policy.ts), under the names the browser uses.
 */
import type { VersionSummary } from '../../../../src/api/index.js';
import { pick, type Lang } from '../../i18n';

export type {
  ClauseRef,
  DecisionEntry,
  EffectivePolicy as Effective,
  Evaluation,
  EvaluationFailure as Failure,
  LintAnswer,
  LintFinding,
  PackAnswer as PackDetailAnswer,
  PackFact as PolicyFact,
  PackSummary,
  PolicyClause,
  PolicyCondition as Condition,
  PolicyPredicate,
  PolicyRule,
  PolicySource,
  Procedure,
  ResultApplication,
  RuleKind,
  TimeLimit,
  VersionSummary,
} from '../../../../src/api/index.js';

/** Whether a version's window contains `day` (YYYY-MM-DD; windows are inclusive). */
export function inForceOn(v: VersionSummary, day: string): boolean {
  return v.from <= day && (v.to === null || day <= v.to);
}

/** Today in China (the procedure's calendar), YYYY-MM-DD. */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** A version as an office names it: its title, else its id (a date such as 2023-01). */
export function versionName(v: VersionSummary, lang: Lang): string {
  return v.title ? pick(v.title, lang) : v.id;
}
