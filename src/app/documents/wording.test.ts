import { describe, expect, it } from 'vitest';
import { absentExclusions, factClause, postOf, type StatedFact } from './wording.js';

const f = (id: string, raw: StatedFact['raw'], zh = '', en = ''): StatedFact => ({
  id,
  label: { zh: id, en: id },
  value: { zh, en },
  raw,
});

describe('the wording of facts', () => {
  it('states each fact as a third-person clause, without internal values', () => {
    expect(factClause(f('dutiesPerformed', true), 'zh')).toBe('已勤勉尽责履行职责');
    expect(factClause(f('decisionProcess', 'collective'), 'zh')).toBe('有关事项经集体研究决策');
    expect(factClause(f('remediation', 'effective'), 'en')).toBe(
      'remedied the matter promptly and effectively',
    );
    expect(factClause(f('purpose', 'development_task', '推动发展任务'), 'zh')).toBe(
      '所涉工作属于推动发展任务',
    );
    expect(factClause(f('lossAmount', 0, '0 元'), 'zh')).toBe('未造成直接经济损失');
    // A pack's own fact: its label, never its id or raw value.
    const own = { ...f('onList', true), label: { zh: '列入清单', en: 'On the list' } };
    expect(factClause(own, 'zh')).toBe('属于“列入清单”的情形');
  });

  it('sums up the exclusions found absent, leaving out those already stated', () => {
    const facts = [
      f('privateGain', false),
      f('crimeSuspected', false),
      f('graveConsequence', 'none'),
    ];
    expect(absentExclusions(facts, new Set(['privateGain']), 'zh')).toEqual([
      '涉嫌犯罪',
      '造成严重后果',
    ]);
    expect(absentExclusions([f('privateGain', true)], new Set(), 'zh')).toEqual([]);
  });

  it('names the unit once', () => {
    expect(postOf('招商服务科', '招商服务科科长', 'zh')).toBe('招商服务科科长');
    expect(postOf('招商科', '科长', 'zh')).toBe('招商科科长');
    expect(postOf('Investment Section', 'Section chief', 'en')).toBe(
      'Section chief, Investment Section',
    );
  });
});
