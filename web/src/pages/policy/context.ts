/**
 * What the parts of a pack page share: the version shown (with lookups by id), the interface
 * language, and the selection that links clauses and rules (click one, the other is marked).
 */
import { createContext, useContext } from 'react';
import type { Lang } from '../../i18n';
import type { Effective, PolicyClause, PolicyFact, PolicyPredicate, PolicyRule } from './model';

export interface Selection {
  /** What was clicked: a rule (its clauses are marked) or a clause (its rules are marked). */
  readonly kind: 'rule' | 'clause';
  readonly id: string;
  /** Bumped on every click, so that clicking the same item again scrolls to it again. */
  readonly seq: number;
}

export interface PackPageContext {
  readonly packId: string;
  /** A pack of the chain by its title in book-title marks (《…》), e.g. for "inherited from". */
  readonly packTitle: (packId: string) => string;
  readonly eff: Effective;
  readonly lang: Lang;
  readonly facts: ReadonlyMap<string, PolicyFact>;
  readonly rules: ReadonlyMap<string, PolicyRule>;
  readonly predicates: ReadonlyMap<string, PolicyPredicate>;
  readonly clauses: ReadonlyMap<string, PolicyClause>;
  /** Rule ids by the clause they rest on. */
  readonly rulesByClause: ReadonlyMap<string, readonly string[]>;
  readonly outcomeLabel: (id: string) => string;
  readonly selection: Selection | null;
  /** Marks a rule or clause and shows it on the clauses-and-rules tab. */
  select(kind: 'rule' | 'clause', id: string): void;
  clearSelection(): void;
}

export const PackContext = createContext<PackPageContext | null>(null);

export function usePack(): PackPageContext {
  const v = useContext(PackContext);
  if (!v) throw new Error('usePack outside a pack page');
  return v;
}

/** DOM ids of clauses, rules and fact questions, for scrolling to them. */
export const domId = {
  clause: (id: string) => `rc-clause-${id}`,
  rule: (id: string) => `rc-rule-${id}`,
  fact: (id: string) => `rc-fact-${id}`,
};
