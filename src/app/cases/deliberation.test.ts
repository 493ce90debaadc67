import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { verifyChain, type StoredEvent } from '../../domain/audit-chain.js';
import { describeStores } from '../../store/testing/harness.js';
import { AppError } from '../errors.js';
import { createUser, loadActor } from '../org.js';
import {
  caseEvents,
  cases,
  deliberationMembers,
  determinations,
  schema,
  type Schema,
} from '../tables.js';
import { caseRow, codeOf, driveTo, MINUTES } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { addMember } from './add-member.js';
import { decideCase } from './decide.js';
import { declareConflict, recuseMember } from './declare-conflict.js';
import { notifyDecision } from './notify.js';
import type { CaseRow } from './record.js';
import { castVote } from './vote.js';

/** A determination's number in X新区's pattern (migration 0011): X新容认〔2025〕1号. */
const DETERMINATION_NUMBER = /^X新容认〔2025〕[1-9]\d*号$/;

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describeStores<Schema>(
  'deliberation, determination and notification',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      // A committee member of the other district: not on the committee of the new area.
      const id = await createUser(
        w.ctx,
        {
          username: `y-member-${w.ids.otherArea}`,
          displayName: 'Y member',
          password: 'unused-password',
          grants: [
            { role: 'committee_member', scopeKind: 'jurisdiction', scopeId: w.ids.otherArea },
          ],
        },
        'not-a-real-hash',
      );
      w.actors.otherMember = await loadActor(w.ctx, id);
      // A chair who is the official concerned.
      const partyChair = await createUser(
        w.ctx,
        {
          username: `party-chair-${w.ids.area}`,
          displayName: 'party chair',
          password: 'unused-password',
          officialId: w.ids.official,
          grants: [{ role: 'committee_chair', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
        },
        'not-a-real-hash',
      );
      w.actors.partyChair = await loadActor(w.ctx, partyChair);
    });

    const members = async (caseId: string) =>
      w.ctx.store.db
        .select()
        .from(deliberationMembers)
        .where(eq(deliberationMembers.caseId, caseId));
    const events = async (caseId: string) =>
      w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, caseId))
        .orderBy(caseEvents.seq);

    /** A case in deliberation with the chair, member1 and member2 on the panel. */
    async function panel(): Promise<CaseRow> {
      let c = await driveTo(w, 'deliberation');
      c = (await addMember(w.ctx, w.actors.chair!, { ...v(c), userId: w.actors.member1!.userId }))
        .case;
      c = (await addMember(w.ctx, w.actors.chair!, { ...v(c), userId: w.actors.member2!.userId }))
        .case;
      return c;
    }

    async function voteAll(c: CaseRow, outcome: string, who = ['chair', 'member1', 'member2']) {
      let row = c;
      for (const name of who) {
        row = (await castVote(w.ctx, w.actors[name]!, { ...v(row), outcome, reason: '同意。' }))
          .case;
      }
      return row;
    }

    it('the chair constitutes the panel and joins it as chair', async () => {
      const c = await driveTo(w, 'deliberation');
      const r = await addMember(w.ctx, w.actors.chair!, {
        ...v(c),
        userId: w.actors.member1!.userId,
      });
      expect(r.result.added).toEqual([
        { userId: w.actors.chair!.userId, isChair: true },
        { userId: w.actors.member1!.userId, isChair: false },
      ]);
      const rows = await members(c.id);
      expect(rows.map((m) => [m.userId, m.isChair]).sort()).toEqual(
        [
          [w.actors.chair!.userId, true],
          [w.actors.member1!.userId, false],
        ].sort(),
      );
      expect((await events(c.id)).at(-1)).toMatchObject({
        type: 'case.member_added',
        payload: { userId: w.actors.member1!.userId, isChair: false },
      });
      // A chair of the level above would decide an appeal of the case: not on its panel.
      const r2 = await errorOf(
        addMember(w.ctx, w.actors.chair!, { ...v(r.case), userId: w.actors.cityChair!.userId }),
      );
      expect(r2.code).toBe('VALIDATION');
      expect(r2.text.zh).toContain('申诉');
    });

    it('refuses panel members who are not on the committee, are parties, or are there already', async () => {
      const c = await driveTo(w, 'deliberation');
      const notCommittee = await errorOf(
        addMember(w.ctx, w.actors.chair!, { ...v(c), userId: w.actors.intake!.userId }),
      );
      expect(notCommittee.code).toBe('VALIDATION');
      // Named by name, not by id (no ids on the screens).
      expect(notCommittee.text.en).toContain(w.actors.intake!.displayName);
      expect(notCommittee.text.en).not.toContain(w.actors.intake!.userId);
      expect(
        (
          await errorOf(
            addMember(w.ctx, w.actors.chair!, { ...v(c), userId: w.actors.otherMember!.userId }),
          )
        ).code,
      ).toBe('VALIDATION');
      // The official sits on the committee, but never on their own case.
      const party = await errorOf(
        addMember(w.ctx, w.actors.chair!, {
          ...v(c),
          userId: w.actors.officialOnCommittee!.userId,
        }),
      );
      expect(party.code).toBe('CASE_PARTY');
      expect(await codeOf(addMember(w.ctx, w.actors.chair!, { ...v(c), userId: 'nobody' }))).toBe(
        'VALIDATION',
      );
      expect(
        await codeOf(
          addMember(w.ctx, w.actors.chair!, {
            ...v(c),
            userId: w.actors.member1!.userId,
            isChair: true,
          }),
        ),
      ).toBe('VALIDATION');
      const r = await addMember(w.ctx, w.actors.chair!, {
        ...v(c),
        userId: w.actors.member1!.userId,
      });
      expect(
        await codeOf(
          addMember(w.ctx, w.actors.chair!, { ...v(r.case), userId: w.actors.member1!.userId }),
        ),
      ).toBe('VALIDATION');
      // Only a chair in scope, not a party, during deliberation.
      const req = { ...v(r.case), userId: w.actors.member2!.userId };
      expect(await codeOf(addMember(w.ctx, w.actors.member1!, req))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(addMember(w.ctx, w.actors.outsiderIntake!, req))).toBe('CASE_NOT_FOUND');
      expect(await codeOf(addMember(w.ctx, w.actors.partyChair!, req))).toBe('CASE_PARTY');
      const early = await driveTo(w, 'consultation');
      expect(
        await codeOf(
          addMember(w.ctx, w.actors.chair!, { ...v(early), userId: w.actors.member2!.userId }),
        ),
      ).toBe('CASE_WRONG_STATE');
      expect((await members(c.id)).length).toBe(2);
    });

    it('members vote once for an outcome on the ladder; non-members and parties never vote', async () => {
      const c = await panel();
      const bad = await errorOf(
        castVote(w.ctx, w.actors.member1!, { ...v(c), outcome: 'pardoned', reason: '同意。' }),
      );
      expect(bad.code).toBe('VALIDATION');
      expect(bad.text.en).toContain('no_accountability, exempted, reduced, lighter, not_tolerated');
      expect(
        await codeOf(
          castVote(w.ctx, w.actors.member1!, {
            ...v(c),
            outcome: 'undetermined',
            reason: '同意。',
          }),
        ),
      ).toBe('VALIDATION');
      expect(
        await codeOf(
          castVote(w.ctx, w.actors.member1!, { ...v(c), outcome: 'exempted', reason: '' }),
        ),
      ).toBe('VALIDATION');
      const r = await castVote(w.ctx, w.actors.member1!, {
        ...v(c),
        outcome: 'exempted',
        reason: '符合容错条件。',
      });
      expect((await events(c.id)).at(-1)).toMatchObject({
        type: 'case.vote_cast',
        reason: '符合容错条件。',
        payload: { userId: w.actors.member1!.userId, outcome: 'exempted' },
      });
      const [m1] = (await members(c.id)).filter((m) => m.userId === w.actors.member1!.userId);
      expect(m1).toMatchObject({ vote: 'exempted', voteReason: '符合容错条件。' });
      expect(
        await codeOf(
          castVote(w.ctx, w.actors.member1!, {
            ...v(r.case),
            outcome: 'reduced',
            reason: '改投。',
          }),
        ),
      ).toBe('CASE_PRECONDITION');
      for (const name of ['liaison', 'officialOnCommittee']) {
        const actor = w.actors[name]!;
        expect(
          await codeOf(
            castVote(w.ctx, actor, { ...v(r.case), outcome: 'exempted', reason: '同意。' }),
          ),
        ).toBe('CASE_ROLE_REQUIRED');
      }
      // Even if the official were put on the panel behind the system's back, they could not vote.
      await w.ctx.store.db.insert(deliberationMembers).values({
        caseId: c.id,
        jurisdictionId: c.jurisdictionId,
        userId: w.actors.officialOnCommittee!.userId,
        isChair: false,
        conflict: null,
        recused: false,
        vote: null,
        voteReason: '',
        votedAt: null,
      });
      expect(
        await codeOf(
          castVote(w.ctx, w.actors.officialOnCommittee!, {
            ...v(r.case),
            outcome: 'exempted',
            reason: '同意。',
          }),
        ),
      ).toBe('CASE_CONFLICTED');
      await w.ctx.store.db
        .delete(deliberationMembers)
        .where(
          and(
            eq(deliberationMembers.caseId, c.id),
            eq(deliberationMembers.userId, w.actors.officialOnCommittee!.userId),
          ),
        );
      const outsider = await errorOf(
        castVote(w.ctx, w.actors.outsiderIntake!, {
          ...v(r.case),
          outcome: 'exempted',
          reason: '同意。',
        }),
      );
      expect(outsider.code).toBe('CASE_NOT_FOUND');
    });

    it('a member who declares a conflict is recused and their vote withdrawn, on the record', async () => {
      let c = await panel();
      c = await voteAll(c, 'exempted', ['member1']);
      const r = await declareConflict(w.ctx, w.actors.member1!, {
        ...v(c),
        conflict: '与当事人系同学关系。',
        recuse: false,
      });
      expect(r.result.withdrawnVote).toBe('exempted');
      const [m1] = (await members(c.id)).filter((m) => m.userId === w.actors.member1!.userId);
      expect(m1).toMatchObject({ conflict: '与当事人系同学关系。', recused: true, vote: null });
      expect((await events(c.id)).at(-1)).toMatchObject({
        type: 'case.conflict_declared',
        payload: {
          conflict: '与当事人系同学关系。',
          recused: true,
          withdrawnVote: 'exempted',
          voteWithdrawn: true,
        },
      });
      const again = await errorOf(
        castVote(w.ctx, w.actors.member1!, { ...v(r.case), outcome: 'exempted', reason: '同意。' }),
      );
      expect(again.code).toBe('CASE_CONFLICTED');
      // Recusing without a conflict; an empty declaration is refused.
      expect(
        await codeOf(
          declareConflict(w.ctx, w.actors.member2!, {
            ...v(r.case),
            conflict: null,
            recuse: false,
          }),
        ),
      ).toBe('VALIDATION');
      const r2 = await declareConflict(w.ctx, w.actors.member2!, {
        ...v(r.case),
        conflict: null,
        recuse: true,
      });
      expect((await events(c.id)).at(-1)).toMatchObject({
        payload: { conflict: null, recused: true, withdrawnVote: null, voteWithdrawn: false },
      });
      expect(
        await codeOf(
          declareConflict(w.ctx, w.actors.liaison!, {
            ...v(r2.case),
            conflict: '亲属关系',
            recuse: true,
          }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
    });

    it('the chair recuses a member; a conflicted chair cannot decide', async () => {
      let c = await panel();
      c = await voteAll(c, 'exempted');
      const r = await recuseMember(w.ctx, w.actors.chair!, {
        ...v(c),
        userId: w.actors.member2!.userId,
        reason: '曾参与该项目审批。',
      });
      expect(r.result.withdrawnVote).toBe('exempted');
      expect((await events(c.id)).at(-1)).toMatchObject({
        type: 'case.member_recused',
        reason: '曾参与该项目审批。',
        payload: {
          userId: w.actors.member2!.userId,
          withdrawnVote: 'exempted',
          voteWithdrawn: true,
        },
      });
      expect(
        await codeOf(
          recuseMember(w.ctx, w.actors.member1!, {
            ...v(r.case),
            userId: w.actors.chair!.userId,
            reason: '理由。',
          }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
      expect(
        await codeOf(
          recuseMember(w.ctx, w.actors.chair!, {
            ...v(r.case),
            userId: w.actors.liaison!.userId,
            reason: '理由。',
          }),
        ),
      ).toBe('VALIDATION');
      expect(
        await codeOf(
          castVote(w.ctx, w.actors.member2!, {
            ...v(r.case),
            outcome: 'exempted',
            reason: '同意。',
          }),
        ),
      ).toBe('CASE_CONFLICTED');
      const chairConflict = await declareConflict(w.ctx, w.actors.chair!, {
        ...v(r.case),
        conflict: '与当事人同一单位任职。',
        recuse: true,
      });
      const refused = await errorOf(
        decideCase(w.ctx, w.actors.chair!, {
          ...v(chairConflict.case),
          outcome: 'exempted',
          minutes: MINUTES,
        }),
      );
      expect(refused.code).toBe('CASE_CONFLICTED');
      // The chair of the level above may not step in: they would decide an appeal of the case.
      const cityChair = await errorOf(
        addMember(w.ctx, w.actors.cityChair!, {
          ...v(chairConflict.case),
          userId: w.actors.cityChair!.userId,
        }),
      );
      expect(cityChair.code).toBe('VALIDATION');
    });

    it('deciding: the recommendation and its reasons are stored; document number from the case number', async () => {
      let c = await panel();
      c = await voteAll(c, 'exempted');
      expect(
        await codeOf(
          decideCase(w.ctx, w.actors.member1!, { ...v(c), outcome: 'exempted', minutes: MINUTES }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
      expect(
        await codeOf(
          decideCase(w.ctx, w.actors.outsiderIntake!, {
            ...v(c),
            outcome: 'exempted',
            minutes: MINUTES,
          }),
        ),
      ).toBe('CASE_NOT_FOUND');
      expect(
        await codeOf(
          decideCase(w.ctx, w.actors.partyChair!, {
            ...v(c),
            outcome: 'exempted',
            minutes: MINUTES,
          }),
        ),
      ).toBe('CASE_PARTY');
      expect(
        await codeOf(
          decideCase(w.ctx, w.actors.chair!, { ...v(c), outcome: 'exempted', minutes: '同意' }),
        ),
      ).toBe('VALIDATION');
      const r = await decideCase(w.ctx, w.actors.chair!, {
        ...v(c),
        outcome: 'exempted',
        minutes: MINUTES,
      });
      expect(r.case).toMatchObject({ state: 'determined', step: 'notification' });
      expect(r.result).toMatchObject({
        outcome: 'exempted',
        recommendedOutcome: 'exempted',
        departs: false,
        documentNumber: expect.stringMatching(DETERMINATION_NUMBER),
      });
      const [d] = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id));
      expect(d).toMatchObject({
        outcome: 'exempted',
        recommendedOutcome: 'exempted',
        departureReasons: '',
        minutes: MINUTES,
        documentNumber: expect.stringMatching(DETERMINATION_NUMBER),
        decidedOn: '2025-03-03',
        decidedBy: w.actors.chair!.userId,
        basis: 'first',
      });
      // The case's day of acceptance travels with the determination (the indicators read it).
      expect(c.acceptedOn).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(d!.acceptedOn).toBe(c.acceptedOn);
      expect(d!.publicizedOn).toBeNull();
      const rec = d!.recommendation as {
        outcome: string;
        pack: string;
        version: string;
        reasons: { rule: string; clauses: { citation: { zh: string } }[] }[];
        time: { conductDate: string; decisionDate: string };
      };
      expect(rec).toMatchObject({
        outcome: 'exempted',
        pack: 'x-new-area',
        version: '2023-01',
        time: { conductDate: '2024-11-05', decisionDate: '2025-03-03' },
      });
      expect(rec.reasons.map((x) => x.rule)).toEqual(
        expect.arrayContaining(['g-no-gain', 'g-remediation', 's-task-list']),
      );
      expect(rec.reasons[0]!.clauses[0]!.citation.zh).toContain('第五条');
      const e = (await events(c.id)).at(-1)!;
      expect(e).toMatchObject({
        type: 'case.decided',
        payload: {
          determinationId: d!.id,
          documentNumber: expect.stringMatching(DETERMINATION_NUMBER),
          outcome: 'exempted',
          recommendedOutcome: 'exempted',
          departs: false,
          from: 'deliberation',
          to: 'determined',
          votes: { tally: { exempted: 3 }, sitting: 3, needed: 2 },
        },
      });
      expect((e.payload as { facts: Record<string, unknown> }).facts).toMatchObject({
        onReformTaskList: true,
        remediation: 'effective',
      });
      expect(
        await codeOf(
          decideCase(w.ctx, w.actors.chair!, {
            ...v(r.case),
            outcome: 'exempted',
            minutes: MINUTES,
          }),
        ),
      ).toBe('CASE_WRONG_STATE');
    });

    it('deciding needs votes, and a majority of the sitting members for the outcome', async () => {
      let c = await panel();
      expect(
        await codeOf(
          decideCase(w.ctx, w.actors.chair!, { ...v(c), outcome: 'exempted', minutes: MINUTES }),
        ),
      ).toBe('CASE_PRECONDITION');
      c = await voteAll(c, 'exempted', ['chair']);
      const short = await errorOf(
        decideCase(w.ctx, w.actors.chair!, { ...v(c), outcome: 'exempted', minutes: MINUTES }),
      );
      expect(short.code).toBe('CASE_PRECONDITION');
      expect(short.text.zh).toContain('至少需要 2 票');
      c = await voteAll(c, 'reduced', ['member1']);
      c = await voteAll(c, 'exempted', ['member2']);
      const minority = await errorOf(
        decideCase(w.ctx, w.actors.chair!, {
          ...v(c),
          outcome: 'reduced',
          minutes: MINUTES,
          departureReasons: '损失较大，应当减轻问责。',
        }),
      );
      expect(minority.code).toBe('CASE_PRECONDITION');
      const ok = await decideCase(w.ctx, w.actors.chair!, {
        ...v(c),
        outcome: 'exempted',
        minutes: MINUTES,
      });
      expect(ok.result.outcome).toBe('exempted');
    });

    it('departing from the recommendation needs written reasons; with them it is accepted and kept', async () => {
      let c = await panel();
      c = await voteAll(c, 'reduced');
      const none = await errorOf(
        decideCase(w.ctx, w.actors.chair!, { ...v(c), outcome: 'reduced', minutes: MINUTES }),
      );
      expect(none.code).toBe('DEPARTURE_REASONS_REQUIRED');
      expect(none.text.zh).toContain('免予问责');
      expect(none.details).toMatchObject({ outcome: 'reduced', recommendedOutcome: 'exempted' });
      expect(
        await codeOf(
          decideCase(w.ctx, w.actors.chair!, {
            ...v(c),
            outcome: 'reduced',
            minutes: MINUTES,
            departureReasons: '损失大。',
          }),
        ),
      ).toBe('DEPARTURE_REASONS_REQUIRED');
      expect((await caseRow(w, c.id)).state).toBe('deliberation');
      const reasons = '损失金额较大且社会关注度高，集体研究认为应当减轻问责而非免责。';
      const r = await decideCase(w.ctx, w.actors.chair!, {
        ...v(c),
        outcome: 'reduced',
        minutes: MINUTES,
        departureReasons: reasons,
      });
      expect(r.result).toMatchObject({
        outcome: 'reduced',
        recommendedOutcome: 'exempted',
        departs: true,
      });
      const [d] = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id));
      expect(d).toMatchObject({
        outcome: 'reduced',
        recommendedOutcome: 'exempted',
        departureReasons: reasons,
      });
      expect((await events(c.id)).at(-1)).toMatchObject({
        type: 'case.decided',
        reason: reasons,
        payload: { departs: true },
      });
    });

    it('when the rules cannot decide, any decision needs written reasons', async () => {
      let c = await driveTo(w, 'deliberation', { facts: { purpose: 'development_task' } });
      c = (await addMember(w.ctx, w.actors.chair!, { ...v(c), userId: w.actors.member1!.userId }))
        .case;
      c = await voteAll(c, 'lighter', ['chair', 'member1']);
      const e = await errorOf(
        decideCase(w.ctx, w.actors.chair!, { ...v(c), outcome: 'lighter', minutes: MINUTES }),
      );
      expect(e.code).toBe('DEPARTURE_REASONS_REQUIRED');
      expect(e.text.en).toContain('definite recommendation');
      expect((e.details as { missingFacts: string[] }).missingFacts.length).toBeGreaterThan(0);
      const r = await decideCase(w.ctx, w.actors.chair!, {
        ...v(c),
        outcome: 'lighter',
        minutes: MINUTES,
        departureReasons: '当事人积极配合调查，具备从轻情节。',
      });
      expect(r.result).toMatchObject({ recommendedOutcome: 'undetermined', departs: true });
    });

    it('notifying: intake or the chair, once determined; the event carries the document number', async () => {
      const c = await driveTo(w, 'determined');
      expect(await codeOf(notifyDecision(w.ctx, w.actors.member1!, v(c)))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(await codeOf(notifyDecision(w.ctx, w.actors.official!, v(c)))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(await codeOf(notifyDecision(w.ctx, w.actors.outsiderIntake!, v(c)))).toBe(
        'CASE_NOT_FOUND',
      );
      const r = await notifyDecision(w.ctx, w.actors.chair!, v(c));
      expect(r.case).toMatchObject({ state: 'notified', step: 'challengeWindow' });
      // 30 calendar days of the review / appeal window from 2025-03-03.
      expect(r.case.stepDueOn).toBe('2025-04-02');
      expect((await events(c.id)).at(-1)).toMatchObject({
        type: 'case.notified',
        payload: {
          documentNumber: expect.stringMatching(DETERMINATION_NUMBER),
          outcome: 'exempted',
          from: 'determined',
          to: 'notified',
        },
      });
      expect(await codeOf(notifyDecision(w.ctx, w.actors.intake!, v(r.case)))).toBe(
        'CASE_WRONG_STATE',
      );
      const early = await driveTo(w, 'deliberation');
      expect(await codeOf(notifyDecision(w.ctx, w.actors.intake!, v(early)))).toBe(
        'CASE_WRONG_STATE',
      );
    });

    it('the whole path: submitted → verification → consultation → deliberation → determined → notified', async () => {
      const c = await driveTo(w, 'notified');
      const types = (await events(c.id)).map((e) => e.type);
      expect(types).toEqual([
        'case.applied',
        'case.accepted',
        ...Array(6).fill('case.element_assessed'),
        'case.verification_completed',
        ...Array(4).fill('case.opinion_transcribed'),
        'case.consultation_completed',
        'case.member_added',
        'case.member_added',
        ...Array(3).fill('case.vote_cast'),
        'case.decided',
        'case.notified',
      ]);
      const moves = (await events(c.id))
        .filter((e) => (e.payload as { to?: string }).to)
        .map((e) => (e.payload as { to: string }).to);
      expect(moves).toEqual([
        'verification',
        'consultation',
        'deliberation',
        'determined',
        'notified',
      ]);
      expect(c.version).toBe(types.length);
    });

    it('two concurrent decisions on the same version: exactly one determination is made', async () => {
      const c = await voteAll(await panel(), 'exempted');
      const decision = { ...v(c), outcome: 'exempted', minutes: MINUTES };
      const results = await Promise.allSettled([
        decideCase(w.ctx, w.actors.chair!, decision),
        decideCase(w.ctx, w.actors.chair!, decision),
      ]);
      const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(rejected.map((r) => (r.reason as AppError).code)).toEqual(['CASE_VERSION_CONFLICT']);
      const made = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id));
      expect(made).toHaveLength(1);
      expect((await caseRow(w, c.id)).state).toBe('determined');
    });

    it('keeps every case chain intact', async () => {
      const rows = await w.ctx.store.db.select().from(cases);
      expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) {
        const stored: StoredEvent[] = (await events(row.id)).map((e) => ({
          ...e,
          at: e.at.toISOString(),
        }));
        expect(verifyChain(stored, { count: row.eventCount, hash: row.headHash })).toBeNull();
      }
    });
  },
  { open: { schema } },
);
