/**
 * A measure's *may* and its scope on the case side (issue 13): the Sichuan free-trade zone's
 * measure (packs/sichuan-ftz) gives a band — 可以免除相关责任或从轻、减轻处理 (Art. 2) — within
 * which the committee decides without departure reasons, and a result off the ladder for a
 * mistake outside its scope (不适用本办法, Arts. 2–3), which the committee may decide like any
 * outcome and which the determination words as what it is.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import {
  loadDecisionDocumentInput,
  renderDecisionDocument,
} from '../documents/decision-document.js';
import { AppError } from '../errors.js';
import { getCase } from '../queries/case-view.js';
import { getRecommendation } from '../queries/recommendation.js';
import { determinations, jurisdictions, schema, type Schema } from '../tables.js';
import { advance, driveTo, EXEMPTED_FACTS, MINUTES } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { addMember } from './add-member.js';
import { decideCase } from './decide.js';
import { castVote } from './vote.js';
import type { CaseRow } from './record.js';

/** A zone official's pioneering innovation meeting the measure's six conditions. */
const { onReformTaskList: _xNewAreaOnly, ...NATIONAL } = EXEMPTED_FACTS;
const IN_SCOPE = {
  ...NATIONAL,
  purpose: 'reform_pilot',
  noPrecedent: true,
  policyBoundaryUnclear: true,
  ftzReformWork: true,
  otherAccountabilityBody: false,
  alignedWithDirectives: true,
  institutionalInnovation: true,
};

describeStores<Schema>(
  'a band and a result off the ladder, decided by the committee',
  (getStore) => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(getStore());
      // The new area's cases are governed by the zone's measure in this world.
      await w.ctx.store.db
        .update(jurisdictions)
        .set({ packId: 'sichuan-ftz' })
        .where(eq(jurisdictions.id, w.ids.area));
    });

    /** The panel votes `outcome` and the chair decides it, with reasons where given. */
    async function decide(c: CaseRow, outcome: string, departureReasons?: string) {
      let row = c;
      const v = () => ({ caseId: row.id, expectedVersion: row.version });
      for (const m of [w.actors.chair!, w.actors.member1!, w.actors.member2!]) {
        row = (await castVote(w.ctx, m, { ...v(), outcome, reason: '同意。' })).case;
      }
      return decideCase(w.ctx, w.actors.chair!, {
        ...v(),
        outcome,
        minutes: MINUTES,
        ...(departureReasons ? { departureReasons } : {}),
      });
    }

    async function inDeliberation(facts: Record<string, unknown>): Promise<CaseRow> {
      const c = await driveTo(w, 'deliberation', {
        conductDate: '2024-09-01',
        facts: facts as typeof EXEMPTED_FACTS,
      });
      // Seat the panel without deciding: advance would vote and decide.
      let row = c;
      for (const m of [w.actors.member1!, w.actors.member2!]) {
        row = (
          await addMember(w.ctx, w.actors.chair!, {
            caseId: row.id,
            expectedVersion: row.version,
            userId: m.userId,
          })
        ).case;
      }
      return row;
    }

    it('decides within the band without departure reasons, and outside it only with them', async () => {
      const c = await inDeliberation(IN_SCOPE);
      const rec = await getRecommendation(w.ctx, w.actors.chair!, c.id);
      expect(rec.recommendation.recommended.map((o) => o.id)).toEqual([
        'exempted',
        'reduced',
        'lighter',
      ]);
      expect(rec.decision.withoutReasons).toEqual(['exempted', 'reduced', 'lighter']);

      // Outside the band: refused without reasons, naming the band.
      const other = await inDeliberation(IN_SCOPE);
      const refused = await decide(other, 'not_tolerated').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe('DEPARTURE_REASONS_REQUIRED');
      expect((refused as AppError).text.zh).toContain('范围内认定');
      expect((refused as AppError).details['recommended']).toEqual([
        'exempted',
        'reduced',
        'lighter',
      ]);

      // Within it: the less favourable end of the band needs no reasons and does not depart.
      const { case: decided } = await decide(c, 'lighter');
      const [d] = await w.ctx.store.db
        .select()
        .from(determinations)
        .where(eq(determinations.caseId, decided.id));
      expect(d!.outcome).toBe('lighter');
      expect(d!.departs).toBe(false);
      expect(d!.departureReasons).toBe('');
      expect(d!.recommendedOutcomes).toEqual(['exempted', 'reduced', 'lighter']);
      const view = await getCase(w.ctx, w.actors.chair!, decided.id);
      expect(view.determinations[0]!.recommended.map((o) => o.id)).toEqual([
        'exempted',
        'reduced',
        'lighter',
      ]);
      expect(view.determinations[0]!.departs).toBe(false);

      // The 认定书 words the band as what the body considered, and does not call it a departure.
      const doc = renderDecisionDocument(
        await loadDecisionDocumentInput(w.ctx, w.actors.chair!, decided.id),
        'zh',
      );
      const text = doc.sections.flatMap((s) => s.paragraphs).join('\n');
      expect(text).toContain('可以在免予问责（容错免责）、减轻问责、从轻问责范围内认定');
      expect(text).not.toContain('未采纳初步评估意见');
    });

    it('decides a mistake outside the measure’s scope as not applicable, a result off the ladder', async () => {
      const c = await inDeliberation({ ...IN_SCOPE, ftzReformWork: false });
      const rec = await getRecommendation(w.ctx, w.actors.chair!, c.id);
      expect(rec.recommendation.outcome).toBe('scftz-not-applicable');
      expect(rec.recommendation.recommended.map((o) => o.id)).toEqual(['scftz-not-applicable']);
      // The committee may choose it like any outcome: it is among the results it may vote for.
      expect(rec.ladder.map((o) => o.id)).toContain('scftz-not-applicable');

      const { case: decided } = await decide(c, 'scftz-not-applicable');
      const view = await getCase(w.ctx, w.actors.chair!, decided.id);
      expect(view.determinations[0]!.outcomeLabel?.zh).toBe('不适用本办法');
      expect(view.determinations[0]!.departs).toBe(false);
      const doc = renderDecisionDocument(
        await loadDecisionDocumentInput(w.ctx, w.actors.chair!, decided.id),
        'zh',
      );
      const text = doc.sections.flatMap((s) => s.paragraphs).join('\n');
      expect(text).toContain('认定：不适用本办法。');
      // Not a tolerance outcome: no consequences section of a tolerated official.
      expect(doc.sections.map((s) => s.heading).join()).not.toContain('结果运用');
      const notified = await advance(w, decided, 'notified');
      expect(notified.state).toBe('notified');
    });
  },
  { open: { schema } },
);
