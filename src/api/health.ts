/**
 * The health answers (issue 14): GET /api/health/live (the process is up, no store call) and
 * GET /api/health/ready (each readiness check named with its result). Both say which version and
 * build run. GET /api/health, the older one-line check, keeps its shape (routes/health.ts).
 */
import { I18nText, List, Nullable, Obj, StringEnum, Type, type Static } from './common.js';

/** The build that runs: the git commit or other id, and where it was read. */
export const BuildInfo = Obj({
  id: Nullable(Type.String({ description: 'e.g. the git commit; null when unknown' })),
  source: StringEnum(['env', 'file', 'git', 'unknown'] as const, {
    description:
      "'env': RONGCUO_BUILD; 'file': the file BUILD at the package root; 'git': the commit of a git checkout at the package root",
  }),
});
export type BuildInfo = Static<typeof BuildInfo>;

export const HealthLive = Obj({
  status: StringEnum(['live'] as const),
  version: Type.String(),
  build: BuildInfo,
  uptimeSeconds: Type.Number({ minimum: 0 }),
});
export type HealthLive = Static<typeof HealthLive>;

export const READINESS_CHECKS = ['store', 'migrations', 'disk_data', 'disk_tmp'] as const;

export const ReadinessCheck = Obj({
  name: StringEnum(READINESS_CHECKS),
  ok: Type.Boolean(),
  message: I18nText,
});
export type ReadinessCheck = Static<typeof ReadinessCheck>;

export const HealthReady = Obj({
  status: StringEnum(['ready', 'not_ready'] as const),
  version: Type.String(),
  build: BuildInfo,
  checks: List(ReadinessCheck, { maxItems: 10 }),
});
export type HealthReady = Static<typeof HealthReady>;
