/** A small pack for tests of derived facts, dates relative to the conduct and the answer none. */
import { parsePack } from '../parse.js';
import type { Pack } from '../model.js';

/** A pack with a derived share, a date relative to the conduct and a fact that may be none. */
export const derivedPackYaml = (extraFacts = '', extraRule = ''): string => `
id: meas
title: { zh: 办法, en: Measure }
authority: { zh: 某机关, en: Some body }
documentNumber: 'M-1'
jurisdiction: M
status: published
standardVocabulary: false
outcomes:
  - { id: exempted, label: { zh: 免责, en: exempted } }
  - { id: not_tolerated, label: { zh: 不予容错, en: not tolerated } }
sources:
  - { id: doc, title: { zh: 文件, en: Document }, number: 'M-1', issuer: { zh: 某机关, en: Some body } }
facts:
  lossAmount:
    type: number
    label: { zh: 损失金额, en: Loss }
    help: { zh: 万元, en: in 10k yuan }
    min: 0
  projectInvestment:
    type: number
    label: { zh: 项目投资额, en: Project investment }
    help: { zh: 万元, en: in 10k yuan }
    min: 0
  lossShare:
    type: number
    label: { zh: 损失占投资比例, en: Share of the investment lost }
    help: { zh: 计算得出, en: computed }
    derived: { div: [lossAmount, projectInvestment] }
  lastSameMistakeOn:
    type: date
    label: { zh: 上一次同类错误的日期, en: Date of the last same mistake }
    help: { zh: 没有则填无, en: none if there was none }
    none: { zh: 无同类错误, en: no earlier mistake }
${extraFacts}
versions:
  - id: v1
    from: '2020-01-01'
    clauses:
      - { id: c1, source: doc, article: { zh: 第一条, en: Art. 1 }, text: { zh: 损失过大, en: loss too large } }
      - { id: c2, source: doc, article: { zh: 第二条, en: Art. 2 }, text: { zh: 两年内再犯, en: repeated within two years } }
    rules:
      - { id: big-loss, kind: exclusion, title: { zh: 损失超过投资三成, en: loss above 30% }, clauses: [c1], when: { fact: lossShare, gt: 0.3 } }
      - { id: repeat, kind: exclusion, title: { zh: 两年内同类错误, en: same mistake within two years }, clauses: [c2], when: { fact: lastSameMistakeOn, within: { years: 2 } } }
${extraRule}
    decision:
      - { id: d-loss, outcome: not_tolerated, when: { rule: big-loss } }
      - { id: d-repeat, outcome: not_tolerated, when: { rule: repeat } }
      - { id: d-ok, outcome: exempted, otherwise: true }
`;

export function derivedPack(): Pack {
  return parsePack(derivedPackYaml(), 'meas.yaml');
}
