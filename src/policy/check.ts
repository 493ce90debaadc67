/**
 * Structural checks of an effective policy: every reference resolves, every comparison fits the
 * type of its fact, no rule refers to itself. The compiler refuses a policy with any error here;
 * the linter reports them all.
 */
import { isIsoDate } from './dates.js';
import { diag, didYouMean, type Diagnostic } from './errors.js';
import { exprFacts } from './derived.js';
import { NONE, type CompareNode, type Condition, type FactDecl, type FactValue } from './model.js';
import type { EffectivePolicy } from './resolve.js';
import { resultProblems } from './results-check.js';
import { UNDETERMINED } from './model.js';

export function checkStructure(eff: EffectivePolicy): Diagnostic[] {
  const out: Diagnostic[] = [...eff.problems];
  const facts = eff.facts;

  for (const f of eff.pack.facts) {
    if (f.type === 'enum' && (!f.values || f.values.length < 2)) {
      out.push(
        diag(
          'PACK_ENUM_WITHOUT_VALUES',
          'error',
          `事实“${f.id}”是枚举类型，需要至少两个取值 values。`,
          `fact '${f.id}' is an enum and needs at least two values.`,
          f.at,
        ),
      );
    }
    out.push(...factDeclProblems(f, facts));
  }

  for (const c of eff.clauses.values()) {
    if (!eff.sources.has(c.source)) {
      const hint = didYouMean(c.source, eff.sources.keys());
      out.push(
        diag(
          'PACK_UNKNOWN_SOURCE',
          'error',
          `条款“${c.id}”引用的文件“${c.source}”未在 sources 中列出。${hint.zh}`,
          `clause '${c.id}' cites source '${c.source}', which is not listed in sources. ${hint.en}`.trim(),
          c.at,
        ),
      );
    }
  }

  const visitCondition = (cond: Condition): void => {
    switch (cond.kind) {
      case 'all':
      case 'any':
        cond.of.forEach(visitCondition);
        return;
      case 'not':
        visitCondition(cond.of);
        return;
      case 'rule':
        if (!eff.rules.has(cond.id)) {
          const hint = didYouMean(cond.id, eff.rules.keys());
          out.push(
            diag(
              'PACK_UNKNOWN_RULE',
              'error',
              `引用了不存在的规则“${cond.id}”。${hint.zh}`,
              `refers to rule '${cond.id}', which does not exist. ${hint.en}`.trim(),
              cond.at,
            ),
          );
        }
        return;
      case 'predicate':
        if (!eff.predicates.has(cond.id)) {
          const hint = didYouMean(cond.id, eff.predicates.keys());
          out.push(
            diag(
              'PACK_UNKNOWN_PREDICATE',
              'error',
              `引用了不存在的谓词“${cond.id}”。${hint.zh}`,
              `refers to predicate '${cond.id}', which does not exist. ${hint.en}`.trim(),
              cond.at,
            ),
          );
        }
        return;
      case 'compare': {
        const decl = facts.get(cond.fact);
        if (!decl) {
          const hint = didYouMean(cond.fact, facts.keys());
          out.push(
            diag(
              'PACK_UNKNOWN_FACT',
              'error',
              `条件使用了未声明的事实“${cond.fact}”。${hint.zh || '请在 facts 中声明，或使用标准词汇中的事实。'}`,
              `the condition uses fact '${cond.fact}', which is not declared. ${hint.en || 'Declare it under facts or use a standard fact.'}`,
              cond.at,
            ),
          );
          return;
        }
        const problem = compareTypeProblem(cond, decl);
        if (problem) out.push(problem);
        return;
      }
    }
  };

  for (const p of eff.predicates.values()) visitCondition(p.when);
  for (const r of eff.rules.values()) {
    visitCondition(r.when);
    for (const c of r.clauses) {
      if (!eff.clauses.has(c)) {
        const hint = didYouMean(c, eff.clauses.keys());
        out.push(
          diag(
            'PACK_UNKNOWN_CLAUSE',
            'error',
            `规则“${r.id}”引用了不存在的条款“${c}”。${hint.zh}`,
            `rule '${r.id}' cites clause '${c}', which does not exist. ${hint.en}`.trim(),
            r.at,
          ),
        );
      }
    }
  }
  const outcomeIds = new Set(eff.outcomes.map((o) => o.id));
  if (outcomeIds.has(UNDETERMINED)) {
    out.push(
      diag(
        'PACK_RESERVED_OUTCOME',
        'error',
        `“${UNDETERMINED}”是系统保留的结果，不能列入结果阶梯。`,
        `'${UNDETERMINED}' is reserved by the engine and cannot be on the outcome ladder.`,
        eff.pack.at,
      ),
    );
  }
  const otherIds = new Set(eff.otherResults.map((o) => o.id));
  for (const o of eff.otherResults) {
    if (outcomeIds.has(o.id) || o.id === UNDETERMINED) {
      out.push(
        diag(
          'PACK_OTHER_RESULT_CLASH',
          'error',
          `阶梯外结果“${o.id}”与结果阶梯或系统保留的结果同名；请换一个标识。`,
          `the result '${o.id}' off the ladder has the id of an outcome on the ladder or of a reserved one; use another id.`,
          o.at,
        ),
      );
    }
  }
  const known = [...outcomeIds, ...otherIds];
  eff.decision.forEach((d, i) => {
    if (d.when) visitCondition(d.when);
    for (const o of d.outcomes) {
      if (outcomeIds.has(o) || otherIds.has(o)) continue;
      const hint = didYouMean(o, known);
      out.push(
        diag(
          'PACK_UNKNOWN_OUTCOME',
          'error',
          `决定条目“${d.id}”的结果“${o}”不在结果阶梯中（${[...outcomeIds].join('、')}），也不是声明的阶梯外结果${otherIds.size > 0 ? `（${[...otherIds].join('、')}）` : ''}。${hint.zh}`,
          `decision entry '${d.id}' gives '${o}', which is not on the outcome ladder (${[...outcomeIds].join(', ')}) nor a declared result off it${otherIds.size > 0 ? ` (${[...otherIds].join(', ')})` : ''}. ${hint.en}`.trim(),
          d.at,
        ),
      );
    }
    const off = d.outcomes.filter((o) => otherIds.has(o));
    if (off.length > 0 && new Set(d.outcomes).size > 1) {
      out.push(
        diag(
          'PACK_BAND_OFF_LADDER',
          'error',
          `决定条目“${d.id}”把阶梯外结果“${off.join('、')}”列入了裁量幅度；不适用、参照办理等结果不在结果阶梯上，只能单独给出。`,
          `decision entry '${d.id}' puts the result off the ladder '${off.join(', ')}' in a discretion band; results such as not applicable or referred are not on the ladder and must be given alone.`,
          d.at,
        ),
      );
    }
    if (!d.when && i < eff.decision.length - 1) {
      out.push(
        diag(
          'PACK_OTHERWISE_NOT_LAST',
          'error',
          `兜底条目“${d.id}”（otherwise）之后的条目永远不会被用到；兜底条目必须放在最后。`,
          `the fallback entry '${d.id}' (otherwise) must be last: entries after it can never apply.`,
          d.at,
        ),
      );
    }
  });

  out.push(...resultProblems(eff));
  out.push(...referenceCycles(eff));
  return out;
}

