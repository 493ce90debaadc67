/** An official as a chooser shows them: name, position, unit, managing jurisdiction and pack. */
import type { OfficialItem } from '../../app/queries/officials.js';
import { I18N_TEXT } from '../schemas.js';

export function presentOfficial(o: OfficialItem) {
  return {
    id: o.id,
    name: o.name,
    position: { zh: o.position.zh, en: o.position.en },
    unit: { id: o.unit.id, name: { zh: o.unit.name.zh, en: o.unit.name.en } },
    jurisdiction: {
      id: o.jurisdiction.id,
      name: { zh: o.jurisdiction.name.zh, en: o.jurisdiction.name.en },
      packId: o.jurisdiction.packId,
    },
    abilities: {
      apply: o.abilities.apply,
      recordAccountabilityMatter: o.abilities.recordAccountabilityMatter,
    },
  };
}

export const OFFICIAL_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    position: I18N_TEXT,
    unit: {
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' }, name: I18N_TEXT },
    },
    jurisdiction: {
      type: 'object',
      description: 'The jurisdiction whose organization department manages the official.',
      properties: {
        id: { type: 'string' },
        name: I18N_TEXT,
        packId: { type: 'string', description: 'The policy pack applied to their matters.' },
      },
    },
    abilities: {
      type: 'object',
      description: 'What the signed-in user may open for this official.',
      properties: {
        apply: { type: 'boolean', description: 'POST /api/cases (an application).' },
        recordAccountabilityMatter: {
          type: 'boolean',
          description: 'POST /api/accountability-matters (ex officio).',
        },
      },
    },
  },
} as const;
