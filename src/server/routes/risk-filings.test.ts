import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createUnit } from '../../app/org.js';
import { accountabilityMatters, cases, readLog, type Schema } from '../../app/tables.js';
import { driveTo } from '../../app/testing/steps.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

interface FilingJson {
  id: string;
  title: string;
  unit: { id: string; name: { zh: string; en: string } };
  status: string;
  filedOn: string;
  decidedOn: string | null;
  risks: string;
  measures: string;
  reviewOpinion: string;
  linkedCases: { id: string; number: string; title: string }[];
  linkedCaseCount: number;
}

interface PageJson {
  items: FilingJson[];
  total: number;
  mayRecord: boolean;
}

describeStores<Schema>('GET and POST /api/risk-filings', (getStore) => {
  let w: HttpWorld;
  let farUnit: string;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    farUnit = (
      await createUnit(w.ctx, {
        jurisdictionId: w.ids.otherArea,
        nameZh: 'Y区发展改革局',
        nameEn: 'Y District Development and Reform Bureau',
      })
    ).id;
  });

  const filing = (over: Record<string, unknown> = {}) => ({
    unitId: w.ids.unit,
    title: '“标准地”出让改革试点方案',
    filedOn: '2024-10-20',
    status: 'accepted',
    risks: '试点政策与现行规定衔接不够，可能引发审计质疑。',
    measures: '报请上级同意，分阶段实施，全程留痕。',
    reviewOpinion: '同意报备，按方案稳妥推进。',
    ...over,
  });

  async function record(actor: string, body: Record<string, unknown>) {
    const c = await signIn(w, actor);
    return c.post('/api/risk-filings', body);
  }

  async function list(actor: string, query = ''): Promise<PageJson> {
    const c = await signIn(w, actor);
    const res = await c.get(`/api/risk-filings${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PageJson;
  }

  it('records a filing with its risks, measures and review, and lists it', async () => {
    const res = await record('intake', filing({ decidedOn: '2024-10-25' }));
    expect(res.statusCode, res.body).toBe(201);
    const made = (res.json() as { riskFiling: FilingJson }).riskFiling;
    expect(made).toMatchObject({ status: 'accepted', decidedOn: '2024-10-25' });
    const page = await list('investigator');
    expect(page.mayRecord).toBe(true);
    expect(page.items.find((f) => f.id === made.id)).toMatchObject({
      title: '“标准地”出让改革试点方案',
      unit: { id: w.ids.unit, name: { zh: '经济发展局', en: 'Economic Development Bureau' } },
      risks: '试点政策与现行规定衔接不够，可能引发审计质疑。',
      measures: '报请上级同意，分阶段实施，全程留痕。',
      reviewOpinion: '同意报备，按方案稳妥推进。',
      linkedCases: [],
      linkedCaseCount: 0,
    });
    const logged = await w.ctx.store.db
      .select()
      .from(readLog)
      .where(
        and(
          eq(readLog.what, 'risk_filing.list'),
          eq(readLog.userId, w.actors.investigator!.userId),
        ),
      );
    expect(logged.length).toBeGreaterThan(0);
  });

  it('another jurisdiction’s filings are not listed, and its officers do not see ours', async () => {
    const far = await record('outsiderIntake', filing({ unitId: farUnit, title: 'Y区报备事项' }));
    expect(far.statusCode, far.body).toBe(201);
    const ours = await list('intake', '?pageSize=100');
    expect(ours.items.some((f) => f.title === 'Y区报备事项')).toBe(false);
    const theirs = await list('outsiderIntake', '?pageSize=100');
    expect(theirs.items.map((f) => f.title)).toEqual(['Y区报备事项']);
    // Nor may they record one for our units.
    expect((await record('outsiderIntake', filing())).statusCode).toBe(403);
  });

  it('the official and a unit party organization may neither list nor record', async () => {
    for (const actor of ['official', 'unitParty']) {
      const c = await signIn(w, actor);
      const res = await c.get('/api/risk-filings');
      expect(res.statusCode).toBe(403);
      expect((res.json() as { error: { code: string } }).error.code).toBe(
        'RISK_FILING_ROLE_REQUIRED',
      );
      expect((await record(actor, filing())).statusCode).toBe(403);
    }
  });

  it('readers who do not record see the list without the form', async () => {
    const page = await list('auditor');
    expect(page.mayRecord).toBe(false);
    expect(page.total).toBeGreaterThan(0);
  });

  it('the review cannot end before the filing; a pending filing has no review date', async () => {
    const early = await record('intake', filing({ decidedOn: '2024-10-01' }));
    expect((early.json() as { error: { details: { field: string } } }).error.details.field).toBe(
      'decidedOn',
    );
    const pending = await record('intake', filing({ status: 'pending', title: '待审报备事项' }));
    expect((pending.json() as { riskFiling: FilingJson }).riskFiling.decidedOn).toBeNull();
  });

  it('filters by status, title, unit subtree and filing date', async () => {
    await record(
      'intake',
      filing({
        unitId: w.ids.subUnit,
        title: '招商科容缺受理报备',
        filedOn: '2024-11-05',
        status: 'rejected',
        reviewOpinion: '风险防控措施不具体，不予认可。',
      }),
    );
    await record(
      'intake',
      filing({ unitId: w.ids.otherUnit, title: '建设局工程变更报备', filedOn: '2024-12-01' }),
    );
    const titles = async (q: string) => (await list('intake', q)).items.map((f) => f.title);
    expect(await titles('?status=rejected')).toEqual(['招商科容缺受理报备']);
    expect(await titles('?status=pending')).toEqual(['待审报备事项']);
    expect(await titles(`?q=${encodeURIComponent('工程变更')}`)).toEqual(['建设局工程变更报备']);
    const underUnit = await titles(`?unitId=${w.ids.unit}&pageSize=100`);
    expect(underUnit).toContain('招商科容缺受理报备');
    expect(underUnit).not.toContain('建设局工程变更报备');
    expect(await titles('?filedFrom=2024-11-01&filedTo=2024-11-30')).toEqual([
      '招商科容缺受理报备',
    ]);
    const bad = await (await signIn(w, 'intake')).get('/api/risk-filings?status=approved');
    expect(bad.statusCode).toBe(400);
  });

  it('lists the cases linked to a filing', async () => {
    const res = await record('intake', filing({ title: '关联案件的报备' }));
    const id = (res.json() as { riskFiling: FilingJson }).riskFiling.id;
    const c = await driveTo(w, 'verification');
    const inv = await signIn(w, 'investigator');
    const linked = await inv.post(`/api/cases/${c.id}/risk-filing`, {
      expectedVersion: c.version,
      riskFilingId: id,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    const item = (await list('intake', `?q=${encodeURIComponent('关联案件')}`)).items[0]!;
    const [row] = await w.ctx.store.db.select().from(cases).where(eq(cases.id, c.id));
    expect(item.linkedCases).toEqual([{ id: c.id, number: row!.number, title: row!.title }]);
    expect(item.linkedCaseCount).toBe(1);
  });

  it('an accountability matter keeps its source and referral', async () => {
    const c = await signIn(w, 'intake');
    const body = {
      officialId: w.ids.colleague,
      summary: '巡察发现项目审批程序不规范',
      openedOn: '2025-02-20',
      conductDate: '2024-09-01',
      source: 'inspection',
      sourceDetail: '区委第二巡察组反馈问题清单第3项',
    };
    const res = await c.post('/api/accountability-matters', body);
    expect(res.statusCode, res.body).toBe(201);
    const rows = await w.ctx.store.db
      .select()
      .from(accountabilityMatters)
      .where(eq(accountabilityMatters.summary, body.summary));
    expect(rows[0]).toMatchObject({ source: 'inspection', sourceDetail: body.sourceDetail });
    const wrong = await c.post('/api/accountability-matters', { ...body, source: 'rumour' });
    expect(wrong.statusCode).toBe(400);
    const early = await c.post('/api/accountability-matters', { ...body, openedOn: '2024-08-01' });
    expect((early.json() as { error: { details: { field: string } } }).error.details.field).toBe(
      'openedOn',
    );
  });
});
