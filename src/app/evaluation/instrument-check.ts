/**
 * The instrument check the server uses when an instrument is adapted: the instrument loader's
 * parser (src/evaluation/instrument.ts), the same rules as the shipped files. JSON is YAML, so the
 * candidate is checked as the text of a file; each problem comes back with the field it is about
 * (`dimensions[0].factors[1].items[2].text.zh`) and how to fix it, in both languages.
 */
import { InstrumentError, parseInstrument } from '../../evaluation/instrument.js';
import type { InstrumentCheck } from './instruments.js';

export const checkInstrument: InstrumentCheck = (candidate) => {
  try {
    return { instrument: parseInstrument(JSON.stringify(candidate, null, 1), 'instrument') };
  } catch (e) {
    if (!(e instanceof InstrumentError)) throw e;
    return { problems: e.problems };
  }
};
