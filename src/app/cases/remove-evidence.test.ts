import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { caseEvents, evidence, evidenceBlobs, schema, type Schema } from '../tables.js';
import { advance, codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { addEvidence } from './add-evidence.js';
import { recordFact } from './record-fact.js';
import type { CaseRow } from './record.js';
import { removeEvidence } from './remove-evidence.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });
const text = (s: string) => new TextEncoder().encode(`${s} ${Math.random()}\n`);

describeStores<Schema>(
  'removing a wrongly uploaded evidence file',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    it('the uploader withdraws it: kept in the store and the trail, marked who/when/why', async () => {
      const c = await driveTo(w, 'submitted');
      const added = await addEvidence(w.ctx, w.actors.official!, {
        ...v(c),
        filename: '错传的文件.txt',
        mediaType: 'text/plain',
        content: text('错传'),
      });
      const r = await removeEvidence(w.ctx, w.actors.official!, {
        ...v(added.case),
        evidenceId: added.result.evidenceId,
        reason: '上传错了文件。',
      });
      const [row] = await w.ctx.store.db
        .select()
        .from(evidence)
        .where(eq(evidence.id, added.result.evidenceId));
      expect(row).toMatchObject({
        withdrawnAt: w.clock.now(),
        withdrawnBy: w.actors.official!.userId,
        withdrawalReason: '上传错了文件。',
      });
      const blobs = await w.ctx.store.db
        .select({ sha256: evidenceBlobs.sha256 })
        .from(evidenceBlobs)
        .where(eq(evidenceBlobs.sha256, added.result.sha256));
      expect(blobs).toHaveLength(1);
      const events = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, c.id))
        .orderBy(caseEvents.seq);
      expect(events.at(-1)).toMatchObject({
        type: 'case.evidence_removed',
        reason: '上传错了文件。',
        payload: { evidenceId: added.result.evidenceId, filename: '错传的文件.txt' },
      });
      expect(
        await codeOf(
          removeEvidence(w.ctx, w.actors.official!, {
            ...v(r.case),
            evidenceId: added.result.evidenceId,
            reason: '再撤一次',
          }),
        ),
      ).toBe('VALIDATION');
    });

    it('not by someone else, not without a reason, not a file a fact rests on, not after the step', async () => {
      const c = await driveTo(w, 'verification');
      const added = await addEvidence(w.ctx, w.actors.investigator!, {
        ...v(c),
        filename: '核实笔录.txt',
        mediaType: 'text/plain',
        content: text('笔录'),
      });
      const req = { ...v(added.case), evidenceId: added.result.evidenceId, reason: '错传' };
      expect(await codeOf(removeEvidence(w.ctx, w.actors.official!, req))).toBe('VALIDATION');
      expect(
        await codeOf(removeEvidence(w.ctx, w.actors.investigator!, { ...req, reason: ' ' })),
      ).toBe('VALIDATION');
      const cited = await recordFact(w.ctx, w.actors.investigator!, {
        ...v(added.case),
        fact: 'cooperated',
        value: true,
        evidenceIds: [added.result.evidenceId],
      });
      const refused = removeEvidence(w.ctx, w.actors.investigator!, { ...req, ...v(cited.case) });
      expect(await codeOf(refused)).toBe('VALIDATION');
      // Once the facts close (deliberation), no file is removed any more.
      const later = await advance(w, cited.case, 'deliberation');
      expect(
        await codeOf(removeEvidence(w.ctx, w.actors.investigator!, { ...req, ...v(later) })),
      ).toBe('CASE_WRONG_STATE');
      expect(
        await codeOf(removeEvidence(w.ctx, w.actors.outsiderIntake!, { ...req, ...v(later) })),
      ).toBe('CASE_NOT_FOUND');
    });
  },
  { open: { schema } },
);
