/** An official as a chooser shows them: name, position, unit, managing jurisdiction and pack. */
import type { OfficialItem } from '../../app/queries/officials.js';
import type { OfficialOption } from '../../api/index.js';

export function presentOfficial(o: OfficialItem): OfficialOption {
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
