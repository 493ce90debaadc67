/** GET /api/dashboard: the managers' figures (src/app/queries/dashboard.ts). */
import { Count, DateString, I18nText, List, Obj, Type, Uuid, type Static } from './common.js';

export const DashboardQuery = Obj({
  months: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 36,
      default: 12,
      description: 'Months of decisions, ending with the current month.',
    }),
  ),
});

export const DashboardData = Obj({
  today: DateString,
  totals: Obj({ open: Count, overdue: Count, suspended: Count, decided: Count }),
  openByStep: List(Obj({ step: Type.String(), label: I18nText, count: Count })),
  overdue: Obj({
    count: Count,
    items: List(
      Obj({
        id: Uuid,
        number: Type.String(),
        title: Type.String(),
        official: Type.String(),
        jurisdiction: I18nText,
        step: Type.String(),
        stepLabel: I18nText,
        stepDueOn: DateString,
        workingDaysOverdue: Count,
      }),
    ),
  }),
  outcomesByMonth: Obj({
    months: List(Type.String({ pattern: '^\\d{4}-\\d{2}$' })),
    outcomes: List(Obj({ id: Type.String(), label: I18nText })),
    counts: List(List(Count), {
      description: 'counts[i][j]: decisions with outcome i in month j.',
    }),
  }),
});
export type DashboardData = Static<typeof DashboardData>;
