/**
 * A small organization for tests: a province, a city and a new area under it, units, officials
 * and a user for every role, each with a fixed password hash (argon2 is slow on purpose).
 */
import { defaultSettings } from '../../config/index.js';
import { loadCalendarSet } from '../../calendar/loader.js';
import type { Actor } from '../../domain/roles.js';
import { loadPacks } from '../../packs/loader.js';
import { PolicyEngine } from '../../policy/engine.js';
import type { Store } from '../../store/index.js';
import type { AppContext } from '../context.js';
import {
  createJurisdiction,
  createOfficial,
  createUnit,
  createUser,
  hashPassword,
  loadActor,
  type NewGrant,
} from '../org.js';
import type { Schema } from '../tables.js';

const engine = new PolicyEngine(loadPacks().set);
const calendars = loadCalendarSet();
let passwordHash: Promise<string> | undefined;

export const TEST_PASSWORD = 'correct horse battery';

/** A clock the test can move. */
export class TestClock {
  constructor(public instant: Date) {}
  now = (): Date => new Date(this.instant);
  /** Sets the clock to 10:00 China time on a date. */
  setDay(date: string): void {
    this.instant = new Date(`${date}T02:00:00Z`);
  }
}

export interface World {
  readonly ctx: AppContext;
  readonly clock: TestClock;
  readonly ids: {
    province: string;
    city: string;
    area: string;
    otherArea: string;
    unit: string;
    subUnit: string;
    otherUnit: string;
    official: string;
    colleague: string;
    otherOfficial: string;
  };
  /** Actors by name: official, colleague, unitParty, intake, investigator, member1, member2, chair, liaison, auditor, admin, securityAdmin, policyAdmin, outsiderIntake, cityChair. */
  readonly actors: Record<string, Actor>;
}

export function contextFor(store: Store<Schema>, clock: TestClock): AppContext {
  return { store, engine, calendars, now: clock.now, settings: defaultSettings() };
}

export async function buildWorld(store: Store<Schema>, day = '2025-03-03'): Promise<World> {
  const clock = new TestClock(new Date());
  clock.setDay(day);
  const ctx = contextFor(store, clock);
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const suffix = Math.random().toString(36).slice(2, 8);
  const province = await createJurisdiction(ctx, {
    id: `p-${suffix}`,
    level: 'province',
    nameZh: '某省',
    nameEn: 'A Province',
    packId: 'cn-national',
  });
  const city = await createJurisdiction(ctx, {
    id: `c-${suffix}`,
    parentId: province.id,
    level: 'city',
    nameZh: '某市',
    nameEn: 'A City',
    packId: 'cn-national',
  });
  const area = await createJurisdiction(ctx, {
    id: `x-${suffix}`,
    parentId: city.id,
    level: 'new_area',
    nameZh: 'X新区',
    nameEn: 'X New Area',
    packId: 'x-new-area',
  });
  const otherArea = await createJurisdiction(ctx, {
    id: `y-${suffix}`,
    parentId: city.id,
    level: 'district',
    nameZh: 'Y区',
    nameEn: 'Y District',
    packId: 'cn-national',
  });
  const unit = await createUnit(ctx, {
    jurisdictionId: area.id,
    nameZh: '经济发展局',
    nameEn: 'Economic Development Bureau',
  });
  const subUnit = await createUnit(ctx, {
    jurisdictionId: area.id,
    parentId: unit.id,
    nameZh: '招商科',
    nameEn: 'Investment Section',
  });
  const otherUnit = await createUnit(ctx, {
    jurisdictionId: area.id,
    nameZh: '建设局',
    nameEn: 'Construction Bureau',
  });
  const official = await createOfficial(ctx, {
    name: '张三',
    unitId: subUnit.id,
    managingJurisdictionId: area.id,
    positionZh: '科长',
    positionEn: 'Section chief',
  });
  const colleague = await createOfficial(ctx, {
    name: '李四',
    unitId: unit.id,
    managingJurisdictionId: area.id,
  });
  const otherOfficial = await createOfficial(ctx, {
    name: '王五',
    unitId: otherUnit.id,
    managingJurisdictionId: area.id,
  });

  const j = (role: NewGrant['role'], id = area.id): NewGrant => ({
    role,
    scopeKind: 'jurisdiction',
    scopeId: id,
  });
  const defs: Record<string, { grants: NewGrant[]; officialId?: string }> = {
    official: {
      grants: [{ role: 'official', scopeKind: 'self', scopeId: '' }],
      officialId: official.id,
    },
    colleague: {
      grants: [{ role: 'official', scopeKind: 'self', scopeId: '' }],
      officialId: colleague.id,
    },
    unitParty: { grants: [{ role: 'unit_party', scopeKind: 'unit', scopeId: unit.id }] },
    otherUnitParty: { grants: [{ role: 'unit_party', scopeKind: 'unit', scopeId: otherUnit.id }] },
    intake: { grants: [j('intake')] },
    investigator: { grants: [j('investigator')] },
    member1: { grants: [j('committee_member')] },
    member2: { grants: [j('committee_member')] },
    chair: { grants: [j('committee_chair'), j('committee_member')] },
    liaison: { grants: [j('org_liaison')] },
    auditor: { grants: [j('auditor', province.id)] },
    admin: { grants: [j('admin', province.id)] },
    securityAdmin: { grants: [j('security_admin', province.id)] },
    policyAdmin: { grants: [j('policy_admin', province.id)] },
    outsiderIntake: { grants: [j('intake', otherArea.id)] },
    cityChair: { grants: [j('committee_chair', city.id)] },
    // The official is also on the committee: they must never decide their own case.
    officialOnCommittee: {
      grants: [j('committee_member'), { role: 'official', scopeKind: 'self', scopeId: '' }],
      officialId: official.id,
    },
  };
  const actors: Record<string, Actor> = {};
  for (const [name, d] of Object.entries(defs)) {
    const id = await createUser(
      ctx,
      {
        username: `${name}-${suffix}`,
        displayName: name,
        password: TEST_PASSWORD,
        grants: d.grants,
        ...(d.officialId ? { officialId: d.officialId } : {}),
      },
      hash,
    );
    actors[name] = await loadActor(ctx, id);
  }
  return {
    ctx,
    clock,
    ids: {
      province: province.id,
      city: city.id,
      area: area.id,
      otherArea: otherArea.id,
      unit: unit.id,
      subUnit: subUnit.id,
      otherUnit: otherUnit.id,
      official: official.id,
      colleague: colleague.id,
      otherOfficial: otherOfficial.id,
    },
    actors,
  };
}
