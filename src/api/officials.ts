/** GET /api/officials: the officials the user may open a matter for (presenters/official.ts). */
import { TEXT_LIMITS } from '../shared/limits.js';
import { I18nText, Obj, PAGING, Page, Type, Uuid, type Static } from './common.js';

export const OfficialOption = Obj({
  id: Uuid,
  name: Type.String(),
  position: I18nText,
  unit: Obj({ id: Uuid, name: I18nText }),
  jurisdiction: Obj(
    {
      id: Type.String(),
      name: I18nText,
      packId: Type.String({ description: 'The policy pack applied to their matters.' }),
    },
    { description: 'The jurisdiction whose organization department manages the official.' },
  ),
  abilities: Obj(
    {
      apply: Type.Boolean({ description: 'POST /api/cases (an application).' }),
      recordAccountabilityMatter: Type.Boolean({
        description: 'POST /api/accountability-matters (ex officio).',
      }),
    },
    { description: 'What the signed-in user may open for this official.' },
  ),
});
export type OfficialOption = Static<typeof OfficialOption>;

export const OfficialsPage = Page(OfficialOption);
export type OfficialsPage = Static<typeof OfficialsPage>;

export const OfficialsQuery = Obj({
  q: Type.Optional(
    Type.String({
      maxLength: TEXT_LIMITS.officialSearch.max,
      description: 'Part of the official’s name.',
    }),
  ),
  ...PAGING,
});
