/**
 * One official's record (干部容错纠错记录, issue 11): who they are, every case about them the reader
 * may read, and for each what the mechanism holds — the outcome in force with its result
 * application (what stays unaffected, the impact period and its last day), the correction, the
 * talks, the follow-up visits, the name clearing — and the accountability matters recorded against
 * them. One query per kind, by official id; the read is logged (`official.record`) in the same
 * transaction. Who reads it: the official themself, and the officers and unit party organizations
 * whose jurisdiction or unit scope holds the official (the case list's read roles); a consulted
 * department's officer does not. Each case part is shown as the case view shows it to that reader:
 * the parties (the official, their unit's party organization) do not see the matters, nor the basis
 * of a clearing's referral; follow-up visits are shown to the official and to those who read visits.
 */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { within, type Actor } from '../../domain/roles.js';
import { STAFF } from '../../domain/policies.js';
import type { I18nText } from '../../policy/model.js';
import { STATE_LABEL, type CaseState } from '../../shared/case.js';
import { CORRECTION_STATE_LABEL, type CorrectionState } from '../../shared/corrections.js';
import { MATTER_STATUS_LABEL, type MatterStatus } from '../../shared/matters.js';
import type { StoredApplication } from '../cases/result-application.js';
import { applicationFor } from '../cases/result-application.js';
import { outcomeLabelOf } from '../cases/record.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { AppError } from '../errors.js';
import {
  accountabilityMatters,
  cases,
  correctionActions,
  corrections,
  determinations,
  followUpVisits,
  jurisdictions,
  nameClearings,
  officials,
  readLog,
  talks,
  units,
} from '../tables.js';
import { VISIT_READERS, visitPaths } from '../visits/scope.js';
import { inForce } from '../visits/subject.js';
import { readScope, readScopeRoots } from './case-list.js';
import {
  presentOfficialRecord,
  type OfficialRecord,
  type RecordRows,
  type Reader,
} from './official-record-view.js';

export type { OfficialRecord } from './official-record-view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = (officialId: string) => new AppError('OFFICIAL_NOT_FOUND', { officialId });

/** The whole record of `officialId` as `actor` may read it, logged as `official.record`. */
export async function officialRecord(
  ctx: AppContext,
  actor: Actor,
  officialId: string,
): Promise<OfficialRecord> {
  const own = actor.officialId !== null && actor.officialId === officialId;
  const roots = readScopeRoots(actor);
  if (!own && roots.jurisdictionPaths.length === 0 && roots.unitPaths.length === 0) {
    throw new AppError('OFFICIAL_RECORD_ROLE_REQUIRED');
  }
  if (!UUID.test(officialId)) throw notFound(officialId);
  return ctx.store.tx(async (tx) => {
    const identity = await identityOf(tx, officialId);
    const inScope =
      identity !== undefined &&
      (own ||
        roots.jurisdictionPaths.some((p) => within(identity.jurisdictionPath, p)) ||
        roots.unitPaths.some((p) => within(identity.unitPath, p)));
    if (!identity || !inScope) throw notFound(officialId);
    const rows = await recordRows(ctx, tx, actor, officialId);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'official.record',
      at: ctx.now(),
      detail: { officialId, cases: rows.cases.length },
    });
    return presentOfficialRecord(identity, rows, readerOf(actor, officialId));
  });
}

/** How the reader stands to each case: an officer (the whole record) or a party. */
function readerOf(actor: Actor, officialId: string): Reader {
  const officerOver = (c: { jurisdictionPath: string; unitPath: string }) =>
    actor.grants.some(
      (g) =>
        STAFF.includes(g.role) &&
        ((g.scopeKind === 'jurisdiction' && within(c.jurisdictionPath, g.scopePath)) ||
          (g.scopeKind === 'unit' && within(c.unitPath, g.scopePath))),
    );
  const visitReader = visitPaths(actor, VISIT_READERS);
  const party = (c: { applicantUserId: string | null }) =>
    actor.officialId === officialId || actor.userId === c.applicantUserId;
  return {
    full: (c) => !party(c) && officerOver(c),
    visits: (c) =>
      actor.officialId === officialId || visitReader.some((p) => within(c.jurisdictionPath, p)),
  };
}

async function identityOf(tx: AnyDb, officialId: string) {
  const [row] = await tx
    .select({
      id: officials.id,
      name: officials.name,
      positionZh: officials.positionZh,
      positionEn: officials.positionEn,
      unitId: units.id,
      unitPath: units.path,
      unitZh: units.nameZh,
      unitEn: units.nameEn,
      jurisdictionId: jurisdictions.id,
      jurisdictionPath: jurisdictions.path,
      jurisdictionZh: jurisdictions.nameZh,
      jurisdictionEn: jurisdictions.nameEn,
    })
    .from(officials)
    .innerJoin(units, eq(units.id, officials.unitId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, officials.managingJurisdictionId))
    .where(eq(officials.id, officialId));
  return row;
}
export type Identity = NonNullable<Awaited<ReturnType<typeof identityOf>>>;

