/**
 * The harness's world: the test organization (src/app/testing/world.ts, every role) with cases in
 * several states, so that the fuzz's path parameters name real cases, evidence, consultations.
 */
import type { Store } from '../store/index.js';
import type { Schema } from '../app/tables.js';
import { driveTo, type DriveState } from '../app/testing/steps.js';
import { buildWorld, TEST_PASSWORD, type World } from '../app/testing/world.js';
import type { FuzzUser } from './fuzz.js';

export { TEST_PASSWORD };

/** The roles the fuzz signs in as (names of the world's actors). */
export const FUZZ_ROLES = [
  'official',
  'unitParty',
  'intake',
  'investigator',
  'member1',
  'chair',
  'liaison',
  'auditor',
  'policyAdmin',
  'admin',
] as const;

/** States the world's cases are driven to (each opens other routes to plausible requests). */
const STATES: readonly DriveState[] = ['submitted', 'verification', 'deliberation', 'notified'];

/** The world with a case in each of STATES. */
export async function buildFuzzWorld(store: Store<Schema>): Promise<World> {
  const w = await buildWorld(store);
  for (const state of STATES) await driveTo(w, state);
  return w;
}

export function fuzzUsers(w: World, roles: readonly string[] = FUZZ_ROLES): FuzzUser[] {
  return roles.map((role) => ({
    role,
    username: w.actors[role]!.username,
    password: TEST_PASSWORD,
  }));
}
