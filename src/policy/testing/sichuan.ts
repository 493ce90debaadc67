/**
 * Facts of a zone official whose pioneering mistake meets the Sichuan free-trade zone measure's six
 * conditions (packs/sichuan-ftz): the answers a form or an API test gives, a subset of the pack's
 * scenarios.yaml `clean` (the facts a test of the band and of the scope needs).
 */
export const SICHUAN_CLEAN: Readonly<Record<string, boolean | string>> = Object.freeze({
  crimeSuspected: false,
  knowinglyViolated: false,
  actedAfterExplicitBan: false,
  privateGain: false,
  executedIllegalHigherDecision: false,
  obstructed: false,
  ignoredRepeatedOrders: false,
  decisionProcess: 'collective',
  objectionRecorded: false,
  forceMajeure: false,
  dutiesPerformed: true,
  prohibitedAtTheTime: false,
  noPrecedent: true,
  remediation: 'not_needed',
  cooperated: true,
  ftzReformWork: true,
  otherAccountabilityBody: false,
  alignedWithDirectives: true,
  institutionalInnovation: true,
});
