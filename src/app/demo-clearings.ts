/**
 * The demo's name clearings (澄清正名) in every state, made by the real use cases after the cases
 * and their corrections are played (demo.ts): four cases of the new area whose determination in
 * force clears the official (not accountable, or tolerated), with no correction, whose last event
 * lies at least six weeks back, each get a clearing, the clock moving on from there, never past
 * the demo's today:
 *
 *   publicized     — a false accusation, cleared at a meeting, made public with the official's
 *                    written consent; the accuser referred on
 *   closed         — an untrue report, circulated in writing; not made public (no consent)
 *   notice issued  — a mistaken report, the notice issued: whether to make it public waits
 *   recorded       — a false accusation just recorded: the chair's notice and referral wait
 */
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { CLEARING_OUTCOMES } from '../shared/clearings.js';
import type { TransitionResult } from './cases/transition.js';
import { closeClearing } from './clearings/close-clearing.js';
import { issueClearingNotice } from './clearings/issue-notice.js';
import { publicizeClearing } from './clearings/publicize.js';
import { recordClearing, type RecordClearingInput } from './clearings/record-clearing.js';
import { referAccuser } from './clearings/refer-accuser.js';
import { addDaysIso } from './dates.js';
import type { CorrectionCast } from './demo-corrections.js';
import { cases, corrections } from './tables.js';

export interface ClearingCast extends CorrectionCast {
  /** The jurisdiction whose chair issues the notices (the demo's new area). */
  readonly jurisdictionId: string;
}

type Clearing = Omit<RecordClearingInput, 'caseId' | 'expectedVersion'>;

const FALSE_ACCUSATION: Clearing = {
  finding: 'false_accusation',
  alleged: '有匿名信反映该同志在项目推进中收受企业好处，违规为企业“开绿灯”，造成国有资产流失。',
  found:
    '经调取项目全部审批材料、询问有关人员和企业，项目相关决定经集体研究作出，程序完备，该同志未收受任何财物，未造成国有资产损失；反映人捏造事实。',
  manner: 'meeting',
  scope: '所在单位全体干部职工',
};

const UNTRUE: Clearing = {
  finding: 'untrue',
  alleged: '网络帖文反映该同志违规决策，擅自变更项目建设内容。',
  found: '经核实，项目建设内容变更经区政府常务会议研究同意并按规定报批，反映问题失实。',
  manner: 'circular',
  scope: '区直各单位',
};

const MISTAKEN: Clearing = {
  finding: 'mistaken',
  alleged: '有群众反映该同志在补贴发放中优亲厚友。',
  found: '经逐户核查，补贴对象均符合条件、公示无异议；反映人因不了解政策而误解，属错告。',
  manner: 'circular',
  scope: '所在单位及下属各单位',
};

interface Target {
  readonly id: string;
  version: number;
  /** Two days after its last event. */
  readonly from: string;
}

/** Clearable cases of the jurisdiction without a correction, by their last event, oldest first. */
async function targets(c: ClearingCast, n: number, before: string): Promise<Target[]> {
  const rows = await c.ctx.store.db
    .select({ id: cases.id, version: cases.version, updatedAt: cases.updatedAt })
    .from(cases)
    .leftJoin(corrections, eq(corrections.caseId, cases.id))
    .where(
      and(
        eq(cases.jurisdictionId, c.jurisdictionId),
        inArray(cases.state, ['closed', 'filed']),
        inArray(cases.outcomeInForce, [...CLEARING_OUTCOMES]),
        isNull(corrections.id),
        lt(cases.updatedAt, new Date(before)),
      ),
    )
    .orderBy(asc(cases.updatedAt), asc(cases.id))
    .limit(n);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    from: addDaysIso(r.updatedAt.toISOString().slice(0, 10), 2),
  }));
}

class Play {
  constructor(
    readonly c: ClearingCast,
    readonly t: Target,
  ) {}

  req() {
    return { caseId: this.t.id, expectedVersion: this.t.version };
  }

  took<T>(res: TransitionResult<T>): void {
    this.t.version = res.case.version;
  }

  /** The day `n` days into the play, from the later of its start and the case's last event. */
  day(start: string, n: number): string {
    return addDaysIso(start < this.t.from ? this.t.from : start, n);
  }

  async record(day: string, clearing: Clearing) {
    this.c.at(day);
    this.took(
      await recordClearing(this.c.ctx, this.c.actor('liaison'), { ...this.req(), ...clearing }),
    );
  }

  async notice(day: string) {
    this.c.at(day);
    this.took(await issueClearingNotice(this.c.ctx, this.c.actor('chair'), this.req()));
  }
}

export async function playClearings(c: ClearingCast): Promise<void> {
  const [publicized, closed, issued, recorded] = (await targets(c, 4, addDaysIso(c.asOf, -42))).map(
    (t) => new Play(c, t),
  );
  if (publicized) {
    const start = addDaysIso(c.asOf, -30);
    await publicized.record(publicized.day(start, 0), FALSE_ACCUSATION);
    await publicized.notice(publicized.day(start, 3));
    const from = publicized.day(start, 6);
    c.at(from);
    publicized.took(
      await publicizeClearing(c.ctx, c.actor('liaison'), {
        ...publicized.req(),
        consentOn: publicized.day(start, 5),
        consentRecord: '本人签字的公开澄清书面同意书（附卷）',
        channel: '区纪委监委门户网站“澄清正名”专栏',
        from,
        to: publicized.day(start, 12),
      }),
    );
    c.at(publicized.day(start, 8));
    publicized.took(
      await referAccuser(c.ctx, c.actor('chair'), {
        ...publicized.req(),
        referredTo: '区纪委监委信访室',
        referredOn: publicized.day(start, 8),
        basis:
          '经查，反映人明知所反映问题不实，捏造事实、故意诬告，依据《中国共产党纪律处分条例》有关规定移送处理。',
      }),
    );
  }
  if (closed) {
    const start = addDaysIso(c.asOf, -25);
    await closed.record(closed.day(start, 0), UNTRUE);
    await closed.notice(closed.day(start, 2));
    c.at(closed.day(start, 6));
    closed.took(
      await closeClearing(c.ctx, c.actor('liaison'), {
        ...closed.req(),
        reason: '经征求本人意见，本人不同意公开澄清；书面通报已覆盖问题反映的范围。',
      }),
    );
  }
  if (issued) {
    const start = addDaysIso(c.asOf, -10);
    await issued.record(issued.day(start, 0), MISTAKEN);
    await issued.notice(issued.day(start, 3));
  }
  if (recorded) await recorded.record(recorded.day(addDaysIso(c.asOf, -3), 0), FALSE_ACCUSATION);
}
