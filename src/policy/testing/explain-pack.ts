/**
 * A small pack for the explanation's tests (not shipped): three exclusions, three situations under
 * one `any`, an immunity, a mitigation; several rules cite one clause, and the sources' titles come
 * with title marks of their own (one whole, one inside).
 */
import { parsePack } from '../parse.js';
import type { Pack } from '../model.js';

export const EXPLAIN_YAML = `
id: ex
title: { zh: 说明测试办法, en: Explanation test measure }
authority: { zh: 某机关, en: Some body }
documentNumber: 'E-1'
jurisdiction: E
status: published
outcomes:
  - { id: none, label: { zh: 不予问责, en: No accountability } }
  - { id: exempted, label: { zh: 免予问责, en: Exempted } }
  - { id: lighter, label: { zh: 从轻问责, en: Lighter accountability } }
  - { id: refused, label: { zh: 不予容错, en: Not tolerated } }
sources:
  - { id: doc, title: { zh: 《容错纠错办法》, en: Measures on Tolerance }, number: 'E-1', issuer: { zh: 某机关, en: Some body } }
  - { id: reg, title: { zh: 关于贯彻《问责条例》的实施办法, en: Rules implementing the Accountability Regulation }, number: '', issuer: { zh: 某机关, en: Some body } }
versions:
  - id: v1
    from: '2020-01-01'
    clauses:
      - { id: k-excl, source: doc, article: { zh: 第五条, en: Art. 5 }, text: { zh: 有下列情形之一的不予容错, en: None of these cases is tolerated } }
      - { id: k-sit, source: doc, article: { zh: 第三条, en: Art. 3 }, text: { zh: 下列失误可以容错, en: These mistakes may be tolerated } }
      - { id: k-imm, source: reg, article: { zh: 第二条, en: Art. 2 }, text: { zh: 集体决策中明确反对的不予问责, en: A recorded objection is not held to account } }
      - { id: k-mit, source: doc, article: { zh: 第六条, en: Art. 6 }, text: { zh: 积极配合调查的从轻问责, en: Cooperation lightens accountability } }
    rules:
      - { id: x-gain, kind: exclusion, title: { zh: 谋取私利, en: Private gain }, clauses: [k-excl], when: { fact: privateGain, eq: true } }
      - { id: x-crime, kind: exclusion, title: { zh: 涉嫌犯罪, en: Suspected crime }, clauses: [k-excl], when: { fact: crimeSuspected, eq: true } }
      - { id: x-ban, kind: exclusion, title: { zh: 明令禁止后仍为之, en: Carried on after a ban }, clauses: [k-excl], when: { fact: actedAfterExplicitBan, eq: true } }
      - id: s-pilot
        kind: situation
        title: { zh: 先行先试, en: Pioneering without precedent }
        clauses: [k-sit]
        when: { all: [{ fact: purpose, eq: reform_pilot }, { fact: noPrecedent, eq: true }] }
      - { id: s-unclear, kind: situation, title: { zh: 政策界限不明, en: Unclear policy boundary }, clauses: [k-sit], when: { fact: policyBoundaryUnclear, eq: true } }
      - { id: s-force, kind: situation, title: { zh: 不可抗力, en: Force majeure }, clauses: [k-sit], when: { fact: forceMajeure, eq: true } }
      - { id: i-objection, kind: immunity, title: { zh: 提出反对意见, en: Objection recorded }, clauses: [k-imm], when: { fact: objectionRecorded, eq: true } }
      - { id: m-coop, kind: mitigation, title: { zh: 配合调查, en: Cooperated }, clauses: [k-mit], when: { fact: cooperated, eq: true } }
    predicates:
      - id: any-situation
        title: { zh: 属于可以容错的情形, en: A tolerable situation }
        when: { any: [{ rule: s-pilot }, { rule: s-unclear }, { rule: s-force }] }
    decision:
      - { id: d-gain, outcome: refused, when: { rule: x-gain } }
      - { id: d-crime, outcome: refused, when: { rule: x-crime } }
      - { id: d-ban, outcome: refused, when: { rule: x-ban } }
      - { id: d-objection, outcome: none, when: { rule: i-objection } }
      - { id: d-exempt, outcome: exempted, when: { predicate: any-situation } }
      - { id: d-coop, outcome: lighter, when: { rule: m-coop } }
      - { id: d-else, outcome: refused, otherwise: true }
`;

export function explainPack(yaml = EXPLAIN_YAML): Pack {
  return parsePack(yaml, 'ex.yaml');
}

/** Every exclusion found absent, no objection recorded. */
export const CLEAN = Object.freeze({
  privateGain: false,
  crimeSuspected: false,
  actedAfterExplicitBan: false,
  objectionRecorded: false,
});
