import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import { createOfficial, createUnit, createUser, loadActor } from '../org.js';
import {
  caseAssessments,
  caseEvents,
  caseFacts,
  caseStatements,
  consultations,
  evidence,
  evidenceBlobs,
  readLog,
  schema,
  type Schema,
} from '../tables.js';
import { PDF_FILE, PNG_FILE } from '../testing/files.js';
import { assessAll, caseRow, codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { acceptCase } from './accept.js';
import { addEvidence, MAX_EVIDENCE_BYTES, readEvidence, sanitizeFilename } from './add-evidence.js';
import { assessElement } from './assess.js';
import { completeConsultation } from './complete-consultation.js';
import { completeVerification } from './complete-verification.js';
import { recordAccountabilityMatter } from './open-ex-officio.js';
import { recordFact } from './record-fact.js';
import { recordOpinion } from './record-opinion.js';
import { recordStatement } from './record-statement.js';
import type { CaseRow } from './record.js';
import { requestConsultation } from './request-consultation.js';
import { withdrawCase } from './withdraw.js';

// Whole files: the evidence check parses them (src/app/evidence-check.ts).
const PDF = new Uint8Array(PDF_FILE);
const PNG = new Uint8Array(PNG_FILE);

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

async function lastEvent(w: World, caseId: string) {
  const events = await w.ctx.store.db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(caseEvents.seq);
  return events.at(-1)!;
}

describeStores<Schema>(
  'verification and consultation',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      // An investigator who is also the official concerned: a party acting as an officer.
      const id = await createUser(
        w.ctx,
        {
          username: `party-investigator-${w.ids.area}`,
          displayName: 'party investigator',
          password: 'unused-password',
          officialId: w.ids.official,
          grants: [{ role: 'investigator', scopeKind: 'jurisdiction', scopeId: w.ids.area }],
        },
        'not-a-real-hash',
      );
      w.actors.partyInvestigator = await loadActor(w.ctx, id);
    });

    it('the applicant withdraws: the case ends with its reason on record', async () => {
      const c = await driveTo(w, 'submitted');
      const r = await withdrawCase(w.ctx, w.actors.official!, {
        ...v(c),
        reason: '已自行整改完毕。',
      });
      expect(r.case).toMatchObject({ state: 'withdrawn', step: 'closed', stepDueOn: null });
      expect(r.case.closedAt).toEqual(w.clock.now());
      const e = await lastEvent(w, c.id);
      expect(e).toMatchObject({ type: 'case.withdrawn', reason: '已自行整改完毕。' });
      expect(e.payload).toMatchObject({ from: 'submitted', to: 'withdrawn' });
      expect(
        await codeOf(withdrawCase(w.ctx, w.actors.official!, { ...v(r.case), reason: '再次' })),
      ).toBe('CASE_WRONG_STATE');
    });

    it('withdrawal: during verification yes; by an officer, an outsider, without reason, or later no', async () => {
      const c = await driveTo(w, 'verification');
      expect(
        await codeOf(withdrawCase(w.ctx, w.actors.intake!, { ...v(c), reason: '代为撤回' })),
      ).toBe('CASE_ROLE_REQUIRED');
      expect(
        await codeOf(
          withdrawCase(w.ctx, w.actors.outsiderIntake!, { ...v(c), reason: '越权撤回' }),
        ),
      ).toBe('CASE_NOT_FOUND');
      expect(
        await codeOf(withdrawCase(w.ctx, w.actors.colleague!, { ...v(c), reason: '替人撤回' })),
      ).toBe('CASE_NOT_FOUND');
      expect(await codeOf(withdrawCase(w.ctx, w.actors.official!, { ...v(c), reason: ' ' }))).toBe(
        'VALIDATION',
      );
      const r = await withdrawCase(w.ctx, w.actors.official!, { ...v(c), reason: '不再申请。' });
      expect(r.case.state).toBe('withdrawn');
      const later = await driveTo(w, 'consultation');
      expect(
        await codeOf(withdrawCase(w.ctx, w.actors.official!, { ...v(later), reason: '太迟了' })),
      ).toBe('CASE_WRONG_STATE');
    });

    it('the investigator records a fact: the earlier value is superseded and the provenance kept', async () => {
      const c = await driveTo(w, 'verification');
      const r = await recordFact(w.ctx, w.actors.investigator!, {
        ...v(c),
        fact: 'lossAmount',
        value: 2_500_000,
        note: '据审计报告',
      });
      const rows = await w.ctx.store.db
        .select()
        .from(caseFacts)
        .where(and(eq(caseFacts.caseId, c.id), eq(caseFacts.fact, 'lossAmount')))
        .orderBy(caseFacts.recordedAt);
      expect(rows).toHaveLength(2);
      const old = rows.find((x) => x.source === 'applicant')!;
      const current = rows.find((x) => x.source === 'investigator')!;
      expect(old.supersededAt).toEqual(w.clock.now());
      expect(current).toMatchObject({
        value: 2_500_000,
        supersededAt: null,
        note: '据审计报告',
        recordedBy: w.actors.investigator!.userId,
      });
      expect(r.result.factId).toBe(current.id);
      const e = await lastEvent(w, c.id);
      expect(e.type).toBe('case.fact_recorded');
      expect(e.payload).toMatchObject({
        fact: 'lossAmount',
        value: 2_500_000,
        previous: 1_200_000,
        previousSource: 'applicant',
        source: 'investigator',
      });
      // A fact the pack itself declares, and an explicitly unknown value.
      const r2 = await recordFact(w.ctx, w.actors.investigator!, {
        ...v(r.case),
        fact: 'onReformTaskList',
        value: null,
      });
      expect((await lastEvent(w, c.id)).payload).toMatchObject({ value: null, previous: true });
      // A fact not recorded before.
      await recordFact(w.ctx, w.actors.investigator!, {
        ...v(r2.case),
        fact: 'riskFiling',
        value: 'none',
      });
      expect((await lastEvent(w, c.id)).payload).toMatchObject({
        previous: null,
        previousSource: null,
      });
    });

    it('refuses facts the pack does not declare and values of the wrong type, saying which', async () => {
      const c = await driveTo(w, 'verification');
      const unknown = await errorOf(
        recordFact(w.ctx, w.actors.investigator!, { ...v(c), fact: 'privateGian', value: false }),
      );
      expect(unknown.code).toBe('POLICY_INPUT');
      expect(unknown.text.en).toContain("unknown fact 'privateGian'");
      expect(unknown.text.en).toContain('privateGain');
      const wrongType = await errorOf(
        recordFact(w.ctx, w.actors.investigator!, { ...v(c), fact: 'privateGain', value: 'no' }),
      );
      expect(wrongType.code).toBe('POLICY_INPUT');
      expect(wrongType.text.zh).toContain('true 或 false');
      const badEnum = await errorOf(
        recordFact(w.ctx, w.actors.investigator!, { ...v(c), fact: 'remediation', value: 'full' }),
      );
      expect(badEnum.text.en).toContain('effective');
      expect((await caseRow(w, c.id)).version).toBe(c.version);
    });

    it('recording facts: only investigators in scope, not a party, only during verification', async () => {
      const c = await driveTo(w, 'verification');
      const req = { ...v(c), fact: 'cooperated', value: true };
      expect(await codeOf(recordFact(w.ctx, w.actors.official!, req))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(recordFact(w.ctx, w.actors.intake!, req))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(recordFact(w.ctx, w.actors.outsiderIntake!, req))).toBe('CASE_NOT_FOUND');
      expect(await codeOf(recordFact(w.ctx, w.actors.partyInvestigator!, req))).toBe('CASE_PARTY');
      expect(
        await codeOf(recordFact(w.ctx, w.actors.investigator!, { ...req, expectedVersion: 1 })),
      ).toBe('CASE_VERSION_CONFLICT');
      const submitted = await driveTo(w, 'submitted');
      expect(
        await codeOf(recordFact(w.ctx, w.actors.investigator!, { ...req, ...v(submitted) })),
      ).toBe('CASE_WRONG_STATE');
    });

    it('a fact may rest on evidence of the same case, not of another', async () => {
      const c = await driveTo(w, 'verification');
      const other = await driveTo(w, 'verification');
      const mine = await addEvidence(w.ctx, w.actors.investigator!, {
        ...v(c),
        filename: '审计报告.pdf',
        mediaType: 'application/pdf',
        content: PDF,
      });
      const theirs = await addEvidence(w.ctx, w.actors.investigator!, {
        ...v(other),
        filename: '其他.png',
        mediaType: 'image/png',
        content: PNG,
      });
      const refused = await errorOf(
        recordFact(w.ctx, w.actors.investigator!, {
          ...v(mine.case),
          fact: 'remediation',
          value: 'effective',
          evidenceIds: [mine.result.evidenceId, theirs.result.evidenceId],
        }),
      );
      expect(refused.code).toBe('VALIDATION');
      expect(refused.text.en).toContain(theirs.result.evidenceId);
      expect(
        await codeOf(
          recordFact(w.ctx, w.actors.investigator!, {
            ...v(mine.case),
            fact: 'remediation',
            value: 'effective',
            evidenceIds: ['not-a-uuid'],
          }),
        ),
      ).toBe('VALIDATION');
      const ok = await recordFact(w.ctx, w.actors.investigator!, {
        ...v(mine.case),
        fact: 'remediation',
        value: 'effective',
        evidenceIds: [mine.result.evidenceId],
      });
      const [row] = await w.ctx.store.db
        .select()
        .from(caseFacts)
        .where(eq(caseFacts.id, ok.result.factId));
      expect(row!.evidenceIds).toEqual([mine.result.evidenceId]);
    });

    it('evidence is stored once per content (sha256) and read back by those who may read the case', async () => {
      const a = await driveTo(w, 'submitted');
      const b = await driveTo(w, 'verification');
      const content = new TextEncoder().encode(`情况说明 ${Math.random()}\n`);
      const first = await addEvidence(w.ctx, w.actors.official!, {
        ...v(a),
        filename: '情况说明.txt',
        mediaType: 'text/plain; charset=utf-8',
        content,
        description: '本人情况说明',
      });
      const second = await addEvidence(w.ctx, w.actors.investigator!, {
        ...v(b),
        filename: 'C:\\材料\\情况说明.txt',
        mediaType: 'text/plain',
        content,
      });
      expect(first.result.sha256).toBe(second.result.sha256);
      expect(first.result.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(second.result.filename).toBe('情况说明.txt');
      expect(first.result.mediaType).toBe('text/plain');
      const blobs = await w.ctx.store.db
        .select({ sha256: evidenceBlobs.sha256, size: evidenceBlobs.size })
        .from(evidenceBlobs)
        .where(eq(evidenceBlobs.sha256, first.result.sha256));
      expect(blobs).toEqual([{ sha256: first.result.sha256, size: content.byteLength }]);
      const rows = await w.ctx.store.db
        .select()
        .from(evidence)
        .where(eq(evidence.sha256, first.result.sha256));
      expect(rows.map((r) => r.caseId).sort()).toEqual([a.id, b.id].sort());
      const e = await lastEvent(w, a.id);
      expect(e.type).toBe('case.evidence_added');
      expect(e.payload).toMatchObject({
        evidenceId: first.result.evidenceId,
        sha256: first.result.sha256,
        size: content.byteLength,
        filename: '情况说明.txt',
      });

      const file = await readEvidence(w.ctx, w.actors.unitParty!, a.id, first.result.evidenceId);
      expect(file).toMatchObject({ filename: '情况说明.txt', mediaType: 'text/plain' });
      expect(Buffer.from(file.content).equals(Buffer.from(content))).toBe(true);
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.caseId, a.id), eq(readLog.userId, w.actors.unitParty!.userId)));
      expect(logged.map((l) => l.what)).toEqual(['evidence.download']);
      expect(
        await codeOf(readEvidence(w.ctx, w.actors.outsiderIntake!, a.id, first.result.evidenceId)),
      ).toBe('CASE_NOT_FOUND');
      expect(
        await codeOf(readEvidence(w.ctx, w.actors.colleague!, a.id, first.result.evidenceId)),
      ).toBe('CASE_NOT_FOUND');
      // Evidence of another case is not reachable through this one.
      expect(
        await codeOf(readEvidence(w.ctx, w.actors.official!, a.id, second.result.evidenceId)),
      ).toBe('NOT_FOUND');
    });

    it('evidence: size limit, accepted types, content matching its type, safe file names', async () => {
      const c = await driveTo(w, 'verification');
      const add = (over: Partial<Parameters<typeof addEvidence>[2]>) =>
        errorOf(
          addEvidence(w.ctx, w.actors.investigator!, {
            ...v(c),
            filename: 'a.pdf',
            mediaType: 'application/pdf',
            content: PDF,
            ...over,
          }),
        );
      const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
      big.set(PDF);
      const tooBig = await add({ content: big });
      expect(tooBig.code).toBe('VALIDATION');
      expect(tooBig.text.en).toContain('20 MiB');
      const exe = await add({ filename: 'setup.exe', mediaType: 'application/x-msdownload' });
      expect(exe.code).toBe('VALIDATION');
      expect(exe.text.zh).toContain('PDF');
      expect(exe.text.en).toContain('DOCX');
      const html = await add({ filename: 'x.html', mediaType: 'text/html' });
      expect(html.code).toBe('VALIDATION');
      const disguised = await add({
        content: new TextEncoder().encode('<script>alert(1)</script>'),
      });
      expect(disguised.text.en).toContain('is not a PDF file');
      expect((await add({ content: new Uint8Array() })).text.en).toContain('empty');
      expect((await add({ filename: '../..' })).code).toBe('VALIDATION');
      expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
      expect(sanitizeFilename('C:\\Users\\张三\\说明.docx')).toBe('说明.docx');
      expect(sanitizeFilename(' .hidden\u0000name?.pdf ')).toBe('hiddenname.pdf');
      expect(sanitizeFilename('长'.repeat(300) + '.pdf')).toBe('长'.repeat(196) + '.pdf');
      expect((await caseRow(w, c.id)).version).toBe(c.version);
    });

    it('evidence: parties while the facts are open, investigators through consultation', async () => {
      const c = await driveTo(w, 'consultation');
      const req = { ...v(c), filename: 'x.png', mediaType: 'image/png', content: PNG };
      expect(await codeOf(addEvidence(w.ctx, w.actors.official!, req))).toBe('CASE_WRONG_STATE');
      expect(await codeOf(addEvidence(w.ctx, w.actors.liaison!, req))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(addEvidence(w.ctx, w.actors.outsiderIntake!, req))).toBe(
        'CASE_NOT_FOUND',
      );
      expect(await codeOf(addEvidence(w.ctx, w.actors.investigator!, req))).toBe('ok');
    });

    it("the official's own statement is recorded, in the event too", async () => {
      const c = await driveTo(w, 'verification');
      const text = '本人在项目推进中出于公心，已配合调查并积极整改。';
      const r = await recordStatement(w.ctx, w.actors.official!, { ...v(c), text });
      const [row] = await w.ctx.store.db
        .select()
        .from(caseStatements)
        .where(eq(caseStatements.caseId, c.id));
      expect(row).toMatchObject({
        id: r.result.statementId,
        text,
        madeBy: w.actors.official!.userId,
      });
      expect(await lastEvent(w, c.id)).toMatchObject({
        type: 'case.statement_recorded',
        payload: { statementId: r.result.statementId, text },
      });
      expect(r.case.state).toBe('verification');
      expect(
        await codeOf(recordStatement(w.ctx, w.actors.investigator!, { ...v(r.case), text })),
      ).toBe('CASE_ROLE_REQUIRED');
      expect(
        await codeOf(recordStatement(w.ctx, w.actors.official!, { ...v(r.case), text: '' })),
      ).toBe('VALIDATION');
      const later = await driveTo(w, 'deliberation');
      expect(await codeOf(recordStatement(w.ctx, w.actors.official!, { ...v(later), text }))).toBe(
        'CASE_WRONG_STATE',
      );
    });

    it('assessing the six elements: one current rating each; an unfavourable one needs notes', async () => {
      const c = await driveTo(w, 'verification');
      const noNotes = await errorOf(
        assessElement(w.ctx, w.actors.investigator!, {
          ...v(c),
          element: 'consequences',
          rating: 'unfavourable',
        }),
      );
      expect(noNotes.code).toBe('VALIDATION');
      expect(noNotes.text.zh).toContain('后果影响');
      const r1 = await assessElement(w.ctx, w.actors.investigator!, {
        ...v(c),
        element: 'consequences',
        rating: 'neutral',
      });
      const r2 = await assessElement(w.ctx, w.actors.investigator!, {
        ...v(r1.case),
        element: 'consequences',
        rating: 'unfavourable',
        notes: '造成一定社会影响。',
      });
      const rows = await w.ctx.store.db
        .select()
        .from(caseAssessments)
        .where(eq(caseAssessments.caseId, c.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ rating: 'unfavourable', notes: '造成一定社会影响。' });
      expect(await lastEvent(w, c.id)).toMatchObject({
        type: 'case.element_assessed',
        payload: { element: 'consequences', rating: 'unfavourable', previousRating: 'neutral' },
      });
      expect(
        await codeOf(
          assessElement(w.ctx, w.actors.investigator!, {
            ...v(r2.case),
            element: 'luck' as 'motive',
            rating: 'neutral',
          }),
        ),
      ).toBe('VALIDATION');
      expect(
        await codeOf(
          assessElement(w.ctx, w.actors.official!, {
            ...v(r2.case),
            element: 'motive',
            rating: 'favourable',
          }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
    });

    it('verification ends only with all six elements assessed; then consultation, as the pack requires', async () => {
      const c = await driveTo(w, 'verification');
      const r1 = await assessElement(w.ctx, w.actors.investigator!, {
        ...v(c),
        element: 'motive',
        rating: 'favourable',
      });
      const missing = await errorOf(
        completeVerification(w.ctx, w.actors.investigator!, v(r1.case)),
      );
      expect(missing.code).toBe('CASE_PRECONDITION');
      expect(missing.text.zh).toContain('客观条件、程序方法、性质程度、后果影响、挽回损失');
      expect(missing.text.en).toContain('Objective conditions');
      expect(missing.text.zh).not.toContain('动机态度');
      const assessed = await assessAll(w, r1.case);
      expect(await codeOf(completeVerification(w.ctx, w.actors.official!, v(assessed)))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(await codeOf(completeVerification(w.ctx, w.actors.outsiderIntake!, v(assessed)))).toBe(
        'CASE_NOT_FOUND',
      );
      const r = await completeVerification(w.ctx, w.actors.investigator!, v(assessed));
      expect(r.case).toMatchObject({ state: 'consultation', step: 'consultation' });
      const rows = await w.ctx.store.db
        .select()
        .from(consultations)
        .where(eq(consultations.caseId, c.id));
      expect(rows.map((x) => x.department).sort()).toEqual(
        ['audit', 'discipline', 'organization', 'party-organization'].sort(),
      );
      expect(await lastEvent(w, c.id)).toMatchObject({
        type: 'case.verification_completed',
        payload: { from: 'verification', to: 'consultation', consultationRequired: true },
      });
      expect(await codeOf(completeVerification(w.ctx, w.actors.investigator!, v(r.case)))).toBe(
        'CASE_WRONG_STATE',
      );
    });

    it('under a pack without consultation, verification leads straight to deliberation', async () => {
      // The other district applies cn-national, which requires no consultation.
      const unit = await createUnit(w.ctx, {
        jurisdictionId: w.ids.otherArea,
        nameZh: '发展改革局',
        nameEn: 'Development and Reform Bureau',
      });
      const official = await createOfficial(w.ctx, {
        name: '赵六',
        unitId: unit.id,
        managingJurisdictionId: w.ids.otherArea,
      });
      const id = await createUser(
        w.ctx,
        {
          username: `y-investigator-${w.ids.otherArea}`,
          displayName: 'Y investigator',
          password: 'unused-password',
          grants: [{ role: 'investigator', scopeKind: 'jurisdiction', scopeId: w.ids.otherArea }],
        },
        'not-a-real-hash',
      );
      const investigator = await loadActor(w.ctx, id);
      const { case: c } = await recordAccountabilityMatter(w.ctx, investigator, {
        officialId: official.id,
        summary: '项目审批程序不规范',
        openedOn: '2025-02-20',
        conductDate: '2024-09-01',
      });
      const accepted = (await acceptCase(w.ctx, w.actors.outsiderIntake!, v(c))).case;
      // The X new area's investigator cannot see this district's case.
      expect(await codeOf(assessAll(w, accepted))).toBe('CASE_NOT_FOUND');
      const assessed = await assessAll(w, accepted, investigator);
      const r = await completeVerification(w.ctx, investigator, v(assessed));
      expect(r.case).toMatchObject({ state: 'deliberation', step: 'deliberation' });
      expect(r.result.consultations).toEqual([]);
    });

    it('asking departments: from verification after the assessment, defaults from the pack, no duplicates', async () => {
      const c = await driveTo(w, 'verification');
      const early = await errorOf(
        requestConsultation(w.ctx, w.actors.investigator!, { ...v(c), departments: [] }),
      );
      expect(early.code).toBe('CASE_PRECONDITION');
      const assessed = await assessAll(w, c);
      const r1 = await requestConsultation(w.ctx, w.actors.investigator!, {
        ...v(assessed),
        departments: [],
      });
      expect(r1.case.state).toBe('consultation');
      expect(r1.result.created.map((x) => x.department)).toEqual([
        'organization',
        'discipline',
        'audit',
        'party-organization',
      ]);
      const r2 = await requestConsultation(w.ctx, w.actors.investigator!, {
        ...v(r1.case),
        departments: [' organization ', 'petition-office', 'petition-office'],
      });
      expect(r2.result.created.map((x) => x.department)).toEqual(['petition-office']);
      expect(r2.result.alreadyPending).toEqual(['organization']);
      expect(await lastEvent(w, c.id)).toMatchObject({
        type: 'case.consultation_requested',
        payload: { alreadyPending: ['organization'] },
      });
      expect(
        await codeOf(
          requestConsultation(w.ctx, w.actors.investigator!, {
            ...v(r2.case),
            departments: ['audit'],
          }),
        ),
      ).toBe('VALIDATION');
      expect(
        await codeOf(
          requestConsultation(w.ctx, w.actors.liaison!, { ...v(r2.case), departments: ['x'] }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
    });

    it('opinions: each recorded once; consultation ends only when all are in', async () => {
      const c = await driveTo(w, 'consultation');
      const other = await driveTo(w, 'consultation');
      // No department has users in the test world: the investigator transcribes written replies.
      const PAPER = { replyReference: '会复〔2026〕3号', replyDate: todayOf(w.ctx) };
      const rows = await w.ctx.store.db
        .select()
        .from(consultations)
        .where(eq(consultations.caseId, c.id));
      const [otherRow] = await w.ctx.store.db
        .select()
        .from(consultations)
        .where(eq(consultations.caseId, other.id));
      let row = c;
      const missing = await errorOf(completeConsultation(w.ctx, w.actors.investigator!, v(row)));
      expect(missing.code).toBe('CASE_PRECONDITION');
      expect(missing.text.en).toContain('organization, discipline, audit, party-organization');
      expect(
        await codeOf(
          recordOpinion(w.ctx, w.actors.investigator!, {
            ...v(row),
            consultationId: otherRow!.id,
            opinion: '同意。',
            ...PAPER,
          }),
        ),
      ).toBe('VALIDATION');
      expect(
        await codeOf(
          recordOpinion(w.ctx, w.actors.official!, {
            ...v(row),
            consultationId: rows[0]!.id,
            opinion: '同意。',
            ...PAPER,
          }),
        ),
      ).toBe('CASE_ROLE_REQUIRED');
      for (const x of rows) {
        row = (
          await recordOpinion(w.ctx, w.actors.investigator!, {
            ...v(row),
            consultationId: x.id,
            opinion: `${x.department}：无不同意见。`,
            ...PAPER,
          })
        ).case;
      }
      expect(await lastEvent(w, c.id)).toMatchObject({
        type: 'case.opinion_transcribed',
        payload: {
          consultationId: rows.at(-1)!.id,
          department: rows.at(-1)!.department,
          transcribed: PAPER,
        },
      });
      const again = await errorOf(
        recordOpinion(w.ctx, w.actors.investigator!, {
          ...v(row),
          consultationId: rows[0]!.id,
          opinion: '改变意见。',
          ...PAPER,
        }),
      );
      expect(again.code).toBe('CASE_PRECONDITION');
      const done = await completeConsultation(w.ctx, w.actors.investigator!, v(row));
      expect(done.case).toMatchObject({ state: 'deliberation', step: 'deliberation' });
      expect(await lastEvent(w, c.id)).toMatchObject({
        type: 'case.consultation_completed',
        payload: { from: 'consultation', to: 'deliberation', opinions: 4 },
      });
    });
  },
  { open: { schema } },
);
