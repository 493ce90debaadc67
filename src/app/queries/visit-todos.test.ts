/**
 * The follow-up visits on the workbench (visit-todos.ts) and in its export: the liaison's visits to
 * make, due soon or overdue on the visit's own day whatever the case's state, and the results to
 * send on; nobody else's, and nothing for other roles. On both stores.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { describeStores } from '../../store/testing/harness.js';
import { jurisdictions, readLog, schema, type Schema } from '../tables.js';
import { caseRow, codeOf, driveTo } from '../testing/steps.js';
import { insertVisit } from '../testing/visit-rows.js';
import { firstSheetOf } from '../testing/workbook.js';
import { buildWorld, type World } from '../testing/world.js';
import { recordVisit } from '../visits/record-visit.js';
import { reportVisits } from '../visits/report-visits.js';
import { exportTodos } from './todos-export.js';
import { getTodos, type TodoGroup, type Todos } from './todos.js';
import { visitsView } from './visits.js';

const visitGroups = (t: Todos): TodoGroup[] =>
  t.groups.filter((g) => g.action === 'recordVisit' || g.action === 'reportVisit');

describeStores<Schema>(
  'follow-up visits on the workbench (回访)',
  (getStore) => {
    let w: World;
    const visit: Record<string, { id: string; caseId: string; number: string }> = {};
    let otherLiaison: Actor;

    beforeAll(async () => {
      // Monday 3 March 2025: three working days ahead is Thursday the 6th.
      w = await buildWorld(getStore(), '2025-03-03');
      const liaison = w.actors.liaison!.userId;
      const add = async (name: string, dueOn: string) => {
        const c = await driveTo(w, 'notified', { title: `回访${name}` });
        const v = await insertVisit(w.ctx.store.db, c, liaison, { dueOn });
        visit[name] = { id: v.id, caseId: c.id, number: c.number };
      };
      await add('soon', '2025-03-05');
      await add('late', '2025-02-27');
      await add('recorded', '2025-03-20');
      const c = await caseRow(w, visit['recorded']!.caseId);
      await recordVisit(w.ctx, w.actors.liaison!, {
        visitId: visit['recorded']!.id,
        expectedVersion: c.version,
        visitedOn: '2025-03-03',
        visitors: '区委组织部干部科 王科长',
        findings: '该同志工作积极主动，整改措施落实到位。',
        conclusion: 'performing_well',
      });
      const [other] = await w.ctx.store.db
        .select({ path: jurisdictions.path })
        .from(jurisdictions)
        .where(eq(jurisdictions.id, w.ids.otherArea));
      otherLiaison = {
        ...w.actors.liaison!,
        grants: [
          {
            role: 'org_liaison',
            scopeKind: 'jurisdiction',
            scopeId: w.ids.otherArea,
            scopePath: other!.path,
          },
        ],
      };
    }, 240_000);

    it('gives the liaison the visits to make, with their due status, and the results to send', async () => {
      const groups = visitGroups(await getTodos(w.ctx, w.actors.liaison!));
      expect(groups.map((g) => g.action)).toEqual(['recordVisit', 'reportVisit']);
      const [record, report] = groups;
      // Nearest due first; the visit's own day, though no step clock runs on a notified case.
      expect(record!.items.map((i) => [i.caseId, i.subjectId, i.dueOn, i.dueStatus])).toEqual([
        [visit['late']!.caseId, visit['late']!.id, '2025-02-27', 'overdue'],
        [visit['soon']!.caseId, visit['soon']!.id, '2025-03-05', 'due_soon'],
      ]);
      expect(report!.items.map((i) => [i.caseId, i.subjectId, i.dueOn, i.dueStatus])).toEqual([
        [visit['recorded']!.caseId, visit['recorded']!.id, null, null],
      ]);
      expect(record!.more).toBe(false);
    });

    it('gives them nothing of another jurisdiction, and other roles nothing at all', async () => {
      expect(visitGroups(await getTodos(w.ctx, otherLiaison))).toEqual([]);
      for (const name of ['chair', 'cityChair', 'intake', 'official', 'unitParty', 'auditor']) {
        expect(visitGroups(await getTodos(w.ctx, w.actors[name]!)), name).toEqual([]);
      }
    });

    it('takes the visits’ tasks into the export, and logs them', async () => {
      const out = await exportTodos(w.ctx, w.actors.liaison!, 'zh');
      const sheet = await firstSheetOf(out.stream);
      const rows = Array.from({ length: sheet.rowCount - 3 }, (_, n) =>
        (sheet.getRow(n + 4).values as unknown[]).slice(2, 4),
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          ['记录回访结果', visit['late']!.number],
          ['记录回访结果', visit['soon']!.number],
          ['报送回访结果', visit['recorded']!.number],
        ]),
      );
      const [log] = await w.ctx.store.db
        .select({ detail: readLog.detail })
        .from(readLog)
        .where(
          and(eq(readLog.userId, w.actors.liaison!.userId), eq(readLog.what, 'case.todos.export')),
        );
      expect(log!.detail).toMatchObject({ tasks: { recordVisit: 2, reportVisit: 1 } });
    });

    it('opens the 回访 screen on the visit of a task, for the liaison who may see it only', async () => {
      const view = await visitsView(w.ctx, w.actors.liaison!, { visitId: visit['soon']!.id });
      expect(view.jurisdiction.id).toBe(w.ids.area);
      expect(view.visits.find((v) => v.id === visit['soon']!.id)?.abilities.record).toBe(true);
      expect(await codeOf(visitsView(w.ctx, otherLiaison, { visitId: visit['soon']!.id }))).toBe(
        'VISIT_NOT_FOUND',
      );
      expect(await codeOf(visitsView(w.ctx, w.actors.liaison!, { visitId: 'x' }))).toBe(
        'VISIT_NOT_FOUND',
      );
    });

    it('follows the visit: recorded, it is to send; sent, it is gone', async () => {
      const c = await caseRow(w, visit['soon']!.caseId);
      await recordVisit(w.ctx, w.actors.liaison!, {
        visitId: visit['soon']!.id,
        expectedVersion: c.version,
        visitedOn: '2025-03-03',
        visitors: '区委组织部干部科 李干事',
        findings: '该同志思想稳定，工作状态良好。',
        conclusion: 'performing_well',
      });
      await reportVisits(w.ctx, w.actors.liaison!, { visitIds: [visit['recorded']!.id] });
      const groups = visitGroups(await getTodos(w.ctx, w.actors.liaison!));
      expect(groups.map((g) => [g.action, g.items.map((i) => i.subjectId)])).toEqual([
        ['recordVisit', [visit['late']!.id]],
        ['reportVisit', [visit['soon']!.id]],
      ]);
    });
  },
  { open: { schema } },
);
