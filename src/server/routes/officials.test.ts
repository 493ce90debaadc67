import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { readLog, type Schema } from '../../app/tables.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildHttpWorld, signIn, type HttpWorld } from '../testing/http.js';

interface OfficialJson {
  id: string;
  name: string;
  position: { zh: string; en: string };
  unit: { id: string; name: { zh: string; en: string } };
  jurisdiction: { id: string; name: { zh: string; en: string }; packId: string };
  abilities: { apply: boolean; recordAccountabilityMatter: boolean };
  [k: string]: unknown;
}

interface PageJson {
  items: OfficialJson[];
  total: number;
  page: number;
  pageSize: number;
}

describeStores<Schema>('GET /api/officials', (getStore) => {
  let w: HttpWorld;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
  });

  async function list(actor: string, query = ''): Promise<PageJson> {
    const c = await signIn(w, actor);
    const res = await c.get(`/api/officials${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PageJson;
  }

  it('an official sees only themself, with their jurisdiction’s pack, and may apply', async () => {
    const page = await list('official');
    expect(page.total).toBe(1);
    expect(page.items).toEqual([
      {
        id: w.ids.official,
        name: '张三',
        position: { zh: '科长', en: 'Section chief' },
        unit: { id: w.ids.subUnit, name: { zh: '招商科', en: 'Investment Section' } },
        jurisdiction: {
          id: w.ids.area,
          name: { zh: 'X新区', en: 'X New Area' },
          packId: 'x-new-area',
        },
        abilities: { apply: true, recordAccountabilityMatter: false },
      },
    ]);
  });

  it('a unit party organization sees its unit subtree’s officials and may apply for them', async () => {
    const page = await list('unitParty');
    expect(page.items.map((o) => o.id).sort()).toEqual([w.ids.official, w.ids.colleague].sort());
    expect(page.items.every((o) => o.abilities.apply)).toBe(true);
    expect(page.items.some((o) => o.abilities.recordAccountabilityMatter)).toBe(false);
    const other = await list('otherUnitParty');
    expect(other.items.map((o) => o.id)).toEqual([w.ids.otherOfficial]);
  });

  it('intake sees the officials managed in its jurisdiction for ex-officio matters, not to apply', async () => {
    const page = await list('intake');
    expect(page.items.map((o) => o.id).sort()).toEqual(
      [w.ids.official, w.ids.colleague, w.ids.otherOfficial].sort(),
    );
    expect(page.items.every((o) => !o.abilities.apply)).toBe(true);
    expect(page.items.every((o) => o.abilities.recordAccountabilityMatter)).toBe(true);
  });

  it('users outside the scope, and roles that open no matters, get an empty list', async () => {
    expect(await list('outsiderIntake')).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    expect((await list('member1')).total).toBe(0);
    expect((await list('auditor')).total).toBe(0);
  });

  it('an official on a committee sees themself first and may apply only for themself', async () => {
    const page = await list('officialOnCommittee');
    expect(page.items.map((o) => o.id)).toEqual([w.ids.official]);
  });

  it('pages and searches by name', async () => {
    const first = await list('intake', '?pageSize=2');
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items).toHaveLength(2);
    const second = await list('intake', '?pageSize=2&page=2');
    expect(second.items).toHaveLength(1);
    expect([...first.items, ...second.items].map((o) => o.id).sort()).toEqual(
      [w.ids.official, w.ids.colleague, w.ids.otherOfficial].sort(),
    );
    const found = await list('intake', `?q=${encodeURIComponent('李')}`);
    expect(found.items.map((o) => o.name)).toEqual(['李四']);
    // LIKE wildcards are literals.
    expect((await list('intake', '?q=%25')).total).toBe(0);
  });

  it('refuses bad paging and unauthenticated calls with catalogue errors', async () => {
    const c = await signIn(w, 'unitParty');
    const bad = await c.get('/api/officials?pageSize=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION');
    const extra = await c.get('/api/officials?unitId=x');
    expect(extra.statusCode).toBe(400);
    const anon = await w.app.inject({ method: 'GET', url: '/api/officials' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('writes each list to the read log', async () => {
    const actor = w.actors['unitParty']!;
    const count = async () =>
      (
        await w.ctx.store.db
          .select()
          .from(readLog)
          .where(and(eq(readLog.userId, actor.userId), eq(readLog.what, 'official.list')))
      ).length;
    const before = await count();
    await list('unitParty');
    expect(await count()).toBe(before + 1);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json() as { paths: Record<string, { get?: { summary?: string } }> };
    expect(doc.paths['/api/officials']?.get?.summary).toContain('Officials');
  });
});
