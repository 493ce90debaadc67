/**
 * The benchmark's data set: the demo (the organization of X New Area, a login for every role and
 * 53 cases at every step) and then a few thousand more cases made by the same real use cases
 * (submitApplication, acceptCase, recordFact, assessElement, castVote, decideCase, …), each under
 * a clock that moves through its own history, so that every event, hash chain, due date and
 * supersession is genuine. Deterministic for a given seed (the order in which concurrent workers
 * take cases may vary, hence the case numbers; the contents do not).
 */
import { eq } from 'drizzle-orm';
import { acceptCase } from '../../src/app/cases/accept.js';
import { addEvidence } from '../../src/app/cases/add-evidence.js';
import { addMember } from '../../src/app/cases/add-member.js';
import { assessElement } from '../../src/app/cases/assess.js';
import { completeConsultation } from '../../src/app/cases/complete-consultation.js';
import { completeVerification } from '../../src/app/cases/complete-verification.js';
import { decideCase } from '../../src/app/cases/decide.js';
import { notifyDecision } from '../../src/app/cases/notify.js';
import { recordAccountabilityMatter } from '../../src/app/cases/open-ex-officio.js';
import { recordFact } from '../../src/app/cases/record-fact.js';
import { recordOpinion } from '../../src/app/cases/record-opinion.js';
import { answerConsultation } from '../../src/app/cases/answer-consultation.js';
import { answersFor } from '../../src/domain/policies.js';
import { recordStatement } from '../../src/app/cases/record-statement.js';
import { refuseCase } from '../../src/app/cases/refuse.js';
import type { TransitionResult } from '../../src/app/cases/transition.js';
import { castVote } from '../../src/app/cases/vote.js';
import { withdrawCase } from '../../src/app/cases/withdraw.js';
import { submitApplication } from '../../src/app/cases/submit-application.js';
import { today as todayOf, type AppContext } from '../../src/app/context.js';
import { addDaysIso } from '../../src/app/dates.js';
import {
  DEMO_UNITS,
  INVESTIGATED_FACTS,
  REFUSAL_REASONS,
  SCENARIOS,
  WITHDRAW_REASONS,
  type Scenario,
} from '../../src/app/demo-data.js';
import { prng, seedDemo, type DemoResult } from '../../src/app/demo.js';
import { loadActor } from '../../src/app/org.js';
import { officials, units, users } from '../../src/app/tables.js';
import { SIX_ELEMENTS, type CaseState } from '../../src/domain/case-states.js';
import type { Actor } from '../../src/domain/roles.js';
import type { FactValue } from '../../src/policy/model.js';

/** The states the extra cases end in, with their weights (most cases are open, mid-procedure). */
export const STATE_MIX: readonly { state: CaseState; weight: number }[] = [
  { state: 'submitted', weight: 10 },
  { state: 'refused', weight: 5 },
  { state: 'withdrawn', weight: 5 },
  { state: 'verification', weight: 30 },
  { state: 'consultation', weight: 15 },
  { state: 'deliberation', weight: 10 },
  { state: 'determined', weight: 10 },
  { state: 'notified', weight: 15 },
];

const ORDER: readonly CaseState[] = [
  'submitted',
  'verification',
  'consultation',
  'deliberation',
  'determined',
  'notified',
];

export interface SeedOptions {
  /** Cases to add beyond the demo's. */
  readonly extraCases: number;
  /** Concurrent workers making them. */
  readonly workers: number;
  readonly seed: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  readonly demo: Pick<DemoResult, 'cases' | 'events' | 'officials' | 'units' | 'ms'>;
  readonly extraCases: number;
  /** Use-case calls that made the extra cases (creations and transitions). */
  readonly extraCalls: number;
  readonly extraMs: number;
  /** The staff actors of X New Area and above, by username. */
  readonly staff: ReadonlyMap<string, Actor>;
}

