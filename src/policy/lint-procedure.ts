/**
 * The linter's checks of what a version writes outside its conditions: the procedure block (step
 * names against the case machine, time limits no step reads, each `basis` a clause) and `removes`
 * (an id that takes nothing away). No search: these read the pack as written.
 */
import { closest, diag, didYouMean, PolicyError, type Diagnostic } from './errors.js';
import type { Pack, PackVersion, TimeLimit } from './model.js';
import type { EffectivePolicy, PackSet } from './resolve.js';
import { STEPS } from './steps.js';

/**
 * The steps whose clock reads `procedure.timeLimits[step]` (src/app/cases/deadlines.ts `limitOf`
 * for the steps a case stands in; lint.test.ts checks it against that function).
 */
export const TIMED_STEPS: ReadonlySet<string> = new Set([
  'acceptance',
  'verification',
  'consultation',
  'deliberation',
  'notification',
]);

/**
 * Names under timeLimits whose time limit is written elsewhere or that nothing counts: steps of the
 * machine with no clock of their own, the application window, the risk filing's review.
 */
const ELSEWHERE: Readonly<Record<string, { zh: string; en: string }>> = {
  application: {
    zh: '申请时限请写在 application.within 中（另可写 from 和 duringInvestigation），案件程序据此拒收逾期申请',
    en: 'write the application window as application.within (with from and duringInvestigation); the case procedure refuses an application outside it',
  },
  riskFilingReview: {
    zh: '风险报备在本系统中登记其审核状态和日期（由登记人填写），不计审核时限，请删除',
    en: 'a risk filing is recorded here with its review status and date as given, and no review clock runs; delete it',
  },
  publicity: { zh: '请写在 publicity.period 中', en: 'write it as publicity.period' },
  challengeWindow: {
    zh: '请写在 review.applyWithin 和 appeal.applyWithin 中',
    en: 'write it as review.applyWithin and appeal.applyWithin',
  },
  review: { zh: '请写在 review.decideWithin 中', en: 'write it as review.decideWithin' },
  appeal: { zh: '请写在 appeal.decideWithin 中', en: 'write it as appeal.decideWithin' },
  filingUpward: {
    zh: '向上级报备环节没有时限计时，请删除',
    en: 'the filing upward step keeps no clock; delete it',
  },
  closed: { zh: '办结后不再计时，请删除', en: 'a closed case keeps no clock; delete it' },
};

const TIMED_LIST = [...TIMED_STEPS].join(', ');

/**
 * Problems of the procedure a version writes itself (what it inherits was checked where it was
 * written): unknown or unread step names, time limits nothing reads, a `basis` that is no clause.
 */
export function procedureProblems(v: PackVersion, eff: EffectivePolicy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const own = v.procedure;
  const where = (path: string) => `procedure.${path}`;
  for (const step of Object.keys(own.timeLimits ?? {})) {
    if (TIMED_STEPS.has(step)) continue;
    const path = where(`timeLimits.${step}`);
    const elsewhere = ELSEWHERE[step];
    if (elsewhere) {
      out.push(
        diag(
          'PACK_TIME_LIMIT_UNREAD',
          'warning',
          (STEPS as readonly string[]).includes(step)
            ? `版本“${v.id}”的 ${path}：案件程序的“${step}”环节不读取 timeLimits 中的时限，${elsewhere.zh}。`
            : `版本“${v.id}”的 ${path}：案件程序不从 timeLimits 读取这一时限，${elsewhere.zh}。`,
          (STEPS as readonly string[]).includes(step)
            ? `version '${v.id}', ${path}: the case procedure's '${step}' step does not read a time limit from timeLimits; ${elsewhere.en}.`
            : `version '${v.id}', ${path}: the case procedure does not read this time limit from timeLimits; ${elsewhere.en}.`,
          v.at,
        ),
      );
      continue;
    }
    const near = closest(step, STEPS);
    if (near) {
      out.push(
        diag(
          'PACK_UNKNOWN_STEP',
          'error',
          `版本“${v.id}”的 ${path}：案件程序没有“${step}”环节。是否应为“${near}”？读取时限的环节：${TIMED_LIST}。`,
          `version '${v.id}', ${path}: the case procedure has no step '${step}'. Did you mean '${near}'? The steps that read a time limit: ${TIMED_LIST}.`,
          v.at,
        ),
      );
      continue;
    }
    out.push(
      diag(
        'PACK_TIME_LIMIT_UNREAD',
        'warning',
        `版本“${v.id}”的 ${path}：案件程序中没有任何环节读取这一时限，写了也不起作用。读取时限的环节：${TIMED_LIST}；请删除它，或改写到相应环节下。`,
        `version '${v.id}', ${path}: no step of the case procedure reads this time limit, so it has no effect. The steps that read a time limit: ${TIMED_LIST}; delete it or write it under the step it belongs to.`,
        v.at,
      ),
    );
  }
  const limits: [string, TimeLimit | undefined][] = [
    ...Object.entries(own.timeLimits ?? {}).map(([k, l]): [string, TimeLimit | undefined] => [
      `timeLimits.${k}`,
      l,
    ]),
    ['publicity.period', own.publicity?.period],
    ['review.applyWithin', own.review?.applyWithin],
    ['review.decideWithin', own.review?.decideWithin],
    ['appeal.applyWithin', own.appeal?.applyWithin],
    ['appeal.decideWithin', own.appeal?.decideWithin],
    ['followUp.prepareBefore', own.followUp?.prepareBefore],
    ['filingUpward.within', own.filingUpward?.within],
    ['application.within', own.application?.within],
  ];
  const bases: [string, string | undefined][] = [
    ...limits.map(([path, limit]): [string, string | undefined] => [path, limit?.basis]),
    ['exOfficio.basis', own.exOfficio?.basis],
  ];
  for (const [path, basis] of bases) {
    if (basis === undefined || eff.clauses.has(basis)) continue;
    const hint = didYouMean(basis, eff.clauses.keys());
    out.push(
      diag(
        'PACK_PROCEDURE_UNKNOWN_BASIS',
        'error',
        `版本“${v.id}”的 ${where(path)}：依据 basis“${basis}”不是本策略包（或其上级）的条款。${hint.zh || '请写明作出该规定的条款标识，并在 clauses 中列出该条款。'}`,
        `version '${v.id}', ${where(path)}: basis '${basis}' is not a clause of this pack or its parent. ${hint.en || 'Give the id of the clause that says so, and list that clause under clauses.'}`,
        v.at,
      ),
    );
  }
  out.push(...applicationProblems(v, eff), ...exOfficioProblems(v, eff));
  return out;
}

