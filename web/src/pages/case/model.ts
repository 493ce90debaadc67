/**
 * The parts of GET /api/cases/:id (and of the pack) the case desk reads: the types of the
 * server's schemas (src/api), under the names the desk uses. Officers get opinions, votes and
 * event payloads; the parties do not (those fields are then absent).
 */
import type { CaseView } from '../../types';

export type {
  Assessment,
  CaseTask,
  Challenge,
  Consultation,
  EvidenceFile,
  Extension,
  PackAnswer as PackDetail,
  PackFact,
  ResultApplied,
  Statement,
  Suspension,
  TimeLimit,
} from '../../../../src/api/index.js';

/** The case as the desk reads it. */
export type CaseFile = CaseView;