/** A clock that moves through a case's history: whole working days, then minutes within a day. */
class CaseClock {
  private instant = 0;
  private day = '';
  now = (): Date => new Date(this.instant);
  at(day: string, r: () => number): void {
    if (day !== this.day) {
      this.day = day;
      this.instant = Date.parse(`${day}T01:00:00Z`) + Math.floor(r() * 55) * 60_000;
    } else {
      this.instant += (3 + Math.floor(r() * 20)) * 60_000;
    }
  }
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function pickState(r: () => number): CaseState {
  const total = STATE_MIX.reduce((s, m) => s + m.weight, 0);
  let x = r() * total;
  for (const m of STATE_MIX) {
    if ((x -= m.weight) < 0) return m.state;
  }
  return STATE_MIX[STATE_MIX.length - 1]!.state;
}

interface Org {
  readonly ctx: AppContext;
  readonly staff: Map<string, Actor>;
  /** Officials (with their login) by unit key. */
  readonly officialsByUnit: Map<string, { id: string; actor: Actor; bureau: string }[]>;
  readonly unitParty: Map<string, Actor>;
}

async function loadOrg(ctx: AppContext): Promise<Org> {
  const unitRows = await ctx.store.db.select().from(units);
  const unitKey = new Map<string, { key: string; bureau: string }>();
  for (const d of DEMO_UNITS) {
    const top = unitRows.find((u) => u.nameZh === d.nameZh && u.parentId === null);
    if (top) unitKey.set(top.id, { key: d.key, bureau: d.key });
    for (const s of d.subs) {
      const sub = unitRows.find((u) => u.nameZh === s.nameZh && u.parentId === top?.id);
      if (sub) unitKey.set(sub.id, { key: s.key, bureau: d.key });
    }
  }
  const rows = await ctx.store.db
    .select({ officialId: officials.id, unitId: officials.unitId, userId: users.id })
    .from(officials)
    .innerJoin(users, eq(users.officialId, officials.id));
  const officialsByUnit = new Map<string, { id: string; actor: Actor; bureau: string }[]>();
  for (const o of rows) {
    const k = unitKey.get(o.unitId);
    if (!k) continue;
    const actor = await loadActor(ctx, o.userId);
    for (const key of new Set([k.key, k.bureau])) {
      const list = officialsByUnit.get(key) ?? [];
      list.push({ id: o.officialId, actor, bureau: k.bureau });
      officialsByUnit.set(key, list);
    }
  }
  const named = await ctx.store.db.select({ id: users.id, username: users.username }).from(users);
  const staff = new Map<string, Actor>();
  const unitParty = new Map<string, Actor>();
  for (const u of named) {
    if (u.username.startsWith('official')) continue;
    const actor = await loadActor(ctx, u.id);
    if (u.username === 'unit-party') unitParty.set('econ', actor);
    else if (u.username.startsWith('unit-party-')) {
      unitParty.set(u.username.slice('unit-party-'.length), actor);
    } else staff.set(u.username, actor);
  }
  return { ctx, staff, officialsByUnit, unitParty };
}

/** Makes one case's history up to `target` under its own clock; returns the use-case calls made. */
async function makeCase(
  org: Org,
  r: () => number,
  target: CaseState,
  scenario: Scenario,
  asOf: string,
): Promise<number> {
  const clock = new CaseClock();
  const ctx: AppContext = { ...org.ctx, now: clock.now };
  const staff = (u: string) => org.staff.get(u)!;
  const pool = org.officialsByUnit.get(scenario.unit) ?? [];
  const official = pick(r, pool);
  const party = official.actor;
  // The history starts 10 to 400 days before the last working day and moves on by working days.
  const cal = ctx.calendars.get('cn');
  let day = cal.nextWorkingDayFrom(addDaysIso(asOf, -(10 + Math.floor(r() * 390))));
  const next = (min: number, max: number) => {
    const d = cal.addWorkingDays(day, min + Math.floor(r() * (max - min + 1)));
    day = d > asOf ? asOf : d;
    clock.at(day, r);
  };
  clock.at(day, r);
  let calls = 0;
  let id = '';
  let version = 0;
  const req = () => ({ caseId: id, expectedVersion: version });
  const took = <T>(res: TransitionResult<T>): TransitionResult<T> => {
    version = res.case.version;
    calls++;
    return res;
  };

  // Open it: an application by the official or their unit, or ex officio.
  const facts: Record<string, FactValue> = {};
  for (const [k, v] of Object.entries(scenario.facts)) {
    if (!(INVESTIGATED_FACTS as readonly string[]).includes(k)) facts[k] = v;
  }
  let conduct = addDaysIso(day, -(12 + Math.floor(r() * 108)));
  if (conduct < '2025-01-01') conduct = '2025-01-01';
  const route = r();
  // A check opened ex officio on an accountability matter cannot be withdrawn (it ends in a
  // determination): a case to be withdrawn is applied for.
  const opened =
    route < 0.2 && target !== 'withdrawn'
      ? await recordAccountabilityMatter(ctx, staff('intake'), {
          officialId: official.id,
          summary: scenario.matter,
          openedOn: addDaysIso(day, -Math.floor(r() * 3)),
          conductDate: conduct,
          facts,
        })
      : await submitApplication(
          ctx,
          route < 0.6 ? party : (org.unitParty.get(official.bureau) ?? party),
          {
            officialId: official.id,
            title: scenario.title,
            summary: scenario.summary,
            conductDate: conduct,
            facts,
          },
        );
  calls++;
  id = opened.case.id;
  version = opened.case.version;

  if (target === 'refused') {
    next(1, 4);
    took(await refuseCase(ctx, staff('intake'), { ...req(), reasons: pick(r, REFUSAL_REASONS) }));
    return calls;
  }
  next(0, 2);
  took(await recordStatement(ctx, party, { ...req(), text: scenario.statement }));
  if (target === 'submitted') return calls;
  if (target === 'withdrawn') {
    next(2, 6);
    took(await withdrawCase(ctx, party, { ...req(), reason: pick(r, WITHDRAW_REASONS) }));
    return calls;
  }
  const reach = (s: CaseState) => ORDER.indexOf(s) <= ORDER.indexOf(target);

  // Verification.
  next(1, 4);
  took(
    await acceptCase(ctx, staff('intake'), {
      ...req(),
      note: '材料齐全，符合受理条件，转入核实。',
    }),
  );
  next(0, 2);
  took(
    await addEvidence(ctx, party, {
      ...req(),
      filename: '情况说明.txt',
      mediaType: 'text/plain',
      content: new TextEncoder().encode(
        `关于“${scenario.title}”的情况说明\n\n${scenario.statement}\n\n（案件 ${opened.case.number}）\n`,
      ),
      description: '当事人提交的书面情况说明',
    }),
  );
  next(1, 4);
  const investigator = staff('investigator');
  took(
    await addEvidence(ctx, investigator, {
      ...req(),
      filename: '核实笔录.txt',
      mediaType: 'text/plain',
      content: new TextEncoder().encode(
        `核实笔录（${opened.case.number}）\n\n事项：${scenario.summary}\n\n核实人员调阅了相关决策记录、会议纪要和资金凭证，并与当事人谈话。\n`,
      ),
      description: '核实人员调阅材料和谈话的笔录',
    }),
  );
  next(1, 4);
  for (const fact of INVESTIGATED_FACTS) {
    clock.at(day, r);
    const value = scenario.facts[fact] ?? false;
    took(
      await recordFact(ctx, investigator, {
        ...req(),
        fact,
        value,
        note: value === true ? '经调阅记录和谈话核实，情况属实。' : '经核实，未发现该情形。',
      }),
    );
  }
  const ok = scenario.expected !== 'not_tolerated';
  const elements = reach('consultation') ? SIX_ELEMENTS : SIX_ELEMENTS.slice(0, 3);
  next(1, 4);
  for (const element of elements) {
    clock.at(day, r);
    took(
      await assessElement(ctx, investigator, {
        ...req(),
        element,
        rating: ok ? 'favourable' : element === 'conditions' ? 'neutral' : 'unfavourable',
        notes: ok ? '经核实，该要素支持容错。' : '经核实，该要素不支持容错。',
      }),
    );
  }
  if (!reach('consultation')) return calls;

  // Consultation.
  next(0, 2);
  const verified = took(
    await completeVerification(ctx, investigator, { ...req(), note: '核实终结，提请会商。' }),
  );
  const pending = [...verified.result.consultations];
  const opinions = reach('deliberation') ? pending.length : Math.min(2, pending.length);
  for (let i = 0; i < opinions; i++) {
    next(0, 3);
    const asked = pending[i]!;
    const opinion = ok
      ? '经查，未发现该同志在此事项中存在违纪违法或谋取私利问题，同意按办法研究认定。'
      : '经查，该事项存在负面清单情形，建议依规依纪处理。';
    const request = { ...req(), consultationId: asked.consultationId, opinion };
    // A department with its own officer (the demo's dept-* users) signs its opinion; the written
    // reply of one without is transcribed by the investigator.
    const own = [...org.staff.values()].find((a) =>
      answersFor(a, asked.department, { jurisdictionPath: opened.case.jurisdictionPath }),
    );
    took(
      own
        ? await answerConsultation(ctx, own, request)
        : await recordOpinion(ctx, investigator, {
            ...request,
            replyReference: `会复〔2026〕${i + 1}号`,
            replyDate: todayOf(ctx),
          }),
    );
  }
  if (!reach('deliberation')) return calls;
  next(0, 2);
  took(
    await completeConsultation(ctx, investigator, { ...req(), note: '各部门会商意见均已反馈。' }),
  );

  // Deliberation.
  const chair = staff('chair');
  next(1, 3);
  for (const m of ['member1', 'member2', 'member3']) {
    clock.at(day, r);
    took(await addMember(ctx, chair, { ...req(), userId: staff(m).userId }));
  }
  const voters = reach('determined')
    ? ['chair', 'member1', 'member2', 'member3']
    : ['chair', 'member1'];
  for (const who of voters) {
    next(0, 2);
    took(
      await castVote(ctx, staff(who), {
        ...req(),
        outcome: scenario.expected,
        reason: '同意按核实情况和六要素评估作出认定。',
      }),
    );
  }
  if (!reach('determined')) return calls;
  next(0, 1);
  took(
    await decideCase(ctx, chair, {
      ...req(),
      outcome: scenario.expected,
      minutes: `认定委员会会议纪要（${day}）：会议听取了核实情况汇报和各部门会商意见，对照六要素逐项研究，经表决作出认定。`,
    }),
  );
  if (!reach('notified')) return calls;
  next(1, 3);
  took(await notifyDecision(ctx, staff('intake'), req()));
  return calls;
}

/**
 * Seeds the demo into an empty store, then `extraCases` more cases on `workers` concurrent
 * workers (each case is one worker's sequence of use cases; the store sees them interleaved).
 */
export async function seedBenchData(ctx: AppContext, options: SeedOptions): Promise<SeedResult> {
  const demo = await seedDemo(ctx, { seed: options.seed });
  const org = await loadOrg(ctx);
  const cal = ctx.calendars.get('cn');
  const asOf = cal.addWorkingDays(todayOf(ctx), -1);
  // Scenarios whose unit has officials; 'standard-land' needs the demo's risk filing, left out.
  const scenarios = SCENARIOS.filter(
    (s) => s.key !== 'standard-land' && (org.officialsByUnit.get(s.unit)?.length ?? 0) > 0,
  );
  const plans = Array.from({ length: options.extraCases }, (_, i) => {
    const r = prng(options.seed * 7919 + i);
    return { r, state: pickState(r), scenario: pick(r, scenarios) };
  });
  const started = performance.now();
  let nextPlan = 0;
  let done = 0;
  let calls = 0;
  const worker = async () => {
    for (;;) {
      const i = nextPlan++;
      const p = plans[i];
      if (!p) return;
      try {
        const made = await makeCase(org, p.r, p.state, p.scenario, asOf);
        calls += made;
      } catch (e) {
        const what = e instanceof Error ? e.message : String(e);
        throw new Error(
          `bench seed: extra case ${i} (${p.state}, ${p.scenario.key}) failed: ${what}`,
          { cause: e },
        );
      }
      options.onProgress?.(++done, plans.length);
    }
  };
  await Promise.all(Array.from({ length: options.workers }, () => worker()));
  return {
    demo: {
      cases: demo.cases,
      events: demo.events,
      officials: demo.officials,
      units: demo.units,
      ms: demo.ms,
    },
    extraCases: plans.length,
    extraCalls: calls,
    extraMs: Math.round(performance.now() - started),
    staff: org.staff,
  };
}
