/**
 * The steps of the case procedure, in order (domain.md §5): defined here, in the pure policy
 * engine, so that the linter checks a pack's step names against them; src/shared/case.ts
 * re-exports them for the server and the web app. A step that keeps a clock reads its time limit
 * under its own name in the pack's procedure.timeLimits.
 */
export const STEPS = [
  'acceptance',
  'verification',
  'consultation',
  'deliberation',
  'notification',
  'publicity',
  'filingUpward',
  'challengeWindow',
  'review',
  'appeal',
  'closed',
] as const;
export type Step = (typeof STEPS)[number];
