import { and, asc, eq, isNull } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { AppError } from '../errors.js';
import { createOfficial, createUser, loadActor } from '../org.js';
import {
  caseEvents,
  caseFacts,
  cases,
  deliberationMembers,
  schema,
  type Schema,
} from '../tables.js';
import { recommendationOn } from '../cases/decide.js';
import { currentFacts } from '../cases/record-fact.js';
import { castVote } from '../cases/vote.js';
import { addMembers } from '../cases/add-members.js';
import { decideCase } from '../cases/decide.js';
import type { CaseRow } from '../cases/record.js';
import { advance, caseRow, codeOf, EXEMPTED_FACTS, MINUTES } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { getJointMatter } from '../queries/joint-matter.js';
import { loadDecisionDocument } from '../documents/decision-document.js';
import { addJointMembers } from './add-members.js';
import { openJointMatter, type JointMatterInput } from './open.js';
import { recordJointFact } from './record-fact.js';

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** The facts common to all, but whether they cooperated (recorded later, for all at once). */
const { cooperated: _cooperated, ...COMMON } = EXEMPTED_FACTS;

describeStores<Schema>(
  'a joint matter: several officials, one deliberation',
  (getStore) => {
    let w: World;
    let input: JointMatterInput;
    beforeAll(async () => {
      w = await buildWorld(getStore(), '2025-03-03');
      input = {
        title: '产业园区配套道路未批先建问题',
        summary: '为赶在汛期前通车，园区配套道路在施工许可办结前开工建设。',
        openedOn: '2025-02-10',
        conductDate: '2024-11-05',
        facts: COMMON,
        source: 'audit',
        officials: [
          { officialId: w.ids.official, responsibility: 'direct' },
          // The leader knew the road was banned by the higher level's order: their own fact.
          {
            officialId: w.ids.colleague,
            responsibility: 'principal_leadership',
            facts: { knowinglyViolated: true },
          },
          {
            officialId: w.ids.otherOfficial,
            responsibility: 'important_leadership',
            facts: { cooperated: false },
          },
        ],
      };
    });

    const facts = (caseId: string) =>
      w.ctx.store.db
        .select()
        .from(caseFacts)
        .where(and(eq(caseFacts.caseId, caseId), isNull(caseFacts.supersededAt)));
    const events = (caseId: string) =>
      w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, caseId))
        .orderBy(asc(caseEvents.seq));

    it('refuses a matter of one official, a role not in the list and an opener out of scope', async () => {
      const [first, second] = input.officials;
      expect(
        await codeOf(openJointMatter(w.ctx, w.actors.intake!, { ...input, officials: [first!] })),
      ).toBe('VALIDATION');
      expect(
        await codeOf(
          openJointMatter(w.ctx, w.actors.intake!, {
            ...input,
            officials: [first!, { ...second!, responsibility: 'chief' as 'direct' }],
          }),
        ),
      ).toBe('VALIDATION');
      expect(await codeOf(openJointMatter(w.ctx, w.actors.outsiderIntake!, input))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(openJointMatter(w.ctx, w.actors.member1!, input))).toBe('FORBIDDEN');
    });

    it('refuses officials decided by different bodies, and opens nothing', async () => {
      const elsewhere = await createOfficial(w.ctx, {
        name: '赵六',
        unitId: w.ids.unit,
        managingJurisdictionId: w.ids.otherArea,
      });
      const before = await w.ctx.store.db.select({ id: cases.id }).from(cases);
      const mixed = {
        ...input,
        officials: [
          input.officials[0]!,
          { officialId: elsewhere.id, responsibility: 'direct' as const },
        ],
      };
      // Refused before any case is opened, for the new area's investigator and the city's alike.
      expect(await codeOf(openJointMatter(w.ctx, w.actors.investigator!, mixed))).toBe(
        'VALIDATION',
      );
      const cityInvestigator = await createUser(
        w.ctx,
        {
          username: `city-investigator-${w.ids.city}`,
          displayName: 'city investigator',
          password: 'unused-password',
          grants: [{ role: 'investigator', scopeKind: 'jurisdiction', scopeId: w.ids.city }],
        },
        'not-a-real-hash',
      );
      const e = await errorOf(
        openJointMatter(w.ctx, await loadActor(w.ctx, cityInvestigator), mixed),
      );
      expect(e.code).toBe('VALIDATION');
      expect(e.details).toMatchObject({ field: 'officials[1].officialId' });
      expect(await w.ctx.store.db.select({ id: cases.id }).from(cases)).toHaveLength(before.length);
    });

    let rows: CaseRow[] = [];
    let jointMatterId = '';

    it('opens one case per official, each with their role, their own facts and the common ones', async () => {
      const opened = await openJointMatter(w.ctx, w.actors.intake!, input);
      jointMatterId = opened.jointMatterId;
      rows = [...opened.cases];
      expect(rows.map((r) => r.officialId)).toEqual([
        w.ids.official,
        w.ids.colleague,
        w.ids.otherOfficial,
      ]);
      expect(new Set(rows.map((r) => r.number)).size).toBe(3);
      for (const r of rows) {
        expect(r).toMatchObject({ jointMatterId, route: 'ex_officio', state: 'submitted' });
      }
      const [direct, leader, other] = await Promise.all(rows.map((r) => facts(r.id)));
      const sourceOf = (fs: typeof direct, fact: string) =>
        fs!.find((f) => f.fact === fact)?.source;
      expect(sourceOf(direct, 'responsibility')).toBe('ex_officio');
      expect(sourceOf(direct, 'knowinglyViolated')).toBe('joint');
      expect(sourceOf(leader, 'knowinglyViolated')).toBe('ex_officio');
      expect(leader!.find((f) => f.fact === 'knowinglyViolated')?.value).toBe(true);
      expect(sourceOf(other, 'cooperated')).toBe('ex_officio');
      expect(sourceOf(direct, 'cooperated')).toBeUndefined();
      const [opened0] = await events(rows[0]!.id);
      expect(opened0).toMatchObject({ type: 'case.opened_ex_officio' });
      expect(opened0!.payload).toMatchObject({
        jointMatterId,
        facts: { responsibility: 'direct' },
      });
    });

    it('records a common fact in every case but where the case has its own value', async () => {
      for (const [i, r] of rows.entries()) rows[i] = await advance(w, r, 'verification');
      const stale = await codeOf(
        recordJointFact(w.ctx, w.actors.investigator!, {
          jointMatterId,
          expectedVersion: 0,
          fact: 'cooperated',
          value: true,
        }),
      );
      expect(stale).toBe('JOINT_MATTER_VERSION_CONFLICT');
      // Only the investigator records facts: the intake officer is refused for all the cases.
      expect(
        await codeOf(
          recordJointFact(w.ctx, w.actors.intake!, {
            jointMatterId,
            expectedVersion: 1,
            fact: 'cooperated',
            value: true,
          }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
      const r = await recordJointFact(w.ctx, w.actors.investigator!, {
        jointMatterId,
        expectedVersion: 1,
        fact: 'cooperated',
        value: true,
        note: '三人均如实说明情况，主动配合调查。',
      });
      expect(r.version).toBe(2);
      expect(new Set(r.applied)).toEqual(new Set([rows[0]!.id, rows[1]!.id]));
      expect(r.kept).toEqual([rows[2]!.id]);
      for (const row of rows) {
        const last = (await events(row.id)).at(-1)!;
        expect(last.type).toBe('case.joint_fact_recorded');
        expect(last.payload).toMatchObject({
          jointMatterId,
          fact: 'cooperated',
          applied: row.id !== rows[2]!.id,
        });
      }
      expect(await currentFacts(w.ctx.store.db, rows[0]!.id)).toMatchObject({ cooperated: true });
      expect(await currentFacts(w.ctx.store.db, rows[2]!.id)).toMatchObject({ cooperated: false });
      // A later common value supersedes the common one, not the case's own.
      await recordJointFact(w.ctx, w.actors.investigator!, {
        jointMatterId,
        expectedVersion: 2,
        fact: 'remediation',
        value: 'effective',
      });
      expect(
        (await facts(rows[0]!.id)).filter((f) => f.fact === 'remediation').map((f) => f.source),
      ).toEqual(['joint']);
    });

    it('seats one panel on every case; each official gets their own recommendation and decision', async () => {
      for (const [i, r] of rows.entries()) rows[i] = await caseRow(w, r.id);
      for (const [i, r] of rows.entries()) {
        rows[i] = await advance(w, r, 'deliberation');
      }
      // The panel formed on the first case is carried to all: member1 sits there already.
      await addMembers(w.ctx, w.actors.chair!, {
        caseId: rows[0]!.id,
        expectedVersion: rows[0]!.version,
        userIds: [w.actors.member1!.userId],
      });
      const view0 = await getJointMatter(w.ctx, w.actors.chair!, rows[0]!.id);
      await addJointMembers(w.ctx, w.actors.chair!, {
        jointMatterId,
        expectedVersion: view0!.version,
        userIds: [w.actors.member1!.userId, w.actors.member2!.userId],
      });
      for (const r of rows) {
        const seated = await w.ctx.store.db
          .select()
          .from(deliberationMembers)
          .where(eq(deliberationMembers.caseId, r.id));
        expect(seated.map((m) => m.userId).sort()).toEqual(
          [w.actors.chair!.userId, w.actors.member1!.userId, w.actors.member2!.userId].sort(),
        );
      }

      const view = (await getJointMatter(w.ctx, w.actors.chair!, rows[1]!.id))!;
      expect(view.title).toBe(input.title);
      expect(view.officials.map((o) => o.responsibility)).toEqual([
        'direct',
        'principal_leadership',
        'important_leadership',
      ]);
      expect(view.officials.map((o) => o.current)).toEqual([false, true, false]);
      // Each recommendation is the one the decision will compute on that case's facts.
      const recommended: string[] = [];
      for (const [i, r] of rows.entries()) {
        const expected = recommendationOn(
          w.ctx,
          r,
          await currentFacts(w.ctx.store.db, r.id),
          '2025-03-03',
        ).outcome;
        expect(view.officials[i]!.deliberation!.recommendation.id).toBe(expected);
        recommended.push(expected);
      }
      // The leader's knowing violation sets their recommendation apart from the direct one's.
      expect(recommended[0]).toBe('exempted');
      expect(recommended[1]).not.toBe('exempted');

      // Votes and decisions per official: the direct one exempted, the leader not.
      const outcomes = ['exempted', recommended[1]!, recommended[2]!];
      for (const [i, r] of rows.entries()) {
        let row = await caseRow(w, r.id);
        for (const m of [w.actors.chair!, w.actors.member1!, w.actors.member2!]) {
          row = (
            await castVote(w.ctx, m, {
              caseId: row.id,
              expectedVersion: row.version,
              outcome: outcomes[i]!,
              reason: '同意。',
            })
          ).case;
        }
        rows[i] = (
          await decideCase(w.ctx, w.actors.chair!, {
            caseId: row.id,
            expectedVersion: row.version,
            outcome: outcomes[i]!,
            minutes: MINUTES,
          })
        ).case;
      }
      const decided = (await getJointMatter(w.ctx, w.actors.member1!, rows[0]!.id))!;
      expect(decided.officials.map((o) => o.deliberation?.determination?.outcome.id)).toEqual(
        outcomes,
      );
      expect(decided.officials.map((o) => o.deliberation?.votes)).toEqual(
        outcomes.map((o) => ({ [o]: 3 })),
      );
      expect(
        new Set(decided.officials.map((o) => o.deliberation?.determination?.documentNumber)).size,
      ).toBe(3);
    });

    it("names the joint matter and the official's role in each decision document", async () => {
      const zh = await loadDecisionDocument(w.ctx, w.actors.chair!, rows[1]!.id, 'zh');
      const en = await loadDecisionDocument(w.ctx, w.actors.chair!, rows[1]!.id, 'en');
      const text = (d: typeof zh) => d.sections.flatMap((x) => x.paragraphs).join('\n');
      expect(text(zh)).toContain(
        `“${input.title}”涉及多名干部，李四同志在该事项中负有主要领导责任；对涉及的干部分别认定，本认定书仅对李四同志作出。`,
      );
      expect(text(en)).toContain(
        `The matter is part of the joint matter '${input.title}', which concerns several officials; 李四 bears principal leadership responsibility in it.`,
      );
      const direct = await loadDecisionDocument(w.ctx, w.actors.chair!, rows[0]!.id, 'zh');
      expect(text(direct)).toContain('张三同志在该事项中负有直接责任');
    });

    it('shows a reader only the cases they may read, and an official no deliberation', async () => {
      const own = (await getJointMatter(w.ctx, w.actors.official!, rows[0]!.id))!;
      expect(own.officials.map((o) => o.caseId)).toEqual([rows[0]!.id]);
      expect(own.officials[0]!.deliberation).toBeNull();
      expect(await codeOf(getJointMatter(w.ctx, w.actors.official!, rows[1]!.id))).toBe(
        'CASE_NOT_FOUND',
      );
      expect(await codeOf(getJointMatter(w.ctx, w.actors.outsiderIntake!, rows[1]!.id))).toBe(
        'CASE_NOT_FOUND',
      );
    });
  },
  { open: { schema } },
);
