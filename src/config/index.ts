/**
 * The installation's settings, read once at start from the environment (and `rongcuo serve`'s
 * flags, which win), and handed to every use case as `ctx.settings`. Each area of settings is
 * declared in ./areas/<area>.ts; add an area here, in AREAS, and its values appear in `Settings`.
 * An unreadable value stops the start with one line naming the variable (ConfigError).
 */
import { readArea, type AreaValues, type SettingDoc } from './define.js';
import { AUDIT_SETTINGS } from './areas/audit.js';
import { CRYPTO_SETTINGS } from './areas/crypto.js';
import { OBSERVABILITY_SETTINGS } from './areas/observability.js';
import { NETWORK_SETTINGS } from './areas/network.js';
import { SERVER_SETTINGS } from './areas/server.js';
import { TWO_FACTOR_SETTINGS } from './areas/two-factors.js';
import { SESSIONS_SETTINGS } from './areas/sessions.js';
import { SSO_SETTINGS } from './areas/sso.js';

export { ConfigError, type SettingDoc } from './define.js';

/** Every area, by the name its values have in `Settings`. */
export const AREAS = {
  server: SERVER_SETTINGS,
  crypto: CRYPTO_SETTINGS,
  observability: OBSERVABILITY_SETTINGS,
  audit: AUDIT_SETTINGS,
  twoFactors: TWO_FACTOR_SETTINGS,
  network: NETWORK_SETTINGS,
  sessions: SESSIONS_SETTINGS,
  sso: SSO_SETTINGS,
} as const;

type Areas = typeof AREAS;
export type Settings = { readonly [K in keyof Areas]: AreaValues<Areas[K]> };

/** Reads every area. `flags` are `rongcuo serve`'s options by flag name. */
export function readSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
  flags: Readonly<Record<string, string | undefined>> = {},
): Settings {
  const out: Record<string, unknown> = {};
  for (const [name, area] of Object.entries(AREAS)) out[name] = readArea(area, env, flags);
  return out as Settings;
}

/** The defaults, as an installation with nothing configured has them (tests). */
export function defaultSettings(): Settings {
  return readSettings({}, {});
}

/** Every setting's reference entry, by area, in declaration order. */
export function settingDocs(): { area: string; name: string; doc: SettingDoc }[] {
  return Object.entries(AREAS).flatMap(([area, settings]) =>
    Object.entries(settings).map(([name, s]) => ({ area, name, doc: s.doc })),
  );
}
