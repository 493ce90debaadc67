/**
 * Consulted departments sign their own opinions (issue 10): a department's officer (the
 * `consultee` role) answers only their department's requests on the cases of their jurisdiction,
 * reads those cases in a limited view (logged as every read), and finds them on their to-do list;
 * the investigator transcribes only the written reply of a department with no user, marked so.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { describeStores } from '../../store/testing/harness.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import { createUser, loadActor, type NewGrant } from '../org.js';
import { getCase } from '../queries/case-view.js';
import { getTodos } from '../queries/todos.js';
import { caseEvents, consultations, readLog, schema, type Schema } from '../tables.js';
import { PDF_FILE } from '../testing/files.js';
import { codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { addEvidence, readEvidence } from './add-evidence.js';
import { answerConsultation } from './answer-consultation.js';
import { completeConsultation } from './complete-consultation.js';
import { recordOpinion } from './record-opinion.js';
import type { CaseRow } from './record.js';

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
  'consulted departments answer for themselves',
  (getStore) => {
    let w: World;
    /** Officers of the organization, discipline and audit departments over the area. */
    let org: Actor;
    let discipline: Actor;
    let audit: Actor;
    /** An audit officer of the other district. */
    let auditElsewhere: Actor;

    async function consultee(name: string, department: string, scopeId: string): Promise<Actor> {
      const grant: NewGrant = { role: 'consultee', scopeKind: 'jurisdiction', scopeId, department };
      const id = await createUser(
        w.ctx,
        {
          username: `${name}-${w.ids.area}`,
          displayName: name,
          password: 'unused-password',
          grants: [grant],
        },
        'not-a-real-hash',
      );
      return loadActor(w.ctx, id);
    }

    const rowsOf = (c: CaseRow) =>
      w.ctx.store.db.select().from(consultations).where(eq(consultations.caseId, c.id));
    const requestOf = async (c: CaseRow, department: string) =>
      (await rowsOf(c)).find((r) => r.department === department)!;

    beforeAll(async () => {
      w = await buildWorld(getStore());
      org = await consultee('dept-org', 'organization', w.ids.area);
      discipline = await consultee('dept-discipline', 'discipline', w.ids.area);
      audit = await consultee('dept-audit', 'audit', w.ids.area);
      auditElsewhere = await consultee('dept-audit-other', 'audit', w.ids.otherArea);
    }, 60_000);

    it('a department answers its own request and signs it; not another department’s, not twice', async () => {
      let c = await driveTo(w, 'consultation');
      const orgRequest = await requestOf(c, 'organization');
      const auditRequest = await requestOf(c, 'audit');
      // The organization officer may not answer the audit office's request.
      const other = await errorOf(
        answerConsultation(w.ctx, org, {
          ...v(c),
          consultationId: auditRequest.id,
          opinion: '同意。',
        }),
      );
      expect(other.code).toBe('CASE_OUT_OF_SCOPE');
      c = (
        await answerConsultation(w.ctx, org, {
          ...v(c),
          consultationId: orgRequest.id,
          opinion: '组织部门意见：同意按容错情形研究认定。',
        })
      ).case;
      const signed = await requestOf(c, 'organization');
      expect(signed).toMatchObject({
        respondedBy: org.userId,
        replyReference: null,
        replyDate: null,
      });
      const [event] = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, 'case.opinion_signed')));
      expect(event?.actorId).toBe(org.userId);
      // Answered: the rule refuses a second answer and says why.
      const again = await errorOf(
        answerConsultation(w.ctx, org, { ...v(c), consultationId: orgRequest.id, opinion: '改。' }),
      );
      expect(again.code).toBe('CASE_PRECONDITION');
      const view = await getCase(w.ctx, org, c.id);
      expect(view.tasks.find((t) => t.action === 'answerConsultation')?.reason?.code).toBe(
        'CONSULTATION_ANSWERED',
      );
    });

    it('scope: another jurisdiction’s officer of the same department neither reads nor answers', async () => {
      const c = await driveTo(w, 'consultation');
      const auditRequest = await requestOf(c, 'audit');
      expect(await codeOf(getCase(w.ctx, auditElsewhere, c.id))).toBe('CASE_NOT_FOUND');
      expect(
        await codeOf(
          answerConsultation(w.ctx, auditElsewhere, {
            ...v(c),
            consultationId: auditRequest.id,
            opinion: '同意。',
          }),
        ),
      ).toBe('CASE_NOT_FOUND');
      // The refused read is on record.
      const refused = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.userId, auditElsewhere.userId), eq(readLog.caseId, c.id)));
      expect(refused.map((r) => r.what)).toContain('case.view.refused');
    });

    it('a case their department was not asked about does not exist for them', async () => {
      const c = await driveTo(w, 'verification');
      expect(await codeOf(getCase(w.ctx, discipline, c.id))).toBe('CASE_NOT_FOUND');
    });

    it('the limited view: facts, evidence, statements and their own department’s request, logged', async () => {
      let c = await driveTo(w, 'consultation');
      c = (
        await addEvidence(w.ctx, w.actors.investigator!, {
          ...v(c),
          filename: 'reply.pdf',
          mediaType: 'application/pdf',
          content: new Uint8Array(PDF_FILE),
          description: '调查笔录',
        })
      ).case;
      const view = await getCase(w.ctx, audit, c.id);
      expect(view.view).toBe('consultee');
      expect(view.consultations.map((x) => x.department)).toEqual(['audit']);
      expect(view.consultations[0]).toMatchObject({ canAnswer: true, canTranscribe: false });
      expect(view.facts.length).toBeGreaterThan(0);
      expect(view.assessments.length).toBe(6);
      expect(view.evidence.map((e) => e.filename)).toContain('reply.pdf');
      expect(view.events).toEqual([]);
      expect(view.members).toEqual([]);
      expect(view.abilities.answerConsultation).toBe(true);
      expect(view.abilities.completeConsultation).toBe(false);
      // The evidence opens for them too; both reads are logged.
      const evidenceId = view.evidence.find((e) => e.filename === 'reply.pdf')!.id;
      const content = await readEvidence(w.ctx, audit, c.id, evidenceId);
      expect(content.filename).toBe('reply.pdf');
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.userId, audit.userId), eq(readLog.caseId, c.id)));
      expect(logged.map((r) => r.what)).toEqual(expect.arrayContaining(['case.view']));
      expect(logged.length).toBeGreaterThanOrEqual(2);
    });

    it('the investigator transcribes only a department with no user, marked with the reply', async () => {
      let c = await driveTo(w, 'consultation');
      const today = todayOf(w.ctx);
      const paper = { replyReference: '党组复〔2026〕7号', replyDate: today };
      // The discipline office has its own officer: the investigator does not write for it.
      const staffed = await errorOf(
        recordOpinion(w.ctx, w.actors.investigator!, {
          ...v(c),
          consultationId: (await requestOf(c, 'discipline')).id,
          opinion: '同意。',
          ...paper,
        }),
      );
      expect(staffed.code).toBe('CASE_PRECONDITION');
      expect(staffed.text.zh).toContain('自行签署');
      // The unit's party organization has none: its written reply is transcribed, with its date.
      const partyRequest = await requestOf(c, 'party-organization');
      expect(
        await codeOf(
          recordOpinion(w.ctx, w.actors.investigator!, {
            ...v(c),
            consultationId: partyRequest.id,
            opinion: '同意。',
            replyReference: '党组复〔2026〕7号',
            replyDate: '2099-01-01',
          }),
        ),
      ).toBe('VALIDATION');
      c = (
        await recordOpinion(w.ctx, w.actors.investigator!, {
          ...v(c),
          consultationId: partyRequest.id,
          opinion: '所在单位党组织意见：同意。',
          ...paper,
        })
      ).case;
      expect(await requestOf(c, 'party-organization')).toMatchObject(paper);
      const view = await getCase(w.ctx, w.actors.investigator!, c.id);
      const row = view.consultations.find((x) => x.department === 'party-organization');
      expect(row).toMatchObject({ transcribed: paper, staffed: false });
      expect(view.consultations.find((x) => x.department === 'audit')).toMatchObject({
        staffed: true,
        canTranscribe: false,
        canAnswer: false,
      });
      const trail = view.events.map((e) => e.type);
      expect(trail).toContain('case.opinion_transcribed');
      // Nothing left to transcribe: the action box says the departments sign themselves.
      expect(view.tasks.find((t) => t.action === 'recordOpinion')?.reason?.code).toBe(
        'CONSULTATION_DEPARTMENT_SIGNS',
      );
      // The liaison no longer records opinions at all.
      expect(
        await codeOf(
          recordOpinion(w.ctx, w.actors.liaison!, {
            ...v(c),
            consultationId: randomUUID(),
            opinion: '同意。',
            ...paper,
          }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
    });

    it('to-dos: each officer their department’s pending requests; the consultation completes when all answered', async () => {
      let c = await driveTo(w, 'consultation');
      const todo = async (a: Actor) =>
        (await getTodos(w.ctx, a)).groups
          .filter((g) => g.action === 'answerConsultation')
          .flatMap((g) => g.items.map((i) => i.caseId));
      expect(await todo(discipline)).toContain(c.id);
      expect(await todo(auditElsewhere)).not.toContain(c.id);
      for (const [who, department] of [
        [org, 'organization'],
        [discipline, 'discipline'],
        [audit, 'audit'],
      ] as const) {
        c = (
          await answerConsultation(w.ctx, who, {
            ...v(c),
            consultationId: (await requestOf(c, department)).id,
            opinion: `${department}：同意。`,
          })
        ).case;
      }
      expect(await todo(discipline)).not.toContain(c.id);
      // The investigator's to-do: transcribe the party organization's reply.
      const inv = await getTodos(w.ctx, w.actors.investigator!);
      expect(
        inv.groups.find((g) => g.action === 'recordOpinion')?.items.map((i) => i.caseId),
      ).toContain(c.id);
      c = (
        await recordOpinion(w.ctx, w.actors.investigator!, {
          ...v(c),
          consultationId: (await requestOf(c, 'party-organization')).id,
          opinion: '同意。',
          replyReference: '党组复〔2026〕8号',
          replyDate: todayOf(w.ctx),
        })
      ).case;
      const done = await completeConsultation(w.ctx, w.actors.investigator!, v(c));
      expect(done.case.state).toBe('deliberation');
      // After the consultation the department still reads the case it answered.
      expect((await getCase(w.ctx, audit, c.id)).view).toBe('consultee');
    });
  },
  { open: { schema } },
);
