/**
 * The recommendation a determination was decided against, in words: one outcome, or the band the
 * committee could decide within (a measure's *may*), e.g. “免予问责（容错免责）或者减轻问责”.
 */
import type { TFunction } from 'i18next';
import { pick, type Lang } from '../../i18n';
import type { CaseView } from '../../types';

type Determination = CaseView['determinations'][number];

/** The band's labels joined as the texts join alternatives; '' when undetermined. */
export function recommendedInWords(d: Determination, lang: Lang, t: TFunction): string {
  const labels = d.recommended.map((o) => pick(o.label, lang) || o.id);
  if (labels.length === 0) return '';
  if (labels.length === 1) return labels[0]!;
  return t('caseView.band', { outcomes: labels.join(t('caseView.bandOr')) });
}
