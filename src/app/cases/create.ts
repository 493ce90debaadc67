/**
 * Opening a case: shared by the application route and the ex-officio route. The body that decides
 * the case is the organization department of the jurisdiction with cadre-management authority over
 * the official; its policy pack and calendar apply. Writes the case, its first facts and its first
 * event in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { CaseRoute } from '../../domain/case-states.js';
import { factProblems } from '../../policy/facts.js';
import type { FactValue } from '../../policy/model.js';
import { PolicyError } from '../../policy/errors.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { Tx } from '../../store/index.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import {
  caseCounters,
  caseFacts,
  cases,
  caseSearch,
  jurisdictions,
  officials,
  units,
  type Schema,
} from '../tables.js';
import { numberFor } from '../documents/numbers.js';
import { applicationWindowOf, checkApplicationWindow } from './application-window.js';
import { clockFor } from './deadlines.js';
import { appendEvent } from './events.js';
import type { CaseRow } from './record.js';
import { procedureOf } from './record.js';
import { optionalText, requireDay, requireText } from './text-input.js';

export interface OpenCaseInput {
  readonly officialId: string;
  readonly title: string;
  readonly summary: string;
  /** Date of the conduct: selects the policy version in force. */
  readonly conductDate: string;
  readonly facts?: Readonly<Record<string, FactValue | null>>;
  readonly route: CaseRoute;
  readonly factSource: 'applicant' | 'ex_officio' | 'risk_filing';
  readonly applicantUserId: string | null;
  readonly actorId: string | null;
  readonly accountabilityMatterId?: string;
  readonly riskFilingId?: string;
  /** The joint matter the case is one official's part of, and its facts common to all. */
  readonly joint?: {
    readonly matterId: string;
    readonly facts: Readonly<Record<string, FactValue | null>>;
  };
  /** An application's day of notification of the accountability decision (its window's anchor). */
  readonly accountabilityNotifiedOn?: string;
  readonly now: Date;
  readonly today: string;
  readonly eventType: string;
}

/** The day of notification of the accountability decision, checked: not before the conduct. */
function notifiedOnOf(input: OpenCaseInput, conductDate: string): string | null {
  if (input.accountabilityNotifiedOn === undefined) return null;
  const day = requireDay('accountabilityNotifiedOn', input.accountabilityNotifiedOn, {
    what: {
      zh: '收到问责决定的日期',
      en: 'the day of notification of the accountability decision',
    },
    notAfter: input.today,
    tooLate: {
      zh: '收到问责决定的日期不能晚于今天。',
      en: 'the notification of the accountability decision cannot be in the future.',
    },
  });
  if (day < conductDate) {
    throw invalid(
      'accountabilityNotifiedOn',
      '收到问责决定的日期不能早于行为发生日期，请核对两个日期。',
      'the notification of the accountability decision cannot come before the conduct; check both dates.',
    );
  }
  return day;
}

export async function officialWithUnit(tx: Tx<Schema>, officialId: string) {
  const [o] = await tx
    .select({ official: officials, unit: units })
    .from(officials)
    .innerJoin(units, eq(units.id, officials.unitId))
    .where(eq(officials.id, officialId));
  if (!o) throw invalid('officialId', '没有该干部。', 'no such official.');
  return o;
}

