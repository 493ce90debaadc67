/**
 * The investigator asks other departments (organization, discipline, audit, the official's party
 * organization…) for their opinion. From verification this moves the case to consultation; during
 * consultation it adds departments. A department already asked and not yet answered is not asked
 * twice.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { MAX_CONSULTED_DEPARTMENTS, TEXT_LIMITS } from '../../shared/limits.js';
import type { AppTx } from '../db.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { consultations } from '../tables.js';
import { requireAssessed } from './assess.js';
import type { CaseRow } from './record.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface RequestConsultationInput extends TransitionRequest {
  /** Department codes; empty means the departments the pack names. */
  readonly departments: readonly string[];
}

export interface ConsultationsOpened {
  readonly created: readonly { consultationId: string; department: string }[];
  /** Departments asked earlier that have not answered yet. */
  readonly alreadyPending: readonly string[];
}

/**
 * Trimmed, distinct department codes, each within TEXT_LIMITS.department, at most
 * MAX_CONSULTED_DEPARTMENTS of them.
 */
export function cleanDepartments(departments: readonly unknown[]): string[] {
  const { min, max } = TEXT_LIMITS.department;
  if (departments.length > MAX_CONSULTED_DEPARTMENTS) {
    throw invalid(
      'departments',
      `一次最多向 ${MAX_CONSULTED_DEPARTMENTS} 个部门征求意见，请分次发起。`,
      `at most ${MAX_CONSULTED_DEPARTMENTS} departments can be asked at once; ask the others in a further request.`,
    );
  }
  const out: string[] = [];
  for (const d of departments) {
    const name = typeof d === 'string' ? d.trim() : '';
    const length = [...name].length;
    if (length < min || length > max) {
      throw invalid(
        'departments',
        `会商部门“${String(d)}”无效：每个部门应为 ${min}–${max} 个字符。`,
        `consulted department '${String(d)}' is not valid: each must be ${min}–${max} characters.`,
      );
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Opens one request per department not already pending. */
export async function openConsultations(
  tx: AppTx,
  row: Pick<CaseRow, 'id' | 'jurisdictionId'>,
  departments: readonly string[],
  actorId: string,
  now: Date,
): Promise<ConsultationsOpened> {
  const pending = await tx
    .select({ department: consultations.department })
    .from(consultations)
    .where(and(eq(consultations.caseId, row.id), isNull(consultations.opinion)));
  const pendingSet = new Set(pending.map((p) => p.department));
  const created: { consultationId: string; department: string }[] = [];
  const alreadyPending: string[] = [];
  for (const department of departments) {
    if (pendingSet.has(department)) {
      alreadyPending.push(department);
      continue;
    }
    created.push({ consultationId: randomUUID(), department });
  }
  // One insert, so that the requests are stored in the order the departments were given.
  if (created.length > 0) {
    await tx.insert(consultations).values(
      created.map((c) => ({
        id: c.consultationId,
        caseId: row.id,
        jurisdictionId: row.jurisdictionId,
        department: c.department,
        requestedBy: actorId,
        requestedAt: now,
      })),
    );
  }
  return { created, alreadyPending };
}

export async function requestConsultation(
  ctx: AppContext,
  actor: Actor,
  req: RequestConsultationInput,
) {
  if (!Array.isArray(req.departments)) {
    throw invalid('departments', '应为部门列表。', 'must be a list of departments.');
  }
  const asked = cleanDepartments(req.departments);
  return runTransition(ctx, actor, 'requestConsultation', req, async ({ tx, loaded, now }) => {
    const departments = asked.length > 0 ? asked : [...loaded.procedure.consultation.departments];
    if (departments.length === 0) {
      throw invalid(
        'departments',
        '本案适用的策略包未规定会商部门，请列出要征求意见的部门。',
        "the case's policy pack names no departments to consult; list the departments to ask.",
      );
    }
    // Leaving verification needs the six-element assessment, whichever way the case leaves it.
    if (loaded.row.state === 'verification') await requireAssessed(tx, loaded.row.id);
    const opened = await openConsultations(tx, loaded.row, departments, actor.userId, now);
    if (opened.created.length === 0) {
      throw invalid(
        'departments',
        `已向 ${opened.alreadyPending.join('、')} 征求意见且尚未答复，无需重复发起。`,
        `${opened.alreadyPending.join(', ')} already asked and not yet answered; no new request needed.`,
      );
    }
    return {
      to: 'consultation',
      event: 'case.consultation_requested',
      payload: { consultations: opened.created, alreadyPending: opened.alreadyPending },
      result: opened,
    };
  });
}
