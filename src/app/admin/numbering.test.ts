/**
 * The administrator sets a jurisdiction's document numbering (numbering.ts): the issuing code
 * and a pattern per kind, checked for {year} and {n}, recorded in the administration trail, and
 * applied to numbers taken afterwards only.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import { AppError } from '../errors.js';
import { adminEvents, determinations, schema, type Schema } from '../tables.js';
import { codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { documentNumbering, setDocumentNumbering } from './numbering.js';

describeStores<Schema>(
  'a jurisdiction’s document numbering, set by its administrator',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
    });

    const numberOf = async (caseId: string) =>
      (
        await w.ctx.store.db
          .select({ n: determinations.documentNumber })
          .from(determinations)
          .where(eq(determinations.caseId, caseId))
      )[0]!.n;

    it('shows the defaults, sets code and patterns for what is issued afterwards, on the record', async () => {
      const admin = w.actors.admin!;
      const before = await documentNumbering(w.ctx, admin, w.ids.area);
      expect(before).toMatchObject({ code: null, defaultCode: 'X新' });
      expect(before.patterns.find((p) => p.type === 'determination')).toEqual({
        type: 'determination',
        pattern: null,
        defaultPattern: '{code}容认〔{year}〕{n}号',
      });
      const earlier = await driveTo(w, 'determined');
      const earlierNumber = await numberOf(earlier.id);
      expect(earlierNumber).toMatch(/^X新容认〔2025〕\d+号$/);

      const after = await setDocumentNumbering(w.ctx, admin, w.ids.area, {
        code: ' X新管 ',
        patterns: { determination: '{代字}容纠认字〔{年份}〕第{序号}号', case: '  ' },
      });
      expect(after.code).toBe('X新管');
      expect(after.patterns.find((p) => p.type === 'determination')?.pattern).toBe(
        '{code}容纠认字〔{year}〕第{n}号',
      );
      const later = await driveTo(w, 'determined');
      expect(later.number).toMatch(/^X新管容申〔2025〕\d+号$/);
      expect(await numberOf(later.id)).toMatch(/^X新管容纠认字〔2025〕第\d+号$/);
      // Issued numbers stay as issued.
      expect(await numberOf(earlier.id)).toBe(earlierNumber);

      const trail = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .where(
          and(
            eq(adminEvents.action, 'jurisdiction.document_numbering'),
            eq(adminEvents.targetId, w.ids.area),
          ),
        );
      expect(trail).toHaveLength(1);
      expect(trail[0]!.payload).toEqual({
        before: { code: null, patterns: {} },
        after: { code: 'X新管', patterns: { determination: '{code}容纠认字〔{year}〕第{n}号' } },
      });
      // The same settings again change nothing and record nothing; blank restores the default.
      await setDocumentNumbering(w.ctx, admin, w.ids.area, {
        code: 'X新管',
        patterns: { determination: '{code}容纠认字〔{year}〕第{n}号' },
      });
      const reset = await setDocumentNumbering(w.ctx, admin, w.ids.area, {
        code: null,
        patterns: { determination: null },
      });
      expect(reset).toMatchObject({ code: null });
      expect(reset.patterns.every((p) => p.pattern === null)).toBe(true);
      const count = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .where(eq(adminEvents.action, 'jurisdiction.document_numbering'));
      expect(count).toHaveLength(2);
    });

    it('refuses a pattern without its year or serial, naming the field and the placeholder', async () => {
      const admin = w.actors.admin!;
      const set = (patterns: Record<string, string>, code: string | null = null) =>
        setDocumentNumbering(w.ctx, admin, w.ids.area, { code, patterns }).catch(
          (e: AppError) => e,
        );
      const noSerial = await set({ review_decision: '{code}容复〔{year}〕号' });
      expect(noSerial).toBeInstanceOf(AppError);
      expect((noSerial as AppError).details).toEqual({ field: 'patterns.review_decision' });
      expect((noSerial as AppError).text.zh).toContain('序号占位符 {序号}');
      const noYear = (await set({ publicity: '{code}容公{n}号' })) as AppError;
      expect(noYear.text.zh).toContain('年份占位符 {年份}');
      expect(noYear.text.en).toContain('{year}');
      const unknown = (await set({ publicity: '{code}〔{yyyy}〕{n}号' })) as AppError;
      expect(unknown.text.zh).toContain('“{yyyy}”不是可用的占位符');
      const badCode = (await set({}, 'X 新')) as AppError;
      expect(badCode.details).toEqual({ field: 'code' });
    });

    it('is for administrators only', async () => {
      expect(await codeOf(documentNumbering(w.ctx, w.actors.intake!, w.ids.area))).toBe(
        'ADMIN_ROLE_REQUIRED',
      );
      expect(
        await codeOf(
          setDocumentNumbering(w.ctx, w.actors.chair!, w.ids.area, { code: 'A', patterns: {} }),
        ),
      ).toBe('ADMIN_ROLE_REQUIRED');
      expect(await codeOf(documentNumbering(w.ctx, w.actors.admin!, 'no-such-place'))).toBe(
        'ORG_NOT_FOUND',
      );
    });
  },
  { open: { schema } },
);
