/**
 * The demo's accountability matters (问责衔接) in every state, made by the real use cases after
 * the cases are played (demo.ts), on the demo's last day. The ex-officio cases the demo opens
 * already carry their matters: those decided are `concluded` with the tolerance outcome fed back
 * by the decision itself. Here, on the matters ordered by case number:
 *
 *   open with circumstances — the first open matter: Art. 17 three distinctions, Art. 18 cooperation
 *   lifelong                — the second open matter: a major decision under lifelong accountability
 *   concluded               — the first concluded matter also gets its Art. 18 circumstances
 *   referred                — the last concluded matter is referred to the supervisory commission:
 *                             its outcome stays fed back, but the matter stays with that body
 *
 * (The demo's only review that changes a determination is on an application, which has no matter:
 * a replaced outcome is shown by the tests, not the demo.)
 */
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../domain/roles.js';
import type { AppContext } from './context.js';
import { addDaysIso } from './dates.js';
import { recordCircumstances } from './matters/record-circumstances.js';
import { recordReferral } from './matters/record-referral.js';
import { accountabilityMatters, cases } from './tables.js';

export interface MatterCast {
  readonly ctx: AppContext;
  /** Moves the demo's clock to `day` (or on by a few minutes the same day). */
  readonly at: (day: string) => void;
  readonly actor: (username: string) => Actor;
  /** The demo's last day. */
  readonly asOf: string;
}

/** The cases opened on a matter, by number, with their matter's status. */
async function matterCases(ctx: AppContext) {
  return ctx.store.db
    .select({ id: cases.id, version: cases.version, status: accountabilityMatters.status })
    .from(cases)
    .innerJoin(accountabilityMatters, eq(accountabilityMatters.id, cases.accountabilityMatterId))
    .orderBy(asc(cases.number));
}

export async function playMatters(cast: MatterCast): Promise<void> {
  const { ctx, actor } = cast;
  cast.at(cast.asOf);
  const all = await matterCases(ctx);
  const open = all.filter((c) => c.status === 'open');
  const concluded = all.filter((c) => c.status === 'concluded');
  const req = (c: { id: string; version: number }) => ({
    caseId: c.id,
    expectedVersion: c.version,
  });
  const investigator = actor('investigator');
  if (open[0]) {
    await recordCircumstances(ctx, investigator, {
      ...req(open[0]),
      circumstances: ['three_distinctions', 'cooperation'],
    });
  }
  if (open[1]) {
    await recordCircumstances(ctx, actor('intake'), {
      ...req(open[1]),
      circumstances: ['remediation'],
      lifelong: true,
      majorDecisionName: '产业园区基础设施整体开发建设决策',
      majorDecisionOn: addDaysIso(cast.asOf, -400),
      majorDecisionBody: 'X新区党工委会议',
    });
  }
  if (concluded[0]) {
    await recordCircumstances(ctx, investigator, {
      ...req(concluded[0]),
      circumstances: ['remediation', 'cooperation'],
    });
  }
  const last = concluded.length > 1 ? concluded[concluded.length - 1] : undefined;
  if (last) {
    await recordReferral(ctx, investigator, {
      ...req(last),
      to: 'supervisory_commission',
      on: cast.asOf,
      basis: '调查中发现当事人涉嫌利用职务便利为亲属企业谋取利益，依规将问题线索移送区监察委员会。',
      receipt: 'X新监收〔2026〕3号',
    });
  }
}
