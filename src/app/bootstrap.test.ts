import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { shippedInstrumentsDir } from '../evaluation/instrument.js';
import { createTestSchema, testDatabaseUrl, type TestSchema } from '../store/testing/harness.js';
import { openApp, type OpenAppOptions } from './bootstrap.js';
import { createCampaign } from './evaluation/create-campaign.js';
import { campaignInput } from './evaluation/testing.js';
import { evaluationInstruments } from './tables.js';
import { buildWorld } from './testing/world.js';

const tmp = mkdtempSync(join(tmpdir(), 'rongcuo-bootstrap-'));
const schemas: TestSchema[] = [];
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  for (const s of schemas) await s.drop();
});

/** Where a fresh store is, for each kind: a PGlite directory, or a fresh PostgreSQL schema. */
const kinds: [string, () => Promise<OpenAppOptions>][] = [
  ['pglite', async () => ({ dataDir: join(tmp, `store-${Math.random().toString(36)}`) })],
];
if (testDatabaseUrl) {
  kinds.push([
    'postgres',
    async () => {
      const schema = await createTestSchema(testDatabaseUrl!);
      schemas.push(schema);
      return { databaseUrl: testDatabaseUrl, searchPath: schema.name };
    },
  ]);
}

describe.each(kinds)('opening the app installs the shipped instruments [%s]', (_kind, fresh) => {
  it('installs them once: opening again inserts nothing; a campaign can use seed000-v1', async () => {
    const where = await fresh();
    const first = await openApp(where);
    try {
      expect(first.instruments).toEqual({ installed: ['seed000-v1'], differing: [] });
      const w = await buildWorld(first.store);
      const made = await createCampaign(
        w.ctx,
        w.actors.liaison!,
        campaignInput(w, { instrumentId: 'seed000-v1' }),
      );
      expect(made.version).toBe(0);
    } finally {
      await first.close();
    }
    const again = await openApp(where);
    try {
      expect(again.instruments).toEqual({ installed: [], differing: [] });
      const rows = await again.store.db
        .select({ id: evaluationInstruments.id })
        .from(evaluationInstruments);
      expect(rows.map((r) => r.id)).toEqual(['seed000-v1']);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('leaves a stored instrument whose shipped file changed alone, and says which', async () => {
    const where = await fresh();
    await (await openApp(where)).close();
    const dir = join(tmp, `changed-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    const file = join(dir, 'seed000-v1.yaml');
    copyFileSync(join(shippedInstrumentsDir(), 'seed000-v1.yaml'), file);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '  zh: 容错纠错机制实施情况干部问卷调查\n',
        '  zh: 容错纠错机制实施情况干部问卷调查（改）\n',
      ),
    );
    const app = await openApp({ ...where, instrumentsDir: dir });
    try {
      expect(app.instruments).toEqual({ installed: [], differing: ['seed000-v1'] });
      const [row] = await app.store.db
        .select({ body: evaluationInstruments.body })
        .from(evaluationInstruments)
        .where(eq(evaluationInstruments.id, 'seed000-v1'));
      expect(row!.body.title.zh).toBe('容错纠错机制实施情况干部问卷调查');
    } finally {
      await app.close();
    }
  }, 120_000);
});