/**
 * The application window as merged, where the version writes one: `from` or
 * `duringInvestigation` with no time limit to count, or `duringInvestigation` with a window
 * counted from the conduct (it reads only a window counted from the notification).
 */
function applicationProblems(v: PackVersion, eff: EffectivePolicy): Diagnostic[] {
  if (v.procedure.application === undefined) return [];
  const { within, from, duringInvestigation } = eff.procedure.application;
  const out: Diagnostic[] = [];
  if (within === undefined && (from !== undefined || duringInvestigation !== undefined)) {
    out.push(
      diag(
        'PACK_APPLICATION_WINDOW',
        'warning',
        `版本“${v.id}”的 procedure.application 写了 from 或 duringInvestigation，但没有 within（申请时限），写了也不起作用：没有时限时随时可以申请。请写明 within，如 { days: 15, unit: working, basis: 条款 }，或删除它们。`,
        `version '${v.id}', procedure.application gives from or duringInvestigation but no within (the time limit), so they have no effect: with no time limit an official may apply at any time. Write within, e.g. { days: 15, unit: working, basis: <clause> }, or delete them.`,
        v.at,
      ),
    );
  }
  if (from === 'conduct' && duringInvestigation !== undefined) {
    out.push(
      diag(
        'PACK_APPLICATION_WINDOW',
        'warning',
        `版本“${v.id}”的 procedure.application：申请时限自行为发生之日起计算（from: conduct）时不读取 duringInvestigation；问责调查期间可以申请的规定只与自收到问责决定之日起计算（from: notifiedOfAccountability）的时限一起适用。请删除其一。`,
        `version '${v.id}', procedure.application: a window counted from the conduct (from: conduct) does not read duringInvestigation; applying during the investigation goes only with a window counted from the notification of the accountability decision (from: notifiedOfAccountability). Delete one of them.`,
        v.at,
      ),
    );
  }
  return out;
}

/** A mandatory ex-officio check with no clause saying so. */
function exOfficioProblems(v: PackVersion, eff: EffectivePolicy): Diagnostic[] {
  const own = v.procedure.exOfficio;
  if (own === undefined || !eff.procedure.exOfficio.required) return [];
  if (eff.procedure.exOfficio.basis !== undefined) return [];
  return [
    diag(
      'PACK_PROCEDURE_NO_BASIS',
      'warning',
      `版本“${v.id}”的 procedure.exOfficio 规定问责机关应当主动审查是否适用容错，但没有写明依据条款（basis）。案件程序据此不允许撤回依职权启动的容错审查，请写明作出该规定的条款。`,
      `version '${v.id}', procedure.exOfficio requires the accountability body to consider tolerance itself but names no clause (basis). The case procedure then refuses to let the ex-officio check be withdrawn: name the clause that says so.`,
      v.at,
    ),
  ];
}