/** A derived fact's formula and a fact's `none`: what they may be declared on and read. */
function factDeclProblems(f: FactDecl, facts: ReadonlyMap<string, FactDecl>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bad = (code: string, zh: string, en: string) => out.push(diag(code, 'error', zh, en, f.at));
  if (f.none && f.type !== 'date' && f.type !== 'number') {
    bad(
      'PACK_NONE_BAD_TYPE',
      `事实“${f.id}”是${f.type === 'boolean' ? '布尔' : '枚举'}类型，不能声明 none；${f.type === 'boolean' ? '“否”已表示不存在' : '请增加一个表示“无”的取值'}。`,
      `fact '${f.id}' is ${f.type === 'boolean' ? 'a boolean' : 'an enum'} and cannot declare none; ${f.type === 'boolean' ? 'false already says it does not exist' : 'add a value that says “none” instead'}.`,
    );
  }
  if (f.derived === undefined) return out;
  if (f.type !== 'number' || f.none) {
    bad(
      'PACK_DERIVED_NOT_NUMBER',
      `派生事实“${f.id}”必须是数值类型（type: number），且不能声明 none。`,
      `derived fact '${f.id}' must be a number (type: number) and cannot declare none.`,
    );
  }
  for (const id of exprFacts(f.derived)) {
    const input = facts.get(id);
    if (!input) {
      const hint = didYouMean(id, facts.keys());
      bad(
        'PACK_UNKNOWN_FACT',
        `派生事实“${f.id}”的公式使用了未声明的事实“${id}”。${hint.zh}`,
        `derived fact '${f.id}' uses fact '${id}', which is not declared. ${hint.en}`.trim(),
      );
    } else if (input.type !== 'number' || input.derived !== undefined || input.none) {
      bad(
        'PACK_DERIVED_BAD_INPUT',
        `派生事实“${f.id}”只能由用户填写的数值事实计算；“${id}”${input.type !== 'number' ? '不是数值' : input.derived !== undefined ? '本身是派生事实' : '可答“无”'}。`,
        `derived fact '${f.id}' can only be computed from number facts users give; '${id}' ${input.type !== 'number' ? 'is not a number' : input.derived !== undefined ? 'is itself derived' : 'may be answered none'}.`,
      );
    }
  }
  return out;
}

