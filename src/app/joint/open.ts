/**
 * Opening a joint matter (共同失误，多人一案): one accountability matter of several officials, each
 * with a role in it. In one transaction: the joint matter, then for each official the ex-officio
 * route's own steps (open-ex-officio.ts: their accountability matter and their case, numbered in the
 * jurisdiction's sequence), with their role as the fact `responsibility`, their own facts, and the
 * facts common to all (source 'joint') where they have no value of their own. All the officials
 * are decided by one body, so that one panel can deliberate on every case.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import type { FactValue } from '../../policy/model.js';
import {
  MAX_JOINT_OFFICIALS,
  RESPONSIBILITIES,
  RESPONSIBILITY_FACT,
  type Responsibility,
} from '../../shared/joint.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { MatterSource } from '../../shared/case.js';
import type { AppContext } from '../context.js';
import type { AppTx } from '../db.js';
import { invalid } from '../errors.js';
import { jointMatters } from '../tables.js';
import { checkedMatter } from '../cases/open-ex-officio.js';
import { officialWithUnit } from '../cases/create.js';
import type { CaseRow } from '../cases/record.js';
import { isUuid, requireDay, requireText } from '../cases/text-input.js';

export interface JointOfficialInput {
  readonly officialId: string;
  readonly responsibility: Responsibility;
  /** Facts of this official's own, where they differ from the common ones. */
  readonly facts?: Readonly<Record<string, FactValue | null>>;
}

export interface JointMatterInput {
  /** The matter's name, e.g. 某区老旧小区改造项目未批先建问题. */
  readonly title: string;
  /** What happened, as the referral states it. */
  readonly summary: string;
  readonly openedOn: string;
  readonly conductDate: string;
  /** The facts common to every official. */
  readonly facts?: Readonly<Record<string, FactValue | null>>;
  readonly source?: MatterSource;
  readonly sourceDetail?: string;
  readonly officials: readonly JointOfficialInput[];
}

export interface OpenedJointMatter {
  readonly jointMatterId: string;
  readonly cases: readonly CaseRow[];
}

function checkedOfficials(input: JointMatterInput): readonly JointOfficialInput[] {
  const list = Array.isArray(input.officials) ? input.officials : [];
  if (list.length < 2 || list.length > MAX_JOINT_OFFICIALS) {
    throw invalid(
      'officials',
      `共同事项应列明 2 至 ${MAX_JOINT_OFFICIALS} 名干部；只涉及一名干部的，请按单人事项登记。`,
      `list 2 to ${MAX_JOINT_OFFICIALS} officials; a matter of one official is recorded on its own.`,
    );
  }
  const ids = list.map((o) => o.officialId);
  if (ids.some((id) => !isUuid(id))) {
    throw invalid('officials', '干部编号格式不正确。', 'an official id is not well formed.');
  }
  if (new Set(ids).size !== ids.length) {
    throw invalid('officials', '同一名干部列了两次。', 'an official is listed twice.');
  }
  list.forEach((o, i) => {
    if (!(RESPONSIBILITIES as readonly string[]).includes(o.responsibility)) {
      throw invalid(
        `officials[${i}].responsibility`,
        '请选择该干部所负的责任：直接责任、主要领导责任、重要领导责任或领导责任。',
        "choose the official's responsibility: direct, principal leadership, important leadership or leadership.",
      );
    }
  });
  return list;
}

export async function openJointMatter(
  ctx: AppContext,
  actor: Actor,
  input: JointMatterInput,
): Promise<OpenedJointMatter> {
  const title = requireText('title', input.title, {
    what: { zh: '共同事项名称', en: 'the name of the joint matter' },
    ...TEXT_LIMITS.caseTitle,
  });
  const officials = checkedOfficials(input);
  const summary = requireText('summary', input.summary, {
    what: { zh: '问责事项', en: 'the accountability matter' },
    ...TEXT_LIMITS.exOfficioSummary,
  });
  const conductDate = requireDay('conductDate', input.conductDate, {
    what: { zh: '行为发生日期', en: 'the date of the conduct' },
  });
  const common = { ...(input.facts ?? {}) };
  delete common[RESPONSIBILITY_FACT];
  // Each official's part, checked as the ex-officio route checks one matter.
  const parts = officials.map((o) =>
    checkedMatter(ctx, {
      officialId: o.officialId,
      summary,
      openedOn: input.openedOn,
      conductDate,
      facts: { ...(o.facts ?? {}), [RESPONSIBILITY_FACT]: o.responsibility },
      ...(input.source !== undefined ? { source: input.source } : {}),
      ...(input.sourceDetail !== undefined ? { sourceDetail: input.sourceDetail } : {}),
    }),
  );
  return ctx.store.tx(async (tx) => {
    const jurisdictionId = await oneDecidingBody(tx, officials);
    const jointMatterId = randomUUID();
    await tx.insert(jointMatters).values({
      id: jointMatterId,
      jurisdictionId,
      title,
      summary,
      conductDate,
      createdBy: actor.userId,
      createdAt: ctx.now(),
    });
    const opened: CaseRow[] = [];
    for (const open of parts) {
      opened.push(await open(tx, actor, { matterId: jointMatterId, facts: common }));
    }
    return { jointMatterId, cases: opened };
  });
}

/** The body that decides every official (each one's managing jurisdiction): one for all, or refused. */
async function oneDecidingBody(
  tx: AppTx,
  officials: readonly JointOfficialInput[],
): Promise<string> {
  let body: string | undefined;
  for (const [i, o] of officials.entries()) {
    const { official } = await officialWithUnit(tx, o.officialId);
    body ??= official.managingJurisdictionId;
    if (official.managingJurisdictionId !== body) {
      throw invalid(
        `officials[${i}].officialId`,
        '共同事项的干部应由同一机关认定（干部管理权限相同）；管理权限不同的，请分别登记。',
        'the officials of a joint matter must be decided by one body (the same cadre-management authority); record the others separately.',
      );
    }
  }
  return body!;
}
