/**
 * Finding cases (issue 10): the work queue's filters by identity card, unit subtree, post, the
 * days a case was opened, accepted and decided, and the outcome in force — each combined with the scope,
 * the other filters and keyset paging, on both stores.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { describeStores } from '../../store/testing/harness.js';
import { acceptCase } from '../cases/accept.js';
import { recordAccountabilityMatter } from '../cases/open-ex-officio.js';
import { cases, officials, readLog, type Schema } from '../tables.js';
import { codeOf, driveTo } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { listCases, type ListCasesInput } from './case-list.js';

const ZHANG_SAN_ID = '33011019800315105X';
const LI_SI_ID = '110101199003071233';

describeStores<Schema>('the case list: finding cases', (getStore) => {
  let w: World;
  let exempted: string; // 张三's, decided exempted on 2025-03-03
  let lighter: string; // 李四's, decided lighter on 2025-03-10
  let pending: string; // 王五's, opened ex officio on 2025-03-12, accepted on 2025-03-14

  beforeAll(async () => {
    w = await buildWorld(getStore());
    const db = w.ctx.store.db;
    await db
      .update(officials)
      .set({ idCard: ZHANG_SAN_ID })
      .where(eq(officials.id, w.ids.official));
    await db.update(officials).set({ idCard: LI_SI_ID }).where(eq(officials.id, w.ids.colleague));
    w.clock.setDay('2025-03-03');
    exempted = (await driveTo(w, 'determined')).id;
    w.clock.setDay('2025-03-10');
    lighter = (
      await driveTo(w, 'determined', {
        applicant: w.actors.colleague,
        officialId: w.ids.colleague,
        title: '园区道路应急抢修',
        outcome: 'lighter',
        departureReasons: '当事人事后积极整改，经集体研究从轻处理。',
      })
    ).id;
    w.clock.setDay('2025-03-12');
    pending = (
      await recordAccountabilityMatter(w.ctx, w.actors.intake!, {
        officialId: w.ids.otherOfficial,
        summary: '为赶工期先行支付部分工程款，未履行完备的审批程序。',
        openedOn: '2025-03-12',
        conductDate: '2025-01-10',
      })
    ).case.id;
    w.clock.setDay('2025-03-14');
    await acceptCase(w.ctx, w.actors.intake!, { caseId: pending, expectedVersion: 1 });
  }, 120_000);

  async function ids(actor: Actor | undefined, input: ListCasesInput): Promise<string[]> {
    const page = await listCases(w.ctx, actor!, { pageSize: 100, ...input });
    return page.items.map((i) => i.id).sort();
  }

  it('finds an official’s cases by identity card, matched exactly, a final x read as X', async () => {
    const intake = w.actors.intake;
    expect(await ids(intake, { idCard: ZHANG_SAN_ID })).toEqual([exempted]);
    expect(await ids(intake, { idCard: ' 33011019800315105x ' })).toEqual([exempted]);
    expect(await ids(intake, { idCard: LI_SI_ID })).toEqual([lighter]);
    // A valid number of no one finds nothing; a part of a number is not a match.
    expect(await ids(intake, { idCard: '110101199003070011' })).toEqual([]);
    expect(await codeOf(listCases(w.ctx, intake!, { idCard: '3301101980' }))).toBe('VALIDATION');
    // The check character is checked: one digit mistyped.
    expect(await codeOf(listCases(w.ctx, intake!, { idCard: '33011019800315106X' }))).toBe(
      'VALIDATION',
    );
  });

  it('keeps the scope: an officer of another district finds nothing by identity card', async () => {
    expect(await ids(w.actors.outsiderIntake, { idCard: ZHANG_SAN_ID })).toEqual([]);
    expect(await ids(w.actors.official, { idCard: LI_SI_ID })).toEqual([]);
  });

  it('finds by unit subtree, by post, and by both with the state', async () => {
    const intake = w.actors.intake;
    expect(await ids(intake, { unitId: w.ids.unit })).toEqual([exempted, lighter].sort());
    expect(await ids(intake, { unitId: w.ids.subUnit })).toEqual([exempted]);
    expect(await ids(intake, { unitId: w.ids.otherUnit })).toEqual([pending]);
    expect(await ids(intake, { post: '科长' })).toEqual([exempted]);
    expect(await ids(intake, { post: 'section' })).toEqual([exempted]);
    expect(await ids(intake, { post: '局长' })).toEqual([]);
    expect(await ids(intake, { unitId: w.ids.unit, state: 'determined', post: '科长' })).toEqual([
      exempted,
    ]);
    expect(await codeOf(listCases(w.ctx, intake!, { unitId: 'not-a-unit' }))).toBe('VALIDATION');
    expect(await codeOf(listCases(w.ctx, intake!, { post: '长' }))).toBe('VALIDATION');
  });

  it('finds by the day a case was opened and the day and outcome of the decision in force', async () => {
    const intake = w.actors.intake;
    expect(await ids(intake, { appliedFrom: '2025-03-03', appliedTo: '2025-03-03' })).toEqual([
      exempted,
    ]);
    expect(await ids(intake, { appliedFrom: '2025-03-04' })).toEqual([lighter, pending].sort());
    expect(await ids(intake, { decidedTo: '2025-03-09' })).toEqual([exempted]);
    expect(await ids(intake, { decidedFrom: '2025-03-01', decidedTo: '2025-03-31' })).toEqual(
      [exempted, lighter].sort(),
    );
    expect(await ids(intake, { outcome: 'lighter' })).toEqual([lighter]);
    const kept = await w.ctx.store.db
      .select({ id: cases.id, outcome: cases.outcomeInForce })
      .from(cases)
      .where(eq(cases.id, exempted));
    expect(kept).toEqual([{ id: exempted, outcome: 'exempted' }]);
    expect(await ids(intake, { outcome: 'exempted', decidedFrom: '2025-03-10' })).toEqual([]);
    expect(await ids(intake, { outcome: 'not_tolerated' })).toEqual([]);
    for (const bad of [
      { appliedFrom: '2025-03-05', appliedTo: '2025-03-04' },
      { decidedFrom: '2025-02-30' },
      { outcome: 'Exempted; drop' },
    ]) {
      expect(await codeOf(listCases(w.ctx, intake!, bad)), JSON.stringify(bad)).toBe('VALIDATION');
    }
  });

  it('finds by the day intake accepted the case, kept by the accept transition', async () => {
    const intake = w.actors.intake;
    const accepted = await w.ctx.store.db
      .select({ id: cases.id, on: cases.acceptedOn })
      .from(cases)
      .where(eq(cases.id, pending));
    expect(accepted).toEqual([{ id: pending, on: '2025-03-14' }]);
    expect(await ids(intake, { acceptedFrom: '2025-03-03', acceptedTo: '2025-03-03' })).toEqual([
      exempted,
    ]);
    expect(await ids(intake, { acceptedTo: '2025-03-10' })).toEqual([exempted, lighter].sort());
    // Opened on the 12th, accepted on the 14th: the two days are filtered apart.
    expect(await ids(intake, { acceptedFrom: '2025-03-13' })).toEqual([pending]);
    expect(await ids(intake, { appliedFrom: '2025-03-12', acceptedTo: '2025-03-13' })).toEqual([]);
    expect(await ids(intake, { acceptedFrom: '2025-03-14', unitId: w.ids.otherUnit })).toEqual([
      pending,
    ]);
    expect(await ids(w.actors.outsiderIntake, { acceptedFrom: '2025-03-01' })).toEqual([]);
    for (const bad of [
      { acceptedFrom: '2025-03-15', acceptedTo: '2025-03-14' },
      { acceptedTo: '2025-13-01' },
    ]) {
      expect(await codeOf(listCases(w.ctx, intake!, bad)), JSON.stringify(bad)).toBe('VALIDATION');
    }
  });

  it('pages a filtered list: every case once, in order', async () => {
    const input = { decidedFrom: '2025-03-01', unitId: w.ids.unit };
    const whole = await ids(w.actors.intake, input);
    const first = await listCases(w.ctx, w.actors.intake!, { ...input, pageSize: 1 });
    expect(first.total).toBe(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listCases(w.ctx, w.actors.intake!, {
      ...input,
      pageSize: 1,
      cursor: first.nextCursor!,
    });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.id).sort()).toEqual(whole);
  });

  it('logs the filters of a read, the identity card masked, and never lists the number', async () => {
    const page = await listCases(w.ctx, w.actors.auditor!, {
      idCard: ZHANG_SAN_ID,
    });
    expect(JSON.stringify(page)).not.toContain(ZHANG_SAN_ID.slice(4, 14));
    const actor = w.actors.auditor!;
    const rows = await w.ctx.store.db
      .select({ detail: readLog.detail })
      .from(readLog)
      .where(and(eq(readLog.userId, actor.userId), eq(readLog.what, 'case.list')));
    const details = rows.map((r) => JSON.stringify(r.detail));
    expect(details).toContain(JSON.stringify({ idCard: '3301**********105X' }));
    expect(details.join()).not.toContain(ZHANG_SAN_ID);
  });
});
