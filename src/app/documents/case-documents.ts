/**
 * The official documents of a case: which are due (from the case's state columns, its
 * determinations and its challenges), which are issued (case_documents; the determination is
 * issued by the decision itself, with its number), who may issue each, who may read each, and
 * the document itself — as issued (stored, so a re-download gives the same document) or as a
 * preview before issue. Reads are logged.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { aboveScope, can, inScope, STAFF } from '../../domain/policies.js';
import type { Actor, Role } from '../../domain/roles.js';
import type { Evaluation } from '../../policy/engine.js';
import type { Lang } from '../../policy/model.js';
import type { DocumentType } from '../../shared/documents.js';
import { DOCUMENT_TYPES } from '../../shared/documents.js';
import { determinationInForce, loadCase, type LoadedCase } from '../cases/record.js';
import { authorizeCase } from '../cases/transition.js';
import { resultsOf } from '../cases/vote.js';
import type { AppContext } from '../context.js';
import { chinaDate } from '../context.js';
import type { AppTx } from '../db.js';
import { AppError } from '../errors.js';
import {
  caseChallenges,
  caseDocuments,
  correctionActions,
  corrections,
  caseEvents,
  determinations,
  nameClearings,
  readLog,
  users,
} from '../tables.js';
import {
  documentInputOf,
  issuerAndOfficialOf,
  renderDecisionDocument,
} from './decision-document.js';
import type { OfficialDocument } from './document.js';
import { renderNotice, type NoticeInput } from './notices.js';

/** A document the case calls for: its type and what it states (a determination, a challenge). */
export interface DocumentSlot {
  readonly type: DocumentType;
  readonly subjectId: string;
}

/** Who issues each type; the determination is issued by the committee's decision. */
export const ISSUERS: Readonly<Record<DocumentType, readonly Role[]>> = {
  acceptance: ['intake'],
  refusal: ['intake'],
  determination: [],
  review_decision: ['committee_chair'],
  appeal_decision: ['committee_chair'],
  publicity: ['org_liaison'],
  delivery_receipt: ['intake', 'committee_chair'],
  // Issued by the correction opinion itself (src/app/corrections/issue-opinion.ts), with its number.
  correction: [],
  // Issued by the clearing's own transition (src/app/clearings/issue-notice.ts), with its number.
  clearing: [],
};

/** Whether the actor may issue a document of this type on the case now (its rule and its role). */
export function mayIssue(actor: Actor, type: DocumentType, loaded: LoadedCase): boolean {
  const roles = ISSUERS[type];
  if (roles.length === 0 || !can(actor, 'issueDocument', loaded.subject)) return false;
  return type === 'appeal_decision'
    ? aboveScope(actor, roles, loaded.subject)
    : inScope(actor, roles, loaded.subject);
}

/** Staff who see the whole file (and preview documents not yet issued). */
function seesAll(actor: Actor, loaded: LoadedCase): boolean {
  return (
    inScope(actor, STAFF, loaded.subject) || aboveScope(actor, ['committee_chair'], loaded.subject)
  );
}

