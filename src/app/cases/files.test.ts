import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { AppError } from '../errors.js';
import {
  caseEvents,
  deliberationMembers,
  evidence,
  readLog,
  schema,
  type Schema,
} from '../tables.js';
import { PDF_FILE, PNG_FILE } from '../testing/files.js';
import { driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { readEvidence } from './add-evidence.js';
import { addEvidenceFiles } from './add-evidence-files.js';
import { addMembers } from './add-members.js';
import type { CaseRow } from './record.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });
const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

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
  'several files at once, previews, several panel members at once',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    async function eventsOf(caseId: string) {
      return w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, caseId))
        .orderBy(caseEvents.seq);
    }

    it('adds the good files in one change and one event, reports each refused one with why', async () => {
      const c = await driveTo(w, 'submitted');
      const r = await addEvidenceFiles(w.ctx, w.actors.official!, {
        ...v(c),
        files: [
          { filename: '情况说明.pdf', mediaType: 'application/pdf', content: bytes(PDF_FILE) },
          { filename: '现场照片.png', mediaType: 'image/png', content: bytes(PNG_FILE) },
          // Claims to be a PDF but is text: refused, named.
          {
            filename: '假的.pdf',
            mediaType: 'application/pdf',
            content: new TextEncoder().encode('hello'),
          },
          {
            filename: '程序.exe',
            mediaType: 'application/x-msdownload',
            content: new Uint8Array([1]),
          },
        ],
      });
      expect(r.case.version).toBe(c.version + 1);
      expect(r.result.added.map((a) => [a.index, a.filename])).toEqual([
        [0, '情况说明.pdf'],
        [1, '现场照片.png'],
      ]);
      expect(r.result.refused.map((x) => [x.index, x.filename, x.code])).toEqual([
        [2, '假的.pdf', 'VALIDATION'],
        [3, '程序.exe', 'VALIDATION'],
      ]);
      expect(r.result.refused[0]!.message.zh).toContain('假的.pdf');
      const rows = await w.ctx.store.db.select().from(evidence).where(eq(evidence.caseId, c.id));
      expect(rows.map((e) => e.filename).sort()).toEqual(['情况说明.pdf', '现场照片.png']);
      const events = (await eventsOf(c.id)).filter((e) => e.type === 'case.evidence_added');
      expect(events).toHaveLength(1);
      expect(events[0]!.payload).toMatchObject({
        files: [{ filename: '情况说明.pdf' }, { filename: '现场照片.png' }],
        refused: [{ filename: '假的.pdf' }, { filename: '程序.exe' }],
      });

      // Sent again (an answer lost): the same content is not added twice, and is reported.
      const again = await addEvidenceFiles(w.ctx, w.actors.official!, {
        ...v(r.case),
        files: [
          { filename: '情况说明.pdf', mediaType: 'application/pdf', content: bytes(PDF_FILE) },
        ],
      });
      expect(again.result.added).toEqual([]);
      expect(again.result.alreadyThere).toEqual([
        { index: 0, filename: '情况说明.pdf', evidenceId: r.result.added[0]!.evidenceId },
      ]);
    });

    it('refuses the request when no file can be added, naming each; limits the count', async () => {
      const c = await driveTo(w, 'submitted');
      const none = await errorOf(
        addEvidenceFiles(w.ctx, w.actors.official!, {
          ...v(c),
          files: [
            { filename: 'a.pdf', mediaType: 'application/pdf', content: new Uint8Array() },
            {
              filename: 'b.png',
              mediaType: 'image/png',
              content: () => {
                throw new AppError('VALIDATION', {}, { zh: 'b.png 编码错误', en: 'b.png bad' });
              },
            },
          ],
        }),
      );
      expect(none.code).toBe('VALIDATION');
      expect(none.text.zh).toContain('b.png');
      expect(none.details['refused']).toHaveLength(2);
      const many = Array.from({ length: 11 }, (_, i) => ({
        filename: `${i}.pdf`,
        mediaType: 'application/pdf',
        content: bytes(PDF_FILE),
      }));
      const tooMany = await errorOf(
        addEvidenceFiles(w.ctx, w.actors.official!, { ...v(c), files: many }),
      );
      expect(tooMany.text.en).toContain('at most 10');
      // Nothing changed.
      expect(await w.ctx.store.db.select().from(evidence).where(eq(evidence.caseId, c.id))).toEqual(
        [],
      );
    });

    it('previews a PDF or an image, logged as a download; not another type', async () => {
      const c = await driveTo(w, 'submitted');
      const r = await addEvidenceFiles(w.ctx, w.actors.official!, {
        ...v(c),
        files: [
          { filename: '说明.pdf', mediaType: 'application/pdf', content: bytes(PDF_FILE) },
          {
            filename: '说明.txt',
            mediaType: 'text/plain',
            content: new TextEncoder().encode(`说明 ${Math.random()}`),
          },
        ],
      });
      const [pdf, txt] = r.result.added;
      const file = await readEvidence(w.ctx, w.actors.intake!, c.id, pdf!.evidenceId, 'preview');
      expect(file.mediaType).toBe('application/pdf');
      const refused = await errorOf(
        readEvidence(w.ctx, w.actors.intake!, c.id, txt!.evidenceId, 'preview'),
      );
      expect(refused.code).toBe('EVIDENCE_NO_PREVIEW');
      const logged = await w.ctx.store.db
        .select()
        .from(readLog)
        .where(and(eq(readLog.caseId, c.id), eq(readLog.userId, w.actors.intake!.userId)));
      expect(logged.map((l) => l.what)).toEqual(['evidence.preview']);
    });

    it('seats several members in one change and one event, the acting chair first', async () => {
      const c = await driveTo(w, 'deliberation');
      const r = await addMembers(w.ctx, w.actors.chair!, {
        ...v(c),
        userIds: [w.actors.member1!.userId, w.actors.member2!.userId],
      });
      expect(r.result.added).toEqual([
        { userId: w.actors.chair!.userId, isChair: true },
        { userId: w.actors.member1!.userId, isChair: false },
        { userId: w.actors.member2!.userId, isChair: false },
      ]);
      const events = (await eventsOf(c.id)).filter((e) => e.type === 'case.members_added');
      expect(events).toHaveLength(1);
      expect(events[0]!.payload).toMatchObject({
        members: [
          { userId: w.actors.chair!.userId, isChair: true },
          { userId: w.actors.member1!.userId, name: w.actors.member1!.displayName },
          { userId: w.actors.member2!.userId },
        ],
      });
    });

    it('all or none: the member refused is named with why, and nobody is seated', async () => {
      const c = await driveTo(w, 'deliberation');
      const seated = async () =>
        w.ctx.store.db
          .select()
          .from(deliberationMembers)
          .where(eq(deliberationMembers.caseId, c.id));
      // One who would decide an appeal (a chair of the level above).
      const appeal = await errorOf(
        addMembers(w.ctx, w.actors.chair!, {
          ...v(c),
          userIds: [w.actors.member1!.userId, w.actors.cityChair!.userId],
        }),
      );
      expect(appeal.code).toBe('VALIDATION');
      expect(appeal.text.zh).toContain(w.actors.cityChair!.displayName);
      expect(appeal.text.zh).toContain('申诉');
      expect(await seated()).toEqual([]);
      // One not on the committee.
      const outsider = await errorOf(
        addMembers(w.ctx, w.actors.chair!, {
          ...v(c),
          userIds: [w.actors.member1!.userId, w.actors.intake!.userId],
        }),
      );
      expect(outsider.text.en).toContain(w.actors.intake!.displayName);
      expect(await seated()).toEqual([]);
      // One already sitting.
      const first = await addMembers(w.ctx, w.actors.chair!, {
        ...v(c),
        userIds: [w.actors.member1!.userId],
      });
      const twice = await errorOf(
        addMembers(w.ctx, w.actors.chair!, {
          ...v(first.case),
          userIds: [w.actors.member2!.userId, w.actors.member1!.userId],
        }),
      );
      expect(twice.text.zh).toContain(`${w.actors.member1!.displayName} 已经是本案的研究成员`);
      expect((await seated()).map((m) => m.userId).sort()).toEqual(
        [w.actors.chair!.userId, w.actors.member1!.userId].sort(),
      );
      // The chair must be among those added.
      const badChair = await errorOf(
        addMembers(w.ctx, w.actors.chair!, {
          ...v(first.case),
          userIds: [w.actors.member2!.userId],
          chairId: w.actors.member1!.userId,
        }),
      );
      expect(badChair.details['field']).toBe('chairId');
    });
  },
  { open: { schema } },
);