/** Every kind of row the record shows, one query each, limited to the cases the actor reads. */
async function recordRows(
  ctx: AppContext,
  tx: AnyDb,
  actor: Actor,
  officialId: string,
): Promise<RecordRows> {
  const caseRows = await tx
    .select({
      id: cases.id,
      number: cases.number,
      title: cases.title,
      state: cases.state,
      route: cases.route,
      jurisdictionPath: cases.jurisdictionPath,
      unitPath: cases.unitPath,
      applicantUserId: cases.applicantUserId,
      packId: cases.packId,
      packVersion: cases.packVersion,
      conductDate: cases.conductDate,
      openedAt: cases.createdAt,
      notifiedOn: cases.notifiedOn,
      outcomeInForce: cases.outcomeInForce,
      accountabilityMatterId: cases.accountabilityMatterId,
    })
    .from(cases)
    .where(and(eq(cases.officialId, officialId), readScope(actor)))
    .orderBy(asc(cases.createdAt), asc(cases.number));
  const ids = caseRows.map((c) => c.id);
  if (ids.length === 0) return { cases: [], matters: await matterRows(tx, officialId) };
  const [decided, correctionRows, actionCounts, talkRows, visitRows, clearingRows, matters] =
    await Promise.all([
      tx
        .select({
          caseId: determinations.caseId,
          documentNumber: determinations.documentNumber,
          decidedOn: determinations.decidedOn,
          outcome: determinations.outcome,
          application: determinations.application,
        })
        .from(determinations)
        .where(and(inArray(determinations.caseId, ids), inForce(tx))),
      tx
        .select()
        .from(corrections)
        .where(and(eq(corrections.officialId, officialId), inArray(corrections.caseId, ids)))
        .orderBy(asc(corrections.issuedOn)),
      tx
        .select({
          correctionId: correctionActions.correctionId,
          state: correctionActions.state,
          n: count(),
        })
        .from(correctionActions)
        .innerJoin(corrections, eq(corrections.id, correctionActions.correctionId))
        .where(and(eq(corrections.officialId, officialId), inArray(corrections.caseId, ids)))
        .groupBy(correctionActions.correctionId, correctionActions.state),
      tx
        .select()
        .from(talks)
        .where(and(eq(talks.officialId, officialId), inArray(talks.caseId, ids)))
        .orderBy(asc(talks.heldOn), asc(talks.createdAt)),
      tx
        .select()
        .from(followUpVisits)
        .where(and(eq(followUpVisits.officialId, officialId), inArray(followUpVisits.caseId, ids)))
        .orderBy(asc(followUpVisits.dueOn)),
      tx
        .select()
        .from(nameClearings)
        .where(and(eq(nameClearings.officialId, officialId), inArray(nameClearings.caseId, ids)))
        .orderBy(asc(nameClearings.recordedOn)),
      matterRows(tx, officialId),
    ]);
  const determinationOf = new Map(decided.map((d) => [d.caseId, d]));
  return {
    cases: caseRows.map((c) => {
      const d = determinationOf.get(c.id);
      return {
        ...c,
        stateLabel: STATE_LABEL[c.state as CaseState] ?? { zh: c.state, en: c.state },
        determination: d
          ? {
              ...d,
              outcomeLabel: outcomeLabelOf(ctx, c, d.outcome),
              application: d.application ?? applicationOf(ctx, c, d.outcome, d.decidedOn),
            }
          : null,
      };
    }),
    corrections: correctionRows.map((k) => ({
      ...k,
      stateLabel: CORRECTION_STATE_LABEL[k.state as CorrectionState],
      actions: actionCounts.filter((a) => a.correctionId === k.id),
    })),
    talks: talkRows,
    visits: visitRows,
    clearings: clearingRows,
    matters,
  };
}

/** The application of a determination made before it was kept, read from the bound pack. */
function applicationOf(
  ctx: AppContext,
  c: Parameters<typeof applicationFor>[1],
  outcome: string,
  decidedOn: string,
): StoredApplication | null {
  return applicationFor(ctx, c, outcome, decidedOn).application;
}

async function matterRows(tx: AnyDb, officialId: string) {
  const rows = await tx
    .select({
      id: accountabilityMatters.id,
      summary: accountabilityMatters.summary,
      openedOn: accountabilityMatters.openedOn,
      status: accountabilityMatters.status,
      circumstances: accountabilityMatters.circumstances,
      lifelong: accountabilityMatters.lifelong,
      referredOn: accountabilityMatters.referredOn,
      jurisdictionPath: jurisdictions.path,
    })
    .from(accountabilityMatters)
    .innerJoin(jurisdictions, eq(jurisdictions.id, accountabilityMatters.jurisdictionId))
    .where(eq(accountabilityMatters.officialId, officialId))
    .orderBy(asc(accountabilityMatters.openedOn));
  return rows.map((m) => ({
    ...m,
    statusLabel: MATTER_STATUS_LABEL[m.status as MatterStatus] as I18nText,
  }));
}
