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