/**
 * `removes` entries that take nothing away: an id that names nothing the amended versions bring
 * in (nor anything of the parent pack at any date of the window), one an earlier version already
 * removed, or a parent pack's item, which stays inherited.
 */
export function removesProblems(set: PackSet, pack: Pack, v: PackVersion): Diagnostic[] {
  if (v.removes.length === 0) return [];
  const out: Diagnostic[] = [];
  try {
    const amended = v.amends ? pack.versions.find((x) => x.id === v.amends) : undefined;
    const brought = new Set<string>();
    if (amended) {
      const c = set.ownContent(pack, amended);
      for (const m of [c.clauses, c.predicates, c.rules])
        for (const id of m.keys()) brought.add(id);
    }
    // Who removed an id earlier in the amends chain (and nothing brought it back since).
    const removedBy = new Map<string, string>();
    const chain: PackVersion[] = [];
    for (let cur = amended; cur;) {
      chain.unshift(cur);
      const want = cur.amends;
      const prev = want ? pack.versions.find((x) => x.id === want) : undefined;
      if (prev && chain.includes(prev)) break;
      cur = prev;
    }
    for (const x of chain) {
      for (const id of x.removes) removedBy.set(id, x.id);
      for (const item of [...x.clauses, ...x.predicates, ...x.rules]) removedBy.delete(item.id);
    }
    // The parent's items on every date the version's window spans, and whether each survives.
    const parentIds = new Set<string>();
    const stillInherited = new Set<string>();
    if (pack.extends) {
      const parentPack = set.get(pack.extends);
      for (const date of set.ancestorBoundaries(pack, v)) {
        const pv = set.versionAt(parentPack, date);
        if (!pv) continue;
        const parent = set.effective(parentPack, pv, date);
        for (const m of [parent.clauses, parent.predicates, parent.rules]) {
          for (const id of m.keys()) parentIds.add(id);
        }
        const eff = set.effective(pack, v, date);
        for (const m of [eff.clauses, eff.predicates, eff.rules]) {
          for (const [id, item] of m) if (item.origin !== pack.id) stillInherited.add(id);
        }
      }
    }
    const known = [...brought, ...parentIds];
    for (const id of v.removes) {
      if (brought.has(id)) continue;
      const by = removedBy.get(id);
      if (by !== undefined) {
        out.push(
          diag(
            'PACK_REMOVES_NOTHING',
            'warning',
            `版本“${v.id}”的 removes 列出的“${id}”已由版本“${by}”删除，这里不再删除任何内容；请从 removes 中去掉它。`,
            `version '${v.id}' removes '${id}', which version '${by}' already removed: it takes nothing away here. Drop it from removes.`,
            v.at,
          ),
        );
      } else if (stillInherited.has(id)) {
        out.push(
          diag(
            'PACK_REMOVES_NOTHING',
            'warning',
            `版本“${v.id}”的 removes 列出的“${id}”属于上级策略包“${pack.extends}”，仍然被继承，removes 删除不了它：removes 只删除本包所修订版本带来的内容。下级办法不能删改上级规定；如需不同的决定，请在本包 decision 中写明（上级的 binding 条目始终先适用）。`,
            `version '${v.id}' removes '${id}', which belongs to the parent pack '${pack.extends}' and stays inherited: removes only takes away what the amended version of this pack brings in. A local measure cannot remove its parent's provisions; to decide differently, write this pack's own decision (the parent's binding entries always apply first).`,
            v.at,
          ),
        );
      } else if (!parentIds.has(id)) {
        const hint = didYouMean(id, known);
        out.push(
          diag(
            'PACK_REMOVES_NOTHING',
            'warning',
            v.amends
              ? `版本“${v.id}”的 removes 列出的“${id}”不在所修订的版本“${v.amends}”中${pack.extends ? `，也不是上级“${pack.extends}”在本版本生效期内任何一天的条款、规则或谓词` : ''}，不删除任何内容。${hint.zh || '请更正标识或从 removes 中去掉它。'}`
              : `版本“${v.id}”没有修订（amends）任何版本，removes 列出的“${id}”不删除任何内容。请写明 amends，或去掉 removes。`,
            v.amends
              ? `version '${v.id}' removes '${id}', which is not in the amended version '${v.amends}'${pack.extends ? ` nor a clause, rule or predicate of the parent '${pack.extends}' on any day of this version's window` : ''}: it takes nothing away. ${hint.en || 'Correct the id or drop it from removes.'}`
              : `version '${v.id}' amends no version, so removing '${id}' takes nothing away. Add amends or drop removes.`,
            v.at,
          ),
        );
      }
    }
  } catch (e) {
    // A broken chain or window is reported by the other checks.
    if (e instanceof PolicyError) return out;
    throw e;
  }
  return out;
}