function compareTypeProblem(c: CompareNode, f: FactDecl): Diagnostic | undefined {
  const bad = (zh: string, en: string) => diag('PACK_TYPE_MISMATCH', 'error', zh, en, c.at);
  if (c.op === 'within') {
    return f.type === 'date'
      ? undefined
      : bad(
          `within 只能用于日期事实，“${f.id}”不是日期。`,
          `within applies to date facts only; '${f.id}' is not a date.`,
        );
  }
  if (typeof c.value === 'object' && !Array.isArray(c.value)) {
    return bad(
      `${c.op} 的比较值不能是时间段；时间段只用于 within。`,
      `the value of ${c.op} cannot be a span; spans go with within.`,
    );
  }
  const values: readonly FactValue[] = Array.isArray(c.value) ? c.value : [c.value as FactValue];
  const ordered = c.op === 'lt' || c.op === 'lte' || c.op === 'gt' || c.op === 'gte';
  if (values.includes(NONE) && f.type !== 'enum') {
    if (!f.none) {
      return bad(
        `事实“${f.id}”未声明 none，不能与“none”比较；请在事实中声明 none（“无”的说法）。`,
        `fact '${f.id}' does not declare none and cannot be compared with 'none'; declare none (the words for it) on the fact.`,
      );
    }
    if (ordered) {
      return bad(
        `“none”不能用 ${c.op} 比较大小；请用 eq、ne、in 或 notIn。`,
        `'none' cannot be compared with ${c.op}; use eq, ne, in or notIn.`,
      );
    }
  }
  if (ordered && (f.type === 'boolean' || f.type === 'enum')) {
    return bad(
      `事实“${f.id}”是${f.type === 'boolean' ? '布尔' : '枚举'}类型，不能用 ${c.op} 比较大小；请用 eq、ne、in 或 notIn。`,
      `fact '${f.id}' is ${f.type === 'boolean' ? 'a boolean' : 'an enum'} and cannot be compared with ${c.op}; use eq, ne, in or notIn.`,
    );
  }
  if ((c.op === 'in' || c.op === 'notIn') !== Array.isArray(c.value)) {
    return bad(
      `${c.op} 的比较值${Array.isArray(c.value) ? '不能' : '必须'}是列表。`,
      `the value of ${c.op} ${Array.isArray(c.value) ? 'cannot' : 'must'} be a list.`,
    );
  }
  for (const v of values) {
    if (v === NONE && f.none) continue;
    switch (f.type) {
      case 'boolean':
        if (typeof v !== 'boolean') {
          return bad(
            `事实“${f.id}”是布尔类型，比较值应为 true 或 false，而不是 ${JSON.stringify(v)}。`,
            `fact '${f.id}' is a boolean; compare it with true or false, not ${JSON.stringify(v)}.`,
          );
        }
        break;
      case 'number':
        if (typeof v !== 'number') {
          return bad(
            `事实“${f.id}”是数值类型，比较值应为数字，而不是 ${JSON.stringify(v)}。`,
            `fact '${f.id}' is a number; compare it with a number, not ${JSON.stringify(v)}.`,
          );
        }
        break;
      case 'date':
        if (!isIsoDate(v)) {
          return bad(
            `事实“${f.id}”是日期类型，比较值应写作 YYYY-MM-DD，而不是 ${JSON.stringify(v)}。`,
            `fact '${f.id}' is a date; compare it with a date written YYYY-MM-DD, not ${JSON.stringify(v)}.`,
          );
        }
        break;
      case 'enum': {
        const allowed = (f.values ?? []).map((o) => o.value);
        if (typeof v !== 'string' || !allowed.includes(v)) {
          const hint = typeof v === 'string' ? didYouMean(v, allowed) : { zh: '', en: '' };
          return bad(
            `事实“${f.id}”没有取值 ${JSON.stringify(v)}；可用：${allowed.join('、')}。${hint.zh}`,
            `fact '${f.id}' has no value ${JSON.stringify(v)}; allowed: ${allowed.join(', ')}. ${hint.en}`.trim(),
          );
        }
        break;
      }
    }
  }
  return undefined;
}

