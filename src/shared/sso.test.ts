import { describe, expect, it } from 'vitest';
import { readSecondStepFragment, secondStepFragment } from './sso.js';

const TICKET = 'A'.repeat(40) + '_-9';

describe('the second step’s fragment after a single sign-on', () => {
  it('carries the ticket and the step there and back', () => {
    const hash = secondStepFragment('enrol', TICKET);
    expect(hash).toBe(`#ticket=${TICKET}&step=enrol`);
    expect(readSecondStepFragment(hash)).toEqual({ secondFactor: 'enrol', ticket: TICKET });
    expect(readSecondStepFragment(`#step=totp&ticket=${TICKET}`)).toEqual({
      secondFactor: 'totp',
      ticket: TICKET,
    });
  });

  it('reads nothing from another fragment, a malformed ticket or an unknown step', () => {
    expect(readSecondStepFragment('')).toBeNull();
    expect(readSecondStepFragment('#section-2')).toBeNull();
    expect(readSecondStepFragment(`#ticket=${TICKET}x&step=totp`)).toBeNull();
    expect(readSecondStepFragment(`#ticket=${TICKET}&step=password`)).toBeNull();
    expect(readSecondStepFragment(`#ticket=${TICKET}`)).toBeNull();
  });
});
