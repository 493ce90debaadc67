/**
 * The shapes of a jurisdiction's document numbering (GET and POST
 * /api/admin/jurisdictions/:id/numbering): the issuing code (机关代字) and a pattern per numbered
 * kind, each with its default. The checks are src/shared/numbering.ts.
 */
import { Type, type Static } from 'typebox';
import { NUMBERED_TYPES, NUMBERING_LIMITS } from '../shared/numbering.js';
import { I18nText, List, Nullable, Obj, StringEnum } from './common.js';

export const NumberedTypeName = StringEnum(NUMBERED_TYPES);

export const DocumentNumbering = Obj({
  jurisdictionId: Type.String(),
  name: I18nText,
  code: Nullable(Type.String(), { description: 'The issuing code set; null: the default.' }),
  defaultCode: Type.String({ description: 'The code in use when none is set (the short name).' }),
  patterns: List(
    Obj({
      type: NumberedTypeName,
      pattern: Nullable(Type.String(), { description: 'The pattern set; null: the default.' }),
      defaultPattern: Type.String(),
    }),
  ),
});
export type DocumentNumbering = Static<typeof DocumentNumbering>;

const PatternValue = Nullable(Type.String({ maxLength: NUMBERING_LIMITS.pattern * 2 }));

export const DocumentNumberingBody = Obj({
  code: Nullable(Type.String({ maxLength: NUMBERING_LIMITS.code * 2 }), {
    description: 'The issuing code (机关代字); null or blank: the default (the short name).',
  }),
  patterns: Obj(
    Object.fromEntries(NUMBERED_TYPES.map((t) => [t, Type.Optional(PatternValue)])) as Record<
      (typeof NUMBERED_TYPES)[number],
      ReturnType<typeof Type.Optional<typeof PatternValue>>
    >,
    {
      description:
        'A pattern per kind holding {year} and {n} (and, usually, {code}); null or blank: the default; a kind left out keeps its setting.',
    },
  ),
});
export type DocumentNumberingBody = Static<typeof DocumentNumberingBody>;