export async function openCase(
  ctx: AppContext,
  tx: Tx<Schema>,
  input: OpenCaseInput,
): Promise<CaseRow> {
  const title = requireText('title', input.title, {
    what: { zh: '事项名称', en: 'the title of the matter' },
    ...TEXT_LIMITS.caseTitle,
  });
  const summary = optionalText('summary', input.summary, {
    what: { zh: '情况说明', en: 'the account of what happened' },
    ...TEXT_LIMITS.caseSummary,
  });
  const { official, unit } = await officialWithUnit(tx, input.officialId);
  const [j] = await tx
    .select()
    .from(jurisdictions)
    .where(eq(jurisdictions.id, official.managingJurisdictionId));
  if (!j) throw new AppError('NOT_FOUND', { jurisdiction: official.managingJurisdictionId });
  const conductDate = requireDay('conductDate', input.conductDate, {
    what: { zh: '行为发生日期', en: 'the date of the conduct' },
    notAfter: input.today,
    tooLate: {
      zh: '行为发生日期不能晚于今天。',
      en: 'the date of the conduct cannot be in the future.',
    },
  });
  let compiled;
  try {
    compiled = ctx.engine.at(j.packId, conductDate);
  } catch (e) {
    if (e instanceof PolicyError) {
      throw new AppError('POLICY_INPUT', { code: e.code }, e.diagnostics[0]?.message);
    }
    throw e;
  }
  const notifiedOn = notifiedOnOf(input, conductDate);
  if (input.route === 'application') {
    const dates = { conductDate, notifiedOn };
    checkApplicationWindow(
      applicationWindowOf(ctx, j.calendarId, compiled.eff, dates),
      input.today,
    );
  }
  const facts = input.facts ?? {};
  // The facts common to a joint matter, save those the official has a value of their own for.
  const jointFacts = Object.fromEntries(
    Object.entries(input.joint?.facts ?? {}).filter(([fact]) => !(fact in facts)),
  );
  const problems = factProblems({ ...jointFacts, ...facts }, compiled.eff.facts);
  if (problems.length > 0) {
    throw new AppError('POLICY_INPUT', { code: problems[0]!.code }, problems[0]!.message);
  }

  const year = Number(input.today.slice(0, 4));
  const [counter] = await tx
    .insert(caseCounters)
    .values({ jurisdictionId: j.id, year, last: 1 })
    .onConflictDoUpdate({
      target: [caseCounters.jurisdictionId, caseCounters.year],
      set: { last: sql`${caseCounters.last} + 1` },
    })
    .returning();
  // The case number (受理编号) in the jurisdiction's pattern, e.g. X新容申〔2026〕7号: the
  // jurisdiction's id stays internal.
  const number = numberFor(j, 'case', year, counter!.last);

  const id = randomUUID();
  const procedure = procedureOf(ctx, {
    packId: j.packId,
    packVersion: null,
    conductDate,
  });
  const clock = clockFor(ctx, j.calendarId, procedure, 'submitted', input.today);
  await tx.insert(cases).values({
    id,
    number,
    jurisdictionId: j.id,
    jurisdictionPath: j.path,
    officialId: official.id,
    unitId: unit.id,
    unitPath: unit.path,
    route: input.route,
    state: 'submitted',
    version: 1,
    title,
    summary,
    conductDate,
    packId: j.packId,
    packVersion: null,
    accountabilityMatterId: input.accountabilityMatterId ?? null,
    riskFilingId: input.riskFilingId ?? null,
    jointMatterId: input.joint?.matterId ?? null,
    accountabilityNotifiedOn: notifiedOn,
    applicantUserId: input.applicantUserId,
    ...clock,
    suspendedSince: null,
    eventCount: 0,
    headHash: '',
    createdAt: input.now,
    updatedAt: input.now,
  });
  // The search terms, once (migration 0009): number, title and the official's name never change.
  const searched = `${number} ${title} ${official.name}`;
  await tx.insert(caseSearch).values({
    caseId: id,
    terms: sql`rongcuo_search_terms(${j.path}, ${searched})`,
  });
  const sourced = [
    ...Object.entries(jointFacts).map(([fact, value]) => ({ fact, value, source: 'joint' })),
    ...Object.entries(facts).map(([fact, value]) => ({ fact, value, source: input.factSource })),
  ];
  for (const { fact, value, source } of sourced) {
    await tx.insert(caseFacts).values({
      id: randomUUID(),
      caseId: id,
      jurisdictionId: j.id,
      fact,
      value: value ?? null,
      source,
      evidenceIds: [],
      note: '',
      recordedBy: input.actorId,
      recordedAt: input.now,
    });
  }
  const event = await appendEvent(
    tx,
    ctx.settings.crypto.trailHash,
    { id, jurisdictionId: j.id, eventCount: 0, headHash: '' },
    {
      type: input.eventType,
      step: 'application',
      actorId: input.actorId,
      at: input.now,
      reason: '',
      payload: {
        number,
        route: input.route,
        officialId: official.id,
        conductDate,
        packId: j.packId,
        facts,
        ...(input.accountabilityMatterId
          ? { accountabilityMatterId: input.accountabilityMatterId }
          : {}),
        ...(input.riskFilingId ? { riskFilingId: input.riskFilingId } : {}),
        ...(input.joint ? { jointMatterId: input.joint.matterId, jointFacts } : {}),
        ...(notifiedOn ? { accountabilityNotifiedOn: notifiedOn } : {}),
      },
    },
  );
  const [row] = await tx
    .update(cases)
    .set({ eventCount: event.seq, headHash: event.hash })
    .where(eq(cases.id, id))
    .returning();
  return row!;
}
