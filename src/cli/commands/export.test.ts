/**
 * rongcuo export results on a PGlite store: --unit takes the unit and the units under it, with
 * --from/--to and the format; a bad unit or day is a one-line error in the language asked for (exit 2).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../app/bootstrap.js';
import { driveTo } from '../../app/testing/steps.js';
import { buildWorld } from '../../app/testing/world.js';
import { cli, expectOneLineError, tempDir } from '../testing/run.js';

const tmp = tempDir();
const data = join(tmp.dir, 'store');
let ids: { unit: string; subUnit: string; otherUnit: string };
const numbers: Record<string, string> = {};

beforeAll(async () => {
  const app = await openApp({ dataDir: data });
  try {
    const w = await buildWorld(app.store);
    ids = w.ids;
    w.clock.setDay('2025-03-03');
    // The investment section's official (under the economic development bureau), then the
    // construction bureau's.
    numbers.section = (await driveTo(w, 'notified')).number;
    w.clock.setDay('2025-03-10');
    numbers.other = (
      await driveTo(w, 'notified', {
        applicant: w.actors.otherUnitParty!,
        officialId: w.ids.otherOfficial,
      })
    ).number;
  } finally {
    await app.close();
  }
}, 240_000);
afterAll(() => tmp.remove());

/** The case numbers (column 7) of an exported CSV. */
function caseNumbers(file: string): string[] {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n').slice(1);
  return lines.map((l) => l.split(',')[6]!);
}

describe('rongcuo export results --unit', () => {
  it('takes the unit and the units under it', async () => {
    const out = join(tmp.dir, 'bureau.csv');
    const r = await cli([
      'export',
      'results',
      '--format',
      'csv',
      '--out',
      out,
      '--unit',
      ids.unit,
      '--data',
      data,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已导出 1 条');
    expect(caseNumbers(out)).toEqual([numbers.section]);

    const other = join(tmp.dir, 'other.csv');
    await cli([
      'export',
      'results',
      '--format',
      'csv',
      '--out',
      other,
      '--unit',
      ids.otherUnit,
      '--data',
      data,
    ]);
    expect(caseNumbers(other)).toEqual([numbers.other]);

    const none = join(tmp.dir, 'none.csv');
    const n = await cli([
      'export',
      'results',
      '--format',
      'csv',
      '--out',
      none,
      '--unit',
      ids.subUnit,
      '--from',
      '2025-03-04',
      '--data',
      data,
      '--lang',
      'en',
    ]);
    expect(n.stdout).toContain('Exported 0 result applications');
    expect(caseNumbers(none)).toEqual([]);
  }, 120_000);

  it('says what is wrong with a bad unit or day, on one line', async () => {
    const out = join(tmp.dir, 'bad.csv');
    expectOneLineError(
      await cli(['export', 'results', '--out', out, '--unit', 'bureau', '--data', data]),
      2,
      '单位的标识',
    );
    expectOneLineError(
      await cli([
        'export',
        'results',
        '--out',
        out,
        '--unit',
        crypto.randomUUID(),
        '--data',
        data,
        '--lang',
        'en',
      ]),
      2,
      'no such unit',
    );
    expectOneLineError(
      await cli(['export', 'results', '--out', out, '--from', '2025-02-30', '--data', data]),
      2,
      '2025-02-30',
    );
  }, 120_000);
});
