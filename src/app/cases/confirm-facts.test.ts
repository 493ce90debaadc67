import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { AppError } from '../errors.js';
import { caseEvents, caseFacts, schema, type Schema } from '../tables.js';
import { caseRow, codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { confirmFacts } from './confirm-facts.js';
import { recordFact } from './record-fact.js';
import type { CaseRow } from './record.js';

const v = (c: CaseRow) => ({ caseId: c.id, expectedVersion: c.version });

async function currentOf(w: World, caseId: string) {
  const rows = await w.ctx.store.db
    .select()
    .from(caseFacts)
    .where(and(eq(caseFacts.caseId, caseId), isNull(caseFacts.supersededAt)));
  return new Map(rows.map((r) => [r.fact, r]));
}

describeStores<Schema>(
  'confirming several facts at once',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    it('confirms the named facts in one transaction and one event, keeping values and history', async () => {
      const c = await driveTo(w, 'verification');
      const before = await currentOf(w, c.id);
      expect(before.get('privateGain')?.source).toBe('applicant');
      const r = await confirmFacts(w.ctx, w.actors.investigator!, {
        ...v(c),
        facts: ['privateGain', 'lossAmount', 'privateGain'],
        note: '经调阅会议纪要核实。',
      });
      expect(r.case.version).toBe(c.version + 1);
      const after = await currentOf(w, c.id);
      for (const fact of ['privateGain', 'lossAmount']) {
        expect(after.get(fact)).toMatchObject({
          value: before.get(fact)!.value,
          source: 'investigator',
          note: '经调阅会议纪要核实。',
          recordedBy: w.actors.investigator!.userId,
        });
      }
      // The facts not named stay as the applicant gave them.
      expect(after.get('cooperated')?.source).toBe('applicant');
      const all = await w.ctx.store.db
        .select()
        .from(caseFacts)
        .where(and(eq(caseFacts.caseId, c.id), eq(caseFacts.fact, 'lossAmount')));
      expect(all).toHaveLength(2);
      const events = await w.ctx.store.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, c.id))
        .orderBy(caseEvents.seq);
      expect(events).toHaveLength(r.case.eventCount);
      expect(events.at(-1)).toMatchObject({
        type: 'case.facts_confirmed',
        reason: '经调阅会议纪要核实。',
        payload: {
          source: 'investigator',
          facts: [
            { fact: 'privateGain', value: false, previousSource: 'applicant' },
            { fact: 'lossAmount', value: 1_200_000, previousSource: 'applicant' },
          ],
        },
      });
      expect(r.result.facts.map((f) => f.fact)).toEqual(['privateGain', 'lossAmount']);
    });

    it('refuses the whole request, naming the fact, when one is verified already or unrecorded', async () => {
      const c = await driveTo(w, 'verification');
      const r = await recordFact(w.ctx, w.actors.investigator!, {
        ...v(c),
        fact: 'cooperated',
        value: true,
      });
      let err: unknown;
      try {
        await confirmFacts(w.ctx, w.actors.investigator!, {
          ...v(r.case),
          facts: ['privateGain', 'cooperated', 'forceMajeureX'],
        });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION');
      expect((err as AppError).text.zh).toContain('cooperated、forceMajeureX');
      expect((await currentOf(w, c.id)).get('privateGain')?.source).toBe('applicant');
      expect((await caseRow(w, c.id)).version).toBe(r.case.version);
      expect(
        await codeOf(confirmFacts(w.ctx, w.actors.investigator!, { ...v(r.case), facts: [] })),
      ).toBe('VALIDATION');
    });

    it('only an investigator in scope, not a party, only during verification', async () => {
      const c = await driveTo(w, 'verification');
      const req = { ...v(c), facts: ['privateGain'] };
      expect(await codeOf(confirmFacts(w.ctx, w.actors.official!, req))).toBe('CASE_ROLE_REQUIRED');
      expect(await codeOf(confirmFacts(w.ctx, w.actors.outsiderIntake!, req))).toBe(
        'CASE_NOT_FOUND',
      );
      const later = await driveTo(w, 'consultation');
      expect(
        await codeOf(
          confirmFacts(w.ctx, w.actors.investigator!, { ...v(later), facts: ['privateGain'] }),
        ),
      ).toBe('CASE_WRONG_STATE');
    });
  },
  { open: { schema } },
);
