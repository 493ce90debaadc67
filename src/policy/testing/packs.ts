/** Small packs written inline for tests (not shipped). */
import { parsePack } from '../parse.js';
import type { Pack } from '../model.js';

export const ROOT_YAML = `
id: root
title: { zh: 根, en: Root }
authority: { zh: 某机关, en: Some body }
documentNumber: 'R-1'
jurisdiction: R
status: published
outcomes:
  - { id: good, label: { zh: 好, en: good } }
  - { id: middle, label: { zh: 中, en: middle } }
  - { id: bad, label: { zh: 差, en: bad } }
sources:
  - { id: doc, title: { zh: 文件, en: Document }, number: 'R-1', issuer: { zh: 某机关, en: Some body } }
versions:
  - id: v1
    from: '2020-01-01'
    to: '2021-12-31'
    clauses:
      - { id: c1, source: doc, article: { zh: 第一条, en: Art. 1 }, text: { zh: 排除, en: exclusion } }
      - { id: c2, source: doc, article: { zh: 第二条, en: Art. 2 }, text: { zh: 情形, en: situation } }
    rules:
      - { id: excl-gain, kind: exclusion, title: { zh: 私利, en: gain }, clauses: [c1], when: { fact: privateGain, eq: true } }
      - id: sit
        kind: situation
        title: { zh: 试点, en: pilot }
        clauses: [c2]
        when: { all: [{ fact: purpose, eq: reform_pilot }, { fact: noPrecedent, eq: true }] }
    decision:
      - { id: d-excl, outcome: bad, binding: true, when: { rule: excl-gain } }
      - { id: d-good, outcome: good, when: { rule: sit } }
      - { id: d-else, outcome: bad, otherwise: true }
  - id: v2
    from: '2022-01-01'
    amends: v1
    clauses:
      - { id: c3, source: doc, article: { zh: 第三条, en: Art. 3 }, text: { zh: 减轻, en: mitigation } }
    rules:
      - { id: mit, kind: mitigation, title: { zh: 配合, en: cooperation }, clauses: [c3], when: { fact: cooperated, eq: true } }
    decision:
      - { id: d-excl, outcome: bad, binding: true, when: { rule: excl-gain } }
      - { id: d-good, outcome: good, when: { rule: sit } }
      - { id: d-mid, outcome: middle, when: { rule: mit } }
      - { id: d-else, outcome: bad, otherwise: true }
`;

export function rootPack(yaml = ROOT_YAML): Pack {
  return parsePack(yaml, 'root.yaml');
}

/** A child pack extending root; `versions` is the YAML of its versions list. */
export function childPack(versions: string, extra = ''): Pack {
  return parsePack(
    `
id: child
title: { zh: 子, en: Child }
authority: { zh: 下级, en: Local body }
documentNumber: 'C-1'
jurisdiction: C
extends: root
status: published
${extra}
versions:
${versions}
`,
    'child.yaml',
  );
}

/**
 * A root pack with a long outcome ladder, `o0` (most favourable) to `o<n-1>`: outcome `oi` when
 * the fact `step` is i, the last one otherwise. From 2022 (version v2), cooperation lowers a step
 * at or past `n - 3` to `o<n-4>` (a more lenient later version). For packs longer than the
 * compiler's fast path holds.
 */
export function longLadderPack(n: number): Pack {
  const ids = Array.from({ length: n }, (_, i) => i);
  const outcomes = ids.map((i) => `  - { id: o${i}, label: { zh: 第${i}级, en: step ${i} } }`);
  const rules = ids.map(
    (i) =>
      `      - { id: r${i}, kind: situation, title: { zh: 第${i}级情形, en: step ${i} }, clauses: [c1], when: { fact: step, eq: ${i} } }`,
  );
  const decision = ids.map((i) => `      - { id: d${i}, outcome: o${i}, when: { rule: r${i} } }`);
  return parsePack(
    `
id: long
title: { zh: 长阶梯, en: Long ladder }
authority: { zh: 某机关, en: Some body }
documentNumber: 'L-1'
jurisdiction: L
status: published
standardVocabulary: false
facts:
  step: { type: number, integer: true, min: 0, label: { zh: 级次, en: Step }, help: { zh: 情形级次, en: The step } }
  cooperated: { type: boolean, label: { zh: 配合, en: Cooperated }, help: { zh: 是否配合, en: Whether cooperated } }
outcomes:
${outcomes.join('\n')}
sources:
  - { id: doc, title: { zh: 文件, en: Document }, number: 'L-1', issuer: { zh: 某机关, en: Some body } }
versions:
  - id: v1
    from: '2020-01-01'
    to: '2021-12-31'
    clauses:
      - { id: c1, source: doc, article: { zh: 第一条, en: Art. 1 }, text: { zh: 级次, en: steps } }
    rules:
${rules.join('\n')}
    decision:
${decision.join('\n')}
      - { id: d-else, outcome: o${n - 1}, otherwise: true }
  - id: v2
    from: '2022-01-01'
    amends: v1
    rules:
      - id: late-coop
        kind: mitigation
        title: { zh: 配合, en: cooperation }
        clauses: [c1]
        when: { all: [{ fact: cooperated, eq: true }, { fact: step, gte: ${n - 3} }] }
    decision:
      - { id: d-coop, outcome: o${n - 4}, when: { rule: late-coop } }
${decision.join('\n')}
      - { id: d-else, outcome: o${n - 1}, otherwise: true }
`,
    'long.yaml',
  );
}
