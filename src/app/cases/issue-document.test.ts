import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import type { AppError } from '../errors.js';
import { listCaseDocuments, loadCaseDocument } from '../documents/case-documents.js';
import {
  caseDocuments,
  caseEvents,
  determinations,
  documentCounters,
  readLog,
  schema,
  type Schema,
} from '../tables.js';
import { caseRow, codeOf, driveTo, voteToUphold } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { decideChallenge } from './decide-challenge.js';
import { issueDocument } from './issue-document.js';
import type { CaseRow } from './record.js';
import { refuseCase } from './refuse.js';
import { requestChallenge } from './request-challenge.js';
import { startPublicity } from './start-publicity.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });

describeStores<Schema>(
  'official documents: listing, issuing, reading',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });
    beforeEach(() => {
      w.clock.setDay('2025-03-03');
    });

    it('lists what a notified case calls for; intake issues the acceptance notice once, numbered, stored and logged', async () => {
      const c = await driveTo(w, 'notified');
      const a = w.actors;
      const staff = await listCaseDocuments(w.ctx, a.intake!, c.id);
      expect(staff.map((d) => [d.type, d.status, d.canIssue])).toEqual([
        ['acceptance', 'due', true],
        ['determination', 'issued', false],
        ['delivery_receipt', 'due', true],
      ]);
      const determination = staff.find((d) => d.type === 'determination')!;
      expect(determination.number).toMatch(/^X新容认〔2025〕[1-9]\d*号$/);
      expect(determination.issuedOn).toBe('2025-03-03');
      // The investigator sees them but issues none; the official sees only what was issued.
      const seen = await listCaseDocuments(w.ctx, a.investigator!, c.id);
      expect(seen.every((d) => !d.canIssue)).toBe(true);
      const party = await listCaseDocuments(w.ctx, a.official!, c.id);
      expect(party.map((d) => d.type)).toEqual(['determination']);
      expect(await codeOf(listCaseDocuments(w.ctx, a.outsiderIntake!, c.id))).toBe(
        'CASE_NOT_FOUND',
      );

      // A preview has no number; staff only.
      const preview = await loadCaseDocument(w.ctx, a.intake!, c.id, 'acceptance', undefined, 'zh');
      expect(preview).toMatchObject({
        issued: false,
        documentNumber: '',
        title: '容错申请受理通知书',
      });
      expect(
        await codeOf(loadCaseDocument(w.ctx, a.official!, c.id, 'acceptance', undefined, 'zh')),
      ).toBe('CASE_PRECONDITION');

      expect(
        await codeOf(issueDocument(w.ctx, a.investigator!, { ...v(c), type: 'acceptance' })),
      ).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(issueDocument(w.ctx, a.liaison!, { ...v(c), type: 'acceptance' }))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(
        await codeOf(issueDocument(w.ctx, a.intake!, { ...v(c), type: 'determination' })),
      ).toBe('CASE_PRECONDITION');
      expect(await codeOf(issueDocument(w.ctx, a.intake!, { ...v(c), type: 'refusal' }))).toBe(
        'CASE_PRECONDITION',
      );
      const before = await counter(w, 'acceptance');
      const r = await issueDocument(w.ctx, a.intake!, { ...v(c), type: 'acceptance' });
      // Refused attempts took no serial: the first issued gets the next one, without a gap.
      expect(r.result.number).toBe(`X新容受〔2025〕${before + 1}号`);
      expect(r.case.version).toBe(c.version + 1);
      const [e] = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, 'case.document_issued')));
      expect(e).toMatchObject({
        actorId: a.intake!.userId,
        payload: { type: 'acceptance', number: r.result.number, issuedOn: '2025-03-03' },
      });
      expect(
        await codeOf(issueDocument(w.ctx, a.intake!, { ...v(r.case), type: 'acceptance' })),
      ).toBe('CASE_PRECONDITION');

      // Issued: the party reads it; every reading is the same document, even after the case moves on.
      const issued = await loadCaseDocument(
        w.ctx,
        a.official!,
        c.id,
        'acceptance',
        undefined,
        'zh',
      );
      expect(issued).toMatchObject({ issued: true, documentNumber: r.result.number });
      expect(issued.text).toContain(`受理编号为${c.number}`);
      expect(issued.text).toContain('张三同志：');
      w.clock.setDay('2025-03-20');
      const again = await loadCaseDocument(w.ctx, a.official!, c.id, 'acceptance', undefined, 'zh');
      expect(again.text).toBe(issued.text);
      const en = await loadCaseDocument(w.ctx, a.official!, c.id, 'acceptance', undefined, 'en');
      expect(en.title).toBe('Notice of acceptance of a tolerance application');
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.caseId, c.id), eq(readLog.what, 'document.acceptance')));
      expect(logged.filter((l) => l.userId === a.official!.userId)).toHaveLength(3);
      const rows = await w.ctx.store.db
        .select()
        .from(caseDocuments)
        .where(eq(caseDocuments.caseId, c.id));
      expect(rows.map((x) => [x.docType, x.number, x.issuedBy])).toEqual([
        ['acceptance', r.result.number, a.intake!.userId],
      ]);
    });

    it('the refusal notice states the reasons; review decisions follow a decided review', async () => {
      const a = w.actors;
      const s = await driveTo(w, 'submitted');
      const refused = (
        await refuseCase(w.ctx, a.intake!, { ...v(s), reasons: '申请事项不属于本机构管辖范围' })
      ).case;
      const listed = await listCaseDocuments(w.ctx, a.intake!, s.id);
      expect(listed.map((d) => d.type)).toEqual(['refusal']);
      const r = await issueDocument(w.ctx, a.intake!, { ...v(refused), type: 'refusal' });
      expect(r.result.number).toMatch(/^X新容不受〔2025〕[1-9]\d*号$/);
      const doc = await loadCaseDocument(w.ctx, a.official!, s.id, 'refusal', undefined, 'zh');
      expect(doc.text).toContain('理由如下：申请事项不属于本机构管辖范围。');

      let c = await driveTo(w, 'notified');
      c = (
        await requestChallenge(w.ctx, a.official!, {
          ...v(c),
          kind: 'review',
          grounds: '认定所依据的事实有误，请求复核。',
        })
      ).case;
      c = await voteToUphold(w, c);
      c = (
        await decideChallenge(w.ctx, a.chair!, {
          ...v(c),
          result: 'upheld',
          reasons: '经复核，原认定事实清楚，依据充分。',
        })
      ).case;
      const items = await listCaseDocuments(w.ctx, a.chair!, c.id);
      const review = items.find((d) => d.type === 'review_decision')!;
      expect(review).toMatchObject({ status: 'due', canIssue: true });
      expect(
        await codeOf(issueDocument(w.ctx, a.intake!, { ...v(c), type: 'review_decision' })),
      ).toBe('CASE_ROLE_REQUIRED');
      const issued = await issueDocument(w.ctx, a.chair!, {
        ...v(c),
        type: 'review_decision',
        subjectId: review.subjectId,
      });
      expect(issued.result.number).toMatch(/^X新容复〔2025〕[1-9]\d*号$/);
      const text = (
        await loadCaseDocument(w.ctx, a.official!, c.id, 'review_decision', undefined, 'zh')
      ).text;
      expect(text).toContain('维持原认定');
      expect(text).toContain('理由：经复核，原认定事实清楚，依据充分。');
      expect(text).toContain('某市容错纠错认定机构提出申诉');
      expect(text).not.toMatch(/[A-Za-z]{2,}/);
      expect((await caseRow(w, c.id)).version).toBe(issued.case.version);
    });

    it('the publicity notice writes its day on the determination it publicizes', async () => {
      const a = w.actors;
      let c = await driveTo(w, 'notified');
      c = (await startPublicity(w.ctx, a.liaison!, v(c))).case;
      const [slot] = (await listCaseDocuments(w.ctx, a.liaison!, c.id)).filter(
        (d) => d.type === 'publicity',
      );
      w.clock.setDay('2025-03-04');
      await issueDocument(w.ctx, a.liaison!, { ...v(c), type: 'publicity' });
      const [d] = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, c.id));
      expect(d).toMatchObject({ id: slot!.subjectId, publicizedOn: '2025-03-04' });
    });

    it('answers CASE_PRECONDITION, not a document, to someone who may read the case but not the document', async () => {
      const c = await driveTo(w, 'determined');
      const err = await loadCaseDocument(
        w.ctx,
        w.actors.official!,
        c.id,
        'determination',
        undefined,
        'zh',
      ).catch((e: AppError) => e);
      expect((err as AppError).code).toBe('CASE_PRECONDITION');
    });
  },
  { open: { schema } },
);

async function counter(w: World, type: string): Promise<number> {
  const [row] = await w.ctx.store.db
    .select()
    .from(documentCounters)
    .where(and(eq(documentCounters.docType, type), eq(documentCounters.year, 2025)));
  return row?.last ?? 0;
}
