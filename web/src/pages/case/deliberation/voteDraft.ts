/**
 * What the recorded votes suggest to the chair: the majority outcome (none on a tie) and a draft
 * of the minutes (会议纪要) naming who voted what, with their reasons, and the tally. The chair
 * edits both before deciding; nothing is sent until they submit.
 */
import type { TFunction } from 'i18next';
import type { CaseView } from '../../../types';

export interface VoteDraft {
  /** The outcome most members voted for; null when nobody voted or the top is tied. */
  readonly majority: string | null;
  readonly minutes: string;
}

export function voteDraft(
  view: Pick<CaseView, 'members'>,
  labelOf: (outcome: string) => string,
  t: TFunction,
): VoteDraft {
  const sitting = view.members.filter((m) => !m.recused);
  const voted = sitting.filter((m) => typeof m.vote === 'string' && m.vote !== '');
  const counts = new Map<string, number>();
  for (const m of voted) counts.set(m.vote!, (counts.get(m.vote!) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const tied = ranked.length > 1 && ranked[0]![1] === ranked[1]![1];
  const majority = ranked.length > 0 && !tied ? ranked[0]![0] : null;
  if (voted.length === 0) return { majority, minutes: '' };
  const sep = t('batch.minutes.separator');
  const lines = voted.map((m) =>
    m.voteReason
      ? t('batch.minutes.lineWithReason', {
          name: m.user.name,
          outcome: labelOf(m.vote!),
          reason: m.voteReason,
        })
      : t('batch.minutes.line', { name: m.user.name, outcome: labelOf(m.vote!) }),
  );
  const tally = ranked
    .map(([o, n]) => t('batch.minutes.count', { outcome: labelOf(o), count: n }))
    .join(sep);
  const minutes = [
    t('batch.minutes.opening', {
      members: view.members.length,
      recused: view.members.length - sitting.length,
      voted: voted.length,
    }),
    t('batch.minutes.votes'),
    ...lines,
    t('batch.minutes.tally', { tally }),
    majority
      ? t('batch.minutes.majority', { outcome: labelOf(majority) })
      : t('batch.minutes.noMajority'),
  ].join('\n');
  return { majority, minutes };
}
