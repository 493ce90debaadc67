/**
 * Name clearing (澄清正名) on both stores: recorded once the determination clears the official, the
 * notice (澄清正名通报) issued with its number and stored as a case document, made public with the
 * official's written consent or closed without publicity, a false accusation referred on — and
 * every refusal on the way, with its code, nothing written.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { verifyAudit } from '../audit.js';
import type { CaseRow } from '../cases/record.js';
import { listCaseDocuments, loadCaseDocument } from '../documents/case-documents.js';
import { getCase } from '../queries/case-view.js';
import { getTodos } from '../queries/todos.js';
import { caseDocuments, caseEvents, nameClearings, schema, type Schema } from '../tables.js';
import { caseRow, codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { closeClearing } from './close-clearing.js';
import { issueClearingNotice } from './issue-notice.js';
import { publicizeClearing } from './publicize.js';
import { recordClearing, type RecordClearingInput } from './record-clearing.js';
import { referAccuser } from './refer-accuser.js';

type Clearing = Omit<RecordClearingInput, 'caseId' | 'expectedVersion'>;

const FALSE_ACCUSATION: Clearing = {
  finding: 'false_accusation',
  alleged: '反映该同志在招商项目中收受企业好处、违规为企业提前开工大开绿灯。',
  found:
    '经调取项目审批材料、询问有关人员，项目提前开工经区政府常务会议集体研究，该同志未收受任何财物。',
  manner: 'meeting',
  scope: '区经济发展局全体干部职工',
};

const UNTRUE: Clearing = {
  finding: 'untrue',
  alleged: '反映该同志违规决策造成国有资产流失。',
  found: '经核实，相关决策程序合规，未造成国有资产损失。',
  manner: 'circular',
  scope: '区直各单位',
};

const PUBLICITY = {
  consentOn: '2025-03-04',
  consentRecord: '本人签字的书面同意书（附卷）',
  channel: '区纪委监委门户网站',
  from: '2025-03-05',
  to: '2025-03-11',
};

const REFERRAL = {
  referredTo: '区纪委监委信访室',
  referredOn: '2025-03-05',
  basis: '反映人捏造事实、故意诬告，依据《中国共产党纪律处分条例》有关规定移送处理。',
};

describeStores<Schema>(
  'name clearing (澄清正名): record, notice, publicity or closing, referral',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    const at = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });
    const rowOf = async (caseId: string) =>
      (
        await w.ctx.store.db.select().from(nameClearings).where(eq(nameClearings.caseId, caseId))
      )[0];
    const lastEvent = async (caseId: string) =>
      (
        await w.ctx.store.db
          .select()
          .from(caseEvents)
          .where(eq(caseEvents.caseId, caseId))
          .orderBy(caseEvents.seq)
      ).at(-1)!;

    async function recorded(clearing = FALSE_ACCUSATION): Promise<CaseRow> {
      w.clock.setDay('2025-03-03');
      const c = await driveTo(w, 'notified');
      return (await recordClearing(w.ctx, w.actors.liaison!, { ...at(c), ...clearing })).case;
    }

    it('puts its tasks on the workbench until each is done', async () => {
      // The clearing's tasks on the case (the procedure's own, such as the publicity, aside).
      const clearingTasks = ['issueClearingNotice', 'publicizeClearing', 'referAccuser'];
      const tasksOf = async (who: string, caseId: string) =>
        (await getTodos(w.ctx, w.actors[who]!)).groups
          .filter((g) => clearingTasks.includes(g.action))
          .filter((g) => g.items.some((i) => i.caseId === caseId))
          .map((g) => g.action);
      let c = await recorded();
      // The chair issues the notice; the case is listed once, under its first task.
      expect(await tasksOf('chair', c.id)).toEqual(['issueClearingNotice']);
      expect(await tasksOf('liaison', c.id)).toEqual([]);
      c = (await issueClearingNotice(w.ctx, w.actors.chair!, at(c))).case;
      expect(await tasksOf('liaison', c.id)).toEqual(['publicizeClearing']);
      expect(await tasksOf('chair', c.id)).toEqual(['publicizeClearing']);
      w.clock.setDay('2025-03-05');
      c = (await closeClearing(w.ctx, w.actors.liaison!, { ...at(c), reason: '本人不同意公开。' }))
        .case;
      expect(await tasksOf('liaison', c.id)).toEqual([]);
      // The false accusation is still to refer on: the chair's, whatever became of the notice.
      expect(await tasksOf('chair', c.id)).toEqual(['referAccuser']);
      c = (await referAccuser(w.ctx, w.actors.chair!, { ...at(c), ...REFERRAL })).case;
      expect(await tasksOf('chair', c.id)).toEqual([]);
      // Outside the chair's jurisdiction, nothing.
      expect(await tasksOf('outsiderIntake', c.id)).toEqual([]);
    });

    it('runs: recorded, notice issued and stored, made public with consent, accuser referred', async () => {
      let c = await recorded();
      expect((await rowOf(c.id))!.state).toBe('recorded');
      expect((await lastEvent(c.id)).type).toBe('case.clearing_recorded');

      const issued = await issueClearingNotice(w.ctx, w.actors.chair!, at(c));
      c = issued.case;
      expect(issued.result.number).toMatch(/容澄〔2025〕\d+号$/);
      const k = (await rowOf(c.id))!;
      expect([k.state, k.noticeNumber, k.noticeDocumentId]).toEqual([
        'notice_issued',
        issued.result.number,
        issued.result.documentId,
      ]);
      const [doc] = await w.ctx.store.db
        .select()
        .from(caseDocuments)
        .where(eq(caseDocuments.id, issued.result.documentId));
      expect([doc!.docType, doc!.subjectId, doc!.number]).toEqual([
        'clearing',
        k.id,
        issued.result.number,
      ]);

      w.clock.setDay('2025-03-05');
      c = (await publicizeClearing(w.ctx, w.actors.liaison!, { ...at(c), ...PUBLICITY })).case;
      expect((await rowOf(c.id))!.state).toBe('publicized');
      expect((await lastEvent(c.id)).type).toBe('case.clearing_publicized');
      c = (await referAccuser(w.ctx, w.actors.chair!, { ...at(c), ...REFERRAL })).case;
      const done = (await rowOf(c.id))!;
      expect([done.state, done.referredTo, done.referredOn]).toEqual([
        'publicized',
        REFERRAL.referredTo,
        REFERRAL.referredOn,
      ]);
      expect((await lastEvent(c.id)).type).toBe('case.accuser_referred');

      // Officers see it all; the official sees their clearing and the referral, not its basis.
      const staff = await getCase(w.ctx, w.actors.liaison!, c.id);
      expect(staff.clearing?.notice?.number).toBe(issued.result.number);
      expect(staff.clearing?.publicity?.channel).toBe(PUBLICITY.channel);
      expect(staff.clearing?.referral?.basis).toBe(REFERRAL.basis);
      const own = await getCase(w.ctx, w.actors.official!, c.id);
      expect(own.clearing?.state).toBe('publicized');
      expect(own.clearing?.referral).toMatchObject({ to: REFERRAL.referredTo, basis: null });
      expect(own.abilities.recordClearing).toBe(false);
      expect((await verifyAudit(w.ctx)).firstBreak).toBeUndefined();
    });

    it('the notice says what was alleged and found, the clearing and the referral; the official reads it', async () => {
      let c = await recorded();
      const before = await loadCaseDocument(
        w.ctx,
        w.actors.chair!,
        c.id,
        'clearing',
        undefined,
        'zh',
      );
      expect([before.issued, before.documentNumber]).toEqual([false, '']);
      c = (await issueClearingNotice(w.ctx, w.actors.chair!, at(c))).case;
      const zh = await loadCaseDocument(
        w.ctx,
        w.actors.official!,
        c.id,
        'clearing',
        undefined,
        'zh',
      );
      expect(zh.issued).toBe(true);
      expect(zh.title).toBe('关于为张三同志澄清正名的通报');
      expect(zh.documentNumber).toMatch(/容澄〔2025〕\d+号$/);
      expect(zh.text).toContain(FALSE_ACCUSATION.alleged);
      expect(zh.text).toContain(FALSE_ACCUSATION.found);
      expect(zh.text).toContain('反映张三同志的问题系诬告陷害');
      expect(zh.text).toContain(`在${FALSE_ACCUSATION.scope}范围内以会议形式予以澄清说明`);
      expect(zh.text).toContain('免予问责');
      expect(zh.text).toContain('移送有关机关');
      const en = await loadCaseDocument(
        w.ctx,
        w.actors.official!,
        c.id,
        'clearing',
        undefined,
        'en',
      );
      expect(en.title).toBe('Notice clearing the name of Comrade 张三');
      expect(en.text).toContain('found to be a false accusation');
      const listed = await listCaseDocuments(w.ctx, w.actors.official!, c.id);
      expect(listed.find((d) => d.type === 'clearing')?.status).toBe('issued');
    });

    it('an untrue report, circulated: closed without publicity, and not referred on', async () => {
      let c = await recorded(UNTRUE);
      c = (await issueClearingNotice(w.ctx, w.actors.chair!, at(c))).case;
      const doc = await loadCaseDocument(w.ctx, w.actors.chair!, c.id, 'clearing', undefined, 'zh');
      expect(doc.text).toContain('反映张三同志的问题失实');
      expect(doc.text).not.toContain('移送');
      w.clock.setDay('2025-03-05');
      expect(await codeOf(referAccuser(w.ctx, w.actors.chair!, { ...at(c), ...REFERRAL }))).toBe(
        'CASE_PRECONDITION',
      );
      const reason = '本人不同意公开，已在通报范围内澄清。';
      c = (await closeClearing(w.ctx, w.actors.liaison!, { ...at(c), reason })).case;
      const k = (await rowOf(c.id))!;
      expect([k.state, k.closeReason, k.closedOn]).toEqual(['closed', reason, '2025-03-05']);
      expect(
        await codeOf(publicizeClearing(w.ctx, w.actors.liaison!, { ...at(c), ...PUBLICITY })),
      ).toBe('CASE_PRECONDITION');
      expect(await codeOf(closeClearing(w.ctx, w.actors.liaison!, { ...at(c), reason }))).toBe(
        'CASE_PRECONDITION',
      );
    });

    it('is recorded only on a determination that clears, once, by the liaison or the chair', async () => {
      w.clock.setDay('2025-03-03');
      const early = await driveTo(w, 'deliberation');
      expect(
        await codeOf(recordClearing(w.ctx, w.actors.liaison!, { ...at(early), ...UNTRUE })),
      ).toBe('CASE_WRONG_STATE');
      const lighter = await driveTo(w, 'notified', {
        outcome: 'lighter',
        departureReasons: '综合考虑造成的影响，从轻问责更为适当。',
      });
      expect(
        await codeOf(recordClearing(w.ctx, w.actors.liaison!, { ...at(lighter), ...UNTRUE })),
      ).toBe('CASE_PRECONDITION');
      const c = await driveTo(w, 'notified');
      for (const who of ['investigator', 'intake', 'official', 'unitParty'] as const) {
        expect(
          await codeOf(recordClearing(w.ctx, w.actors[who]!, { ...at(c), ...UNTRUE })),
          who,
        ).toBe('CASE_ROLE_REQUIRED');
      }
      expect(
        await codeOf(
          recordClearing(w.ctx, w.actors.liaison!, {
            ...at(c),
            ...UNTRUE,
            finding: 'wrong' as never,
          }),
        ),
      ).toBe('VALIDATION');
      await expect(
        recordClearing(w.ctx, w.actors.liaison!, {
          ...at(c),
          ...UNTRUE,
          manner: 'online' as never,
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'manner' } });
      const stale = { caseId: c.id, expectedVersion: c.version - 1 };
      expect(await codeOf(recordClearing(w.ctx, w.actors.liaison!, { ...stale, ...UNTRUE }))).toBe(
        'CASE_VERSION_CONFLICT',
      );
      // Nothing was written by the refused requests.
      expect(await rowOf(c.id)).toBeUndefined();
      expect((await caseRow(w, c.id)).version).toBe(c.version);
      const done = (await recordClearing(w.ctx, w.actors.chair!, { ...at(c), ...UNTRUE })).case;
      expect(
        await codeOf(recordClearing(w.ctx, w.actors.liaison!, { ...at(done), ...UNTRUE })),
      ).toBe('CASE_PRECONDITION');
    });

    it('the notice: by the deciding body’s own chair, once the determination is notified, once', async () => {
      w.clock.setDay('2025-03-03');
      const determined = await driveTo(w, 'determined');
      const d = (await recordClearing(w.ctx, w.actors.liaison!, { ...at(determined), ...UNTRUE }))
        .case;
      expect(await codeOf(issueClearingNotice(w.ctx, w.actors.chair!, at(d)))).toBe(
        'CASE_WRONG_STATE',
      );
      const c = await recorded(UNTRUE);
      expect(await codeOf(issueClearingNotice(w.ctx, w.actors.liaison!, at(c)))).toBe(
        'CASE_ROLE_REQUIRED',
      );
      expect(await codeOf(issueClearingNotice(w.ctx, w.actors.cityChair!, at(c)))).toBe(
        'CASE_OUT_OF_SCOPE',
      );
      expect(
        await codeOf(issueClearingNotice(w.ctx, w.actors.chair!, { ...at(c), expectedVersion: 1 })),
      ).toBe('CASE_VERSION_CONFLICT');
      expect((await rowOf(c.id))!.state).toBe('recorded');
      const issued = (await issueClearingNotice(w.ctx, w.actors.chair!, at(c))).case;
      expect(await codeOf(issueClearingNotice(w.ctx, w.actors.chair!, at(issued)))).toBe(
        'CASE_PRECONDITION',
      );
    });

    it('publicity: after the notice, with consent given first, dated between the notice and today', async () => {
      const c0 = await recorded();
      w.clock.setDay('2025-03-05');
      expect(
        await codeOf(publicizeClearing(w.ctx, w.actors.liaison!, { ...at(c0), ...PUBLICITY })),
      ).toBe('CASE_PRECONDITION');
      const c = (await issueClearingNotice(w.ctx, w.actors.chair!, at(c0))).case;
      const refused = async (over: Partial<typeof PUBLICITY>) => {
        try {
          await publicizeClearing(w.ctx, w.actors.liaison!, { ...at(c), ...PUBLICITY, ...over });
        } catch (e) {
          return (e as { details?: { field?: string } }).details?.field;
        }
        return 'ok';
      };
      expect(await refused({ consentOn: '2025-03-06' })).toBe('consentOn');
      expect(await refused({ consentRecord: ' ' })).toBe('consentRecord');
      expect(await refused({ from: '2025-03-06', to: '2025-03-08' })).toBe('from');
      expect(await refused({ consentOn: '2025-03-01', from: '2025-03-02' })).toBe('from');
      expect(await refused({ to: '2025-03-04' })).toBe('to');
      expect(await refused({ channel: '' })).toBe('channel');
      expect(
        await codeOf(publicizeClearing(w.ctx, w.actors.investigator!, { ...at(c), ...PUBLICITY })),
      ).toBe('CASE_ROLE_REQUIRED');
      expect((await rowOf(c.id))!.state).toBe('notice_issued');
      expect(
        await codeOf(publicizeClearing(w.ctx, w.actors.chair!, { ...at(c), ...PUBLICITY })),
      ).toBe('ok');
    });

    it('a false accusation is referred once, by the deciding body’s chair, dated from the recording to today', async () => {
      const c = await recorded();
      const refer = (over: Partial<typeof REFERRAL>, who = w.actors.chair!) =>
        referAccuser(w.ctx, who, { ...at(c), ...REFERRAL, ...over });
      w.clock.setDay('2025-03-05');
      await expect(refer({ referredOn: '2025-03-02' })).rejects.toMatchObject({
        details: { field: 'referredOn' },
      });
      await expect(refer({ referredOn: '2025-03-06' })).rejects.toMatchObject({
        details: { field: 'referredOn' },
      });
      expect(await codeOf(refer({}, w.actors.liaison!))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(refer({}, w.actors.cityChair!))).toBe('CASE_OUT_OF_SCOPE');
      const done = (await refer({})).case;
      expect(await codeOf(referAccuser(w.ctx, w.actors.chair!, { ...at(done), ...REFERRAL }))).toBe(
        'CASE_PRECONDITION',
      );
    });
  },
  { open: { schema } },
);