/** The documents the case calls for now or has been given, in the order the procedure produces them. */
export async function documentSlots(tx: AppTx, loaded: LoadedCase): Promise<DocumentSlot[]> {
  const row = loaded.row;
  const slots: DocumentSlot[] = [];
  // Acceptance binds the case to a pack version (accept.ts): an accepted application has one.
  if (row.route === 'application' && row.packVersion !== null && row.state !== 'refused') {
    slots.push({ type: 'acceptance', subjectId: '' });
  }
  if (row.state === 'refused') slots.push({ type: 'refusal', subjectId: '' });
  const ds = await tx
    .select({ id: determinations.id, basis: determinations.basis })
    .from(determinations)
    .where(eq(determinations.caseId, row.id))
    .orderBy(asc(determinations.createdAt));
  for (const d of ds) {
    if (d.basis === 'first') slots.push({ type: 'determination', subjectId: d.id });
  }
  const inForce = await determinationInForce(tx, row.id);
  if (inForce && row.notifiedOn !== null) {
    slots.push({ type: 'delivery_receipt', subjectId: inForce.id });
  }
  const challenges = await tx
    .select({ id: caseChallenges.id, kind: caseChallenges.kind, status: caseChallenges.status })
    .from(caseChallenges)
    .where(eq(caseChallenges.caseId, row.id))
    .orderBy(asc(caseChallenges.filedOn));
  for (const c of challenges) {
    if (c.status !== 'upheld' && c.status !== 'changed') continue;
    slots.push({
      type: c.kind === 'appeal' ? 'appeal_decision' : 'review_decision',
      subjectId: c.id,
    });
  }
  if (inForce && (row.state === 'publicity' || row.publicityEndedOn !== null)) {
    slots.push({ type: 'publicity', subjectId: inForce.id });
  }
  // The correction opinion (纠错意见书) is issued by the opinion itself (corrections/issue-opinion.ts).
  const [correction] = await tx
    .select({ id: corrections.id })
    .from(corrections)
    .where(eq(corrections.caseId, row.id));
  if (correction) slots.push({ type: 'correction', subjectId: correction.id });
  // The clearing notice (澄清正名通报) is due once a clearing is recorded (clearings/issue-notice.ts).
  const [clearing] = await tx
    .select({ id: nameClearings.id })
    .from(nameClearings)
    .where(eq(nameClearings.caseId, row.id));
  if (clearing) slots.push({ type: 'clearing', subjectId: clearing.id });
  // A document once issued stays listed, whatever happened to the case since (a publicity
  // interrupted by a review, say).
  const issued = await tx
    .select({ type: caseDocuments.docType, subjectId: caseDocuments.subjectId })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, row.id));
  for (const d of issued) {
    if (!slots.some((x) => x.type === d.type && x.subjectId === d.subjectId)) {
      slots.push({ type: d.type as DocumentType, subjectId: d.subjectId });
    }
  }
  return slots.sort((a, b) => DOCUMENT_TYPES.indexOf(a.type) - DOCUMENT_TYPES.indexOf(b.type));
}

export interface CaseDocumentItem {
  readonly type: DocumentType;
  readonly subjectId: string;
  readonly status: 'issued' | 'due';
  readonly number: string | null;
  readonly issuedOn: string | null;
  readonly issuedBy: string | null;
  readonly canIssue: boolean;
}

/** The issued document of a slot, if any: a case_documents row, or the determination itself. */
async function issuedOf(tx: AppTx, caseId: string, slot: DocumentSlot) {
  if (slot.type === 'correction') {
    const [k] = await tx
      .select({
        number: corrections.documentNumber,
        issuedOn: corrections.issuedOn,
        issuedBy: users.displayName,
      })
      .from(corrections)
      .leftJoin(users, eq(users.id, corrections.issuedBy))
      .where(eq(corrections.id, slot.subjectId));
    return k ? { ...k, content: null } : undefined;
  }
  if (slot.type === 'determination') {
    const [d] = await tx
      .select({
        number: determinations.documentNumber,
        issuedOn: determinations.decidedOn,
        issuedBy: users.displayName,
      })
      .from(determinations)
      .leftJoin(users, eq(users.id, determinations.decidedBy))
      .where(eq(determinations.id, slot.subjectId));
    return d ? { ...d, content: null } : undefined;
  }
  const [r] = await tx
    .select({
      number: caseDocuments.number,
      issuedOn: caseDocuments.issuedOn,
      issuedBy: users.displayName,
      content: caseDocuments.content,
    })
    .from(caseDocuments)
    .leftJoin(users, eq(users.id, caseDocuments.issuedBy))
    .where(
      and(
        eq(caseDocuments.caseId, caseId),
        eq(caseDocuments.docType, slot.type),
        eq(caseDocuments.subjectId, slot.subjectId),
      ),
    );
  return r;
}

/** Whether a party sees this document: once issued, the determination once delivered. */
function partySees(loaded: LoadedCase, item: CaseDocumentItem): boolean {
  if (item.status !== 'issued') return false;
  return !(item.type === 'determination' && loaded.row.state === 'determined');
}

async function listIn(tx: AppTx, actor: Actor, loaded: LoadedCase): Promise<CaseDocumentItem[]> {
  const all = seesAll(actor, loaded);
  const items: CaseDocumentItem[] = [];
  for (const slot of await documentSlots(tx, loaded)) {
    const issued = await issuedOf(tx, loaded.row.id, slot);
    const item: CaseDocumentItem = {
      ...slot,
      status: issued ? 'issued' : 'due',
      number: issued?.number ?? null,
      issuedOn: issued?.issuedOn ?? null,
      issuedBy: issued?.issuedBy ?? null,
      canIssue: !issued && mayIssue(actor, slot.type, loaded),
    };
    if (all || partySees(loaded, item)) items.push(item);
  }
  return items;
}

