/**
 * Several officials in one matter (共同失误，多人一案; migration 0029): each official's role in it,
 * the value of the standard fact `responsibility` of their case (src/policy/vocabulary.ts), in the
 * wording of the Party Accountability Regulations Art. 6 and the Disciplinary Regulations Art. 39.
 * 领导责任 (leadership) is for a measure that does not tell principal from important leadership.
 */
export const RESPONSIBILITIES = [
  'direct',
  'principal_leadership',
  'important_leadership',
  'leadership',
] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

/** The fact that holds an official's role in a joint matter. */
export const RESPONSIBILITY_FACT = 'responsibility';

/** A joint matter has two officials or more, and at most this many. */
export const MAX_JOINT_OFFICIALS = 20;