/** Rules and predicates that refer to themselves, directly or through others. */
function referenceCycles(eff: EffectivePolicy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const state = new Map<string, 1 | 2>();
  const refsOf = (cond: Condition, acc: string[]): string[] => {
    switch (cond.kind) {
      case 'all':
      case 'any':
        cond.of.forEach((c) => refsOf(c, acc));
        break;
      case 'not':
        refsOf(cond.of, acc);
        break;
      case 'rule':
        acc.push('rule:' + cond.id);
        break;
      case 'predicate':
        acc.push('predicate:' + cond.id);
        break;
      case 'compare':
        break;
    }
    return acc;
  };
  const bodyOf = (key: string): Condition | undefined => {
    const [kind, id] = key.split(':') as [string, string];
    return kind === 'rule' ? eff.rules.get(id)?.when : eff.predicates.get(id)?.when;
  };
  const visit = (key: string, stack: string[]): void => {
    const s = state.get(key);
    if (s === 2) return;
    if (s === 1) {
      const cycle = [...stack.slice(stack.indexOf(key)), key].map((k) => k.split(':')[1]);
      const [kind, id] = key.split(':') as [string, string];
      const at = kind === 'rule' ? eff.rules.get(id)?.at : eff.predicates.get(id)?.at;
      out.push(
        diag(
          'PACK_REFERENCE_CYCLE',
          'error',
          `规则或谓词循环引用：${cycle.join(' → ')}。`,
          `rules or predicates refer to each other in a cycle: ${cycle.join(' → ')}.`,
          at,
        ),
      );
      return;
    }
    state.set(key, 1);
    const body = bodyOf(key);
    if (body) for (const r of refsOf(body, [])) visit(r, [...stack, key]);
    state.set(key, 2);
  };
  for (const id of eff.rules.keys()) visit('rule:' + id, []);
  for (const id of eff.predicates.keys()) visit('predicate:' + id, []);
  return out;
}