/** The documents of a case the actor may see, issued or due. */
export async function listCaseDocuments(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<CaseDocumentItem[]> {
  return ctx.store.tx(async (tx) => {
    const loaded = await loadCase(ctx, tx, caseId);
    authorizeCase(actor, 'read', loaded.subject);
    return listIn(tx, actor, loaded);
  });
}

/** Everything a notice says, gathered for a slot; `number` '' in a preview. */
export async function noticeInputOf(
  ctx: AppContext,
  tx: AppTx,
  loaded: LoadedCase,
  slot: DocumentSlot,
  number: string,
  issuedOn: string,
): Promise<NoticeInput> {
  const row = loaded.row;
  const { issuer, official } = await issuerAndOfficialOf(tx, loaded);
  const ladder = resultsOf(ctx, row);
  const label = (id: string) => ladder.find((x) => x.id === id)?.label ?? { zh: id, en: id };
  const procedure = loaded.procedure;
  const challenge = await challengeOf(tx, slot);
  const clearing = await clearingOf(tx, slot);
  const determinationId = challenge?.determinationId ?? clearing?.determinationId ?? slot.subjectId;
  const [d] = determinationId
    ? await tx.select().from(determinations).where(eq(determinations.id, determinationId))
    : [];
  return {
    issuer,
    packTitle: ctx.engine.packs.get(row.packId).title,
    case: { number: row.number, title: row.title, submittedOn: chinaDate(row.createdAt) },
    official,
    number,
    issuedOn,
    limits: {
      ...(procedure.timeLimits['verification']
        ? { verification: procedure.timeLimits['verification'] }
        : {}),
      ...(procedure.appeal.applyWithin ? { appeal: procedure.appeal.applyWithin } : {}),
      ...(procedure.publicity.period ? { publicity: procedure.publicity.period } : {}),
    },
    ...(slot.type === 'refusal'
      ? { refusalReasons: await eventReason(tx, row.id, 'case.refused') }
      : {}),
    ...(d
      ? {
          determination: {
            number: d.documentNumber,
            outcomeLabel: label(d.outcome),
            decidedOn: d.decidedOn,
            notifiedOn: row.notifiedOn,
          },
        }
      : {}),
    ...(clearing
      ? {
          clearing: {
            finding: clearing.finding,
            alleged: clearing.alleged,
            found: clearing.found,
            manner: clearing.manner,
            scope: clearing.scope,
          },
        }
      : {}),
    ...(challenge
      ? {
          challenge: {
            kind: challenge.kind,
            filedOn: challenge.filedOn,
            result: challenge.result,
            reasons: challenge.reasons,
            ...(challenge.changedTo
              ? {
                  changedTo: {
                    number: challenge.changedTo.documentNumber,
                    outcomeLabel: label(challenge.changedTo.outcome),
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}

/** The written reasons of the latest event of a type (the refusal's reasons are recorded there). */
async function eventReason(tx: AppTx, caseId: string, type: string): Promise<string> {
  const [e] = await tx
    .select({ reason: caseEvents.reason })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, type)))
    .orderBy(desc(caseEvents.seq))
    .limit(1);
  return e?.reason ?? '';
}

/** The name clearing a clearing notice states. */
async function clearingOf(tx: AppTx, slot: DocumentSlot) {
  if (slot.type !== 'clearing') return undefined;
  const [k] = await tx.select().from(nameClearings).where(eq(nameClearings.id, slot.subjectId));
  return k;
}

/** A decided challenge with its reasons (from its decision's event) and any new determination. */
async function challengeOf(tx: AppTx, slot: DocumentSlot) {
  if (slot.type !== 'review_decision' && slot.type !== 'appeal_decision') return undefined;
  const [c] = await tx.select().from(caseChallenges).where(eq(caseChallenges.id, slot.subjectId));
  if (!c || (c.status !== 'upheld' && c.status !== 'changed')) return undefined;
  const events = await tx
    .select({ reason: caseEvents.reason, payload: caseEvents.payload })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.caseId, c.caseId),
        inArray(caseEvents.type, ['case.review_decided', 'case.appeal_decided']),
      ),
    );
  const decided = events.find((e) => (e.payload as { challengeId?: string }).challengeId === c.id);
  const [changedTo] = c.resultDeterminationId
    ? await tx.select().from(determinations).where(eq(determinations.id, c.resultDeterminationId))
    : [];
  return {
    kind: c.kind === 'appeal' ? ('appeal' as const) : ('review' as const),
    filedOn: c.filedOn,
    determinationId: c.determinationId,
    result: c.status as 'upheld' | 'changed',
    reasons: decided?.reason ?? '',
    changedTo,
  };
}

/** The determination (认定书) of a determination row, as decided. */
async function determinationDocument(
  ctx: AppContext,
  tx: AppTx,
  loaded: LoadedCase,
  determinationId: string,
  lang: Lang,
): Promise<OfficialDocument> {
  const [d] = await tx.select().from(determinations).where(eq(determinations.id, determinationId));
  if (!d) throw new AppError('NOT_FOUND', { determinationId });
  const input = await documentInputOf(ctx, tx, loaded, {
    documentNumber: d.documentNumber,
    outcome: d.outcome,
    recommendation: d.recommendation as Evaluation,
    departureReasons: d.departureReasons,
    decidedOn: d.decidedOn,
    factsAsOf: d.createdAt,
    basis: d.basis,
  });
  return renderDecisionDocument(input, lang);
}

/**
 * The correction opinion as issued: its problem and requirement and the actions it set, with their
 * owners and deadlines as set then (actions added later, or in a later round, are not in it).
 */
async function correctionDocument(
  ctx: AppContext,
  tx: AppTx,
  loaded: LoadedCase,
  slot: DocumentSlot,
  lang: Lang,
): Promise<OfficialDocument> {
  const [k] = await tx.select().from(corrections).where(eq(corrections.id, slot.subjectId));
  if (!k) throw new AppError('NOT_FOUND', { correctionId: slot.subjectId });
  const rows = await tx
    .select()
    .from(correctionActions)
    .where(eq(correctionActions.correctionId, k.id))
    .orderBy(asc(correctionActions.seq));
  // The opinion's own actions were written in its transaction, so at its very instant.
  const own = rows.filter((a) => a.round === 1 && a.createdAt.getTime() === k.createdAt.getTime());
  const input = await noticeInputOf(
    ctx,
    tx,
    loaded,
    { type: 'correction', subjectId: k.determinationId },
    k.documentNumber,
    k.issuedOn,
  );
  const owner = (a: (typeof rows)[number]) =>
    a.ownerOfficialId !== null ? input.official.name : input.official.unit[lang];
  return renderNotice(
    'correction',
    {
      ...input,
      correction: {
        problem: k.problem,
        requirement: k.requirement,
        actions: own.map((a) => ({
          task: a.task,
          owner: owner(a),
          dueOn: a.dueOn,
          evidenceRequired: a.evidenceRequired,
        })),
      },
    },
    lang,
  );
}

/** The document stored with an issued row, in a language. */
function stored(content: unknown, lang: Lang): OfficialDocument {
  return (content as Record<Lang, OfficialDocument>)[lang];
}

function notVisible(caseId: string, type: DocumentType): AppError {
  return new AppError(
    'CASE_PRECONDITION',
    { caseId, type },
    {
      zh: '该文书尚未制发，或你无权查看；已制发并送达给你的文书可在本案“文书”栏查看。',
      en: 'This document has not been issued, or you may not read it; the documents issued to you are listed under Documents on the case.',
    },
  );
}

/**
 * A document of a case: as issued, or (for staff who see the whole file) as it would read if
 * issued today, without a number. The read is logged.
 */
export async function loadCaseDocument(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  type: DocumentType,
  subjectId: string | undefined,
  lang: Lang,
  what = 'document',
): Promise<OfficialDocument & { readonly issued: boolean }> {
  return ctx.store.tx(async (tx) => {
    const loaded = await loadCase(ctx, tx, caseId);
    authorizeCase(actor, 'read', loaded.subject);
    const items = await listIn(tx, actor, loaded);
    const item = items.find(
      (i) => i.type === type && (subjectId === undefined || i.subjectId === subjectId),
    );
    if (!item) throw notVisible(caseId, type);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      what: `${what}.${type}`,
      at: ctx.now(),
    });
    if (type === 'determination') {
      const doc = await determinationDocument(ctx, tx, loaded, item.subjectId, lang);
      return { ...doc, issued: true };
    }
    if (type === 'correction') {
      return { ...(await correctionDocument(ctx, tx, loaded, item, lang)), issued: true };
    }
    if (item.status === 'issued') {
      const issued = await issuedOf(tx, loaded.row.id, item);
      return { ...stored(issued!.content, lang), issued: true };
    }
    const input = await noticeInputOf(ctx, tx, loaded, item, '', chinaDate(ctx.now()));
    return { ...renderNotice(type, input, lang), issued: false };
  });
}
