/** The state is right but a condition is not: a CASE_PRECONDITION error saying which, and what to do. */
import { AppError } from '../errors.js';

export function precondition(details: Record<string, unknown>, zh: string, en: string): AppError {
  return new AppError('CASE_PRECONDITION', details, { zh, en });
}
