import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { readLog, schema, type Schema } from '../../app/tables.js';
import { driveTo, EXEMPTED_FACTS } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

interface Answer {
  recommendation: {
    source: string;
    determinationId: string | null;
    asOf: string;
    outcome: string;
    label: { zh: string; en: string };
    undetermined: boolean;
    reasons: {
      rule: string;
      clauses: { citation: { zh: string; en: string } }[];
      facts: { fact: string; label: { zh: string }; value: { zh: string; en: string } }[];
    }[];
    whyNot: { outcome: string; failed: { text: { zh: string } }[] }[];
    missingFacts: { fact: string; label: { zh: string; en: string } }[];
    recommended: { id: string }[];
    recommendationText: { zh: string; en: string } | null;
    resultKind: string | null;
    situations: { rule: string; decisive: boolean; clauses: string[] }[] | null;
    negativeList: { rule: string; status: string; clauses: string[] }[] | null;
    citedClauses: { id: string; citation: { zh: string } }[] | null;
  };
  ladder: { id: string; label: { zh: string; en: string } }[];
  decision: { withoutReasons: string[]; minDepartureReasons: number };
}

describeStores<Schema>(
  'the committee’s read side: recommendation and panel candidates',
  (getStore) => {
    let w: HttpWorld;
    beforeAll(async () => {
      w = await buildHttpWorld(getStore());
    });

    const readsOf = async (userId: string, caseId: string, what: string) =>
      (
        await w.ctx.store.db
          .select()
          .from(readLog)
          .where(
            and(eq(readLog.userId, userId), eq(readLog.caseId, caseId), eq(readLog.what, what)),
          )
      ).length;

    it('gives officers the recommendation on the current facts with reasons, clauses and the ladder, and logs the read', async () => {
      const c = await driveTo(w, 'deliberation');
      const investigator = await signIn(w, 'investigator');
      const res = await investigator.get(`/api/cases/${c.id}/recommendation`);
      expect(res.statusCode).toBe(200);
      const a = res.json() as Answer;
      expect(a.recommendation).toMatchObject({
        source: 'current',
        determinationId: null,
        outcome: 'exempted',
        undetermined: false,
        asOf: '2025-03-03',
      });
      expect(a.recommendation.reasons.length).toBeGreaterThan(0);
      const cited = a.recommendation.reasons.flatMap((r) => r.clauses.map((x) => x.citation.zh));
      expect(cited.some((z) => z.includes('第'))).toBe(true);
      // Facts come in words, both languages.
      const used = a.recommendation.reasons.flatMap((r) => r.facts);
      expect(used.length).toBeGreaterThan(0);
      expect(used.every((f) => f.label.zh !== '' && f.value.zh !== '' && f.value.en !== '')).toBe(
        true,
      );
      expect(a.recommendation.missingFacts).toEqual([]);
      expect(a.ladder.map((o) => o.id)).toEqual(
        expect.arrayContaining(['exempted', 'lighter', 'not_tolerated']),
      );
      expect(a.decision).toEqual({ withoutReasons: ['exempted'], minDepartureReasons: 10 });
      expect(a.recommendation.recommended.map((o) => o.id)).toEqual(['exempted']);
      // Worded as a recommendation to the collective body, not as the decision.
      expect(a.recommendation.recommendationText!.zh).toMatch(/^建议.*集体研究/);
      expect(a.recommendation.resultKind).toBe('ladder');
      // The explanation's sections: situations held, the negative list checked, clauses once.
      const r = a.recommendation;
      expect(r.situations!.some((x) => x.decisive)).toBe(true);
      expect(r.negativeList!.length).toBeGreaterThan(0);
      expect(r.negativeList!.every((x) => x.status === 'absent')).toBe(true);
      const once = new Set(r.citedClauses!.map((x) => x.id));
      expect(once.size).toBe(r.citedClauses!.length);
      for (const x of [...r.situations!, ...r.negativeList!]) {
        for (const id of x.clauses) expect(once.has(id)).toBe(true);
      }
      expect(await readsOf(w.actors.investigator!.userId, c.id, 'case.recommendation')).toBe(1);
    });

    it('lists the facts that still matter when the rules cannot decide, and then every outcome needs reasons', async () => {
      const facts: Record<string, unknown> = { ...EXEMPTED_FACTS };
      delete facts['privateGain'];
      delete facts['knowinglyViolated'];
      const c = await driveTo(w, 'deliberation', {
        facts: facts as typeof EXEMPTED_FACTS,
      });
      const chair = await signIn(w, 'chair');
      const a = (await chair.get(`/api/cases/${c.id}/recommendation`)).json() as Answer;
      expect(a.recommendation.undetermined).toBe(true);
      expect(a.recommendation.missingFacts.map((m) => m.fact)).toEqual(
        expect.arrayContaining(['privateGain']),
      );
      const gain = a.recommendation.missingFacts.find((m) => m.fact === 'privateGain')!;
      expect(gain.label.zh).not.toBe('privateGain');
      expect(a.decision.withoutReasons).toEqual([]);
      expect(a.recommendation.recommended).toEqual([]);
    });

    it('after the decision answers the recommendation stored with the determination, not a new one', async () => {
      const c = await driveTo(w, 'determined', {
        outcome: 'lighter',
        departureReasons: '当事人在事后整改中态度一般，认定机构决定从轻而非免责。',
      });
      // Change the stored copy: the answer must be what the store holds for this determination.
      // It is also made to look stored before bands and the explanation's sections were given.
      await w.ctx.store.db.execute(
        sql`update determinations set recommendation = jsonb_set(recommendation, '{outcome}', '"reduced"') - 'recommended' - 'situations' - 'negativeList' - 'citedClauses' - 'recommendation' - 'resultKind' where case_id = ${c.id}`,
      );
      const member1 = await signIn(w, 'member1');
      const res = await member1.get(`/api/cases/${c.id}/recommendation`);
      expect(res.statusCode).toBe(200);
      const a = res.json() as Answer;
      expect(a.recommendation.source).toBe('determination');
      expect(a.recommendation.determinationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.recommendation.outcome).toBe('reduced');
      expect(a.recommendation.recommended.map((o) => o.id)).toEqual(['reduced']);
      expect(a.recommendation.situations).toBeNull();
      expect(a.recommendation.negativeList).toBeNull();
      expect(a.recommendation.citedClauses).toBeNull();
      expect(a.recommendation.recommendationText).toBeNull();
      expect(a.recommendation.resultKind).toBeNull();
    });

    it('refuses the parties (403) and hides the case from users out of scope (404)', async () => {
      const c = await driveTo(w, 'deliberation');
      const official = await signIn(w, 'official');
      const party = await official.get(`/api/cases/${c.id}/recommendation`);
      expect(party.statusCode).toBe(403);
      expect(party.json().error.code).toBe('FORBIDDEN');
      expect(party.json().error.message.zh).toContain('办案人员');
      const outsider = await signIn(w, 'outsiderIntake');
      const hidden = await outsider.get(`/api/cases/${c.id}/recommendation`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error.code).toBe('CASE_NOT_FOUND');
      const bad = await outsider.get(`/api/cases/not-a-uuid/recommendation`);
      expect(bad.statusCode).toBe(400);
      expect(await readsOf(w.actors.official!.userId, c.id, 'case.recommendation')).toBe(0);
    });

    it('lists who the chair may add to the panel: committee users in or above the jurisdiction, not parties, not seated, not who would decide an appeal', async () => {
      const c = await driveTo(w, 'deliberation');
      const chair = await signIn(w, 'chair');
      const url = `/api/cases/${c.id}/panel-candidates`;
      const first = await chair.get(url);
      expect(first.statusCode).toBe(200);
      const ids = (first.json().items as { id: string; canChair: boolean }[]).map((i) => i.id);
      const a = w.actors;
      expect(ids).toEqual(
        expect.arrayContaining([a.member1!.userId, a.member2!.userId, a.chair!.userId]),
      );
      // The city chair would decide an appeal of the case (issue 10): not a candidate.
      expect(ids).not.toContain(a.cityChair!.userId);
      // The official sits on the committee too, but is a party; officers of other roles never sit.
      expect(ids).not.toContain(a.officialOnCommittee!.userId);
      expect(ids).not.toContain(a.intake!.userId);
      const chairItem = (first.json().items as { id: string; canChair: boolean }[]).find(
        (i) => i.id === a.chair!.userId,
      );
      expect(chairItem?.canChair).toBe(true);

      const added = await chair.post(`/api/cases/${c.id}/members`, {
        expectedVersion: c.version,
        userId: a.member1!.userId,
      });
      expect(added.statusCode).toBe(200);
      const after = (await chair.get(url)).json().items as { id: string }[];
      expect(after.map((i) => i.id)).not.toContain(a.member1!.userId);
      // The chair who constituted the panel now sits on it.
      expect(after.map((i) => i.id)).not.toContain(a.chair!.userId);
      expect(await readsOf(a.chair!.userId, c.id, 'case.panel_candidates')).toBe(2);

      const member1 = await signIn(w, 'member1');
      const refused = await member1.get(url);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('CASE_ROLE_REQUIRED');
    });

    it('previews the decision document of an outcome before deciding, with the departure reasons; nothing is stored', async () => {
      const c = await driveTo(w, 'deliberation');
      const chair = await signIn(w, 'chair');
      const url = `/api/cases/${c.id}/decision-preview`;
      const res = await chair.post(url, {
        outcome: 'lighter',
        departureReasons: '手续缺失较多，认定机构决定从轻而非免责。',
      });
      expect(res.statusCode).toBe(200);
      const doc = res.json().document as { title: string; documentNumber: string; text: string };
      expect(doc.title).toContain('认定决定');
      expect(doc.documentNumber).toBe('（认定后编号）');
      expect(doc.text).toContain('从轻问责');
      expect(doc.text).toContain('手续缺失较多，认定机构决定从轻而非免责。');
      const en = await chair.post(url, { outcome: 'exempted', lang: 'en' });
      expect(en.statusCode).toBe(200);
      expect(en.json().document.text).toContain('Exempted');
      expect(await readsOf(w.actors.chair!.userId, c.id, 'decision.preview')).toBe(2);
      // A preview changes nothing: same version, no determination.
      const seen = (await chair.get(`/api/cases/${c.id}`)).json();
      expect(seen).toMatchObject({ version: c.version, state: 'deliberation', determinations: [] });

      const bad = await chair.post(url, { outcome: 'pardoned' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.field).toBe('outcome');
      const party = await (await signIn(w, 'official')).post(url, { outcome: 'exempted' });
      expect(party.statusCode).toBe(403);
    });

    it('refuses a preview once decided: the document itself is there', async () => {
      const c = await driveTo(w, 'determined');
      const chair = await signIn(w, 'chair');
      const res = await chair.post(`/api/cases/${c.id}/decision-preview`, { outcome: 'exempted' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CASE_WRONG_STATE');
      expect(res.json().error.message.zh).toContain('正式认定书');
    });

    it('describes the three routes in the OpenAPI document', async () => {
      const doc = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      expect(doc.paths['/api/cases/{id}/recommendation'].get.summary).toContain('recommendation');
      expect(doc.paths['/api/cases/{id}/panel-candidates'].get).toBeDefined();
      const preview = doc.paths['/api/cases/{id}/decision-preview'].post;
      const body = preview.requestBody.content['application/json'].schema;
      expect(body.required).toEqual(['outcome']);
      expect(body.additionalProperties).toBe(false);
    });
  },
  { open: { schema } },
);
