/**
 * Checking what an officer records on an accountability matter: its circumstances (stable codes of
 * src/shared/matters.ts), the lifelong-accountability flag with the major decision it concerns, and
 * a referral (移送). Shared by ex-officio registration (cases/open-ex-officio.ts) and the matter's
 * transitions (record-circumstances.ts, record-referral.ts). Bad input is refused with VALIDATION
 * naming the field, in zh and en; nothing is written.
 */
import {
  MATTER_CIRCUMSTANCES,
  REFERRAL_BODIES,
  type MatterCircumstance,
  type ReferralBody,
} from '../../shared/matters.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { requireDay, requireText } from '../cases/text-input.js';
import { invalid } from '../errors.js';

export interface CircumstancesInput {
  /** Codes of MATTER_CIRCUMSTANCES; none is allowed (the matter has none of them). */
  readonly circumstances?: readonly string[];
  /** Lifelong accountability for a major decision (重大决策终身责任追究). */
  readonly lifelong?: boolean;
  readonly majorDecisionName?: string;
  /** The day the major decision was made. */
  readonly majorDecisionOn?: string;
  /** The body that made it, e.g. 区委常委会. */
  readonly majorDecisionBody?: string;
}

export interface CheckedCircumstances {
  readonly circumstances: MatterCircumstance[];
  readonly lifelong: boolean;
  readonly majorDecisionName: string | null;
  readonly majorDecisionOn: string | null;
  readonly majorDecisionBody: string | null;
}

const isCircumstance = (v: unknown): v is MatterCircumstance =>
  typeof v === 'string' && (MATTER_CIRCUMSTANCES as readonly string[]).includes(v);

/** The circumstances, known codes each once, in the regulation's order. */
function circumstancesOf(input: CircumstancesInput): MatterCircumstance[] {
  const given = input.circumstances ?? [];
  if (!Array.isArray(given) || !given.every(isCircumstance)) {
    throw invalid(
      'circumstances',
      `问责情形应为以下代码之一：${MATTER_CIRCUMSTANCES.join('、')}。`,
      `each circumstance is one of: ${MATTER_CIRCUMSTANCES.join(', ')}.`,
    );
  }
  return MATTER_CIRCUMSTANCES.filter((c) => given.includes(c));
}

/** The major decision under lifelong accountability: all three parts, or none when not flagged. */
function majorDecisionOf(input: CircumstancesInput, today: string) {
  const given = [input.majorDecisionName, input.majorDecisionOn, input.majorDecisionBody].some(
    (v) => typeof v === 'string' && v.trim() !== '',
  );
  if (input.lifelong !== true) {
    if (given) {
      throw invalid(
        'lifelong',
        '填写了重大决策的，应同时标记重大决策终身责任追究；不追究终身责任的，请清空重大决策各项。',
        'a major decision is given only with the lifelong-accountability flag: set the flag, or clear the decision.',
      );
    }
    return { majorDecisionName: null, majorDecisionOn: null, majorDecisionBody: null };
  }
  const majorDecisionName = requireText('majorDecisionName', input.majorDecisionName, {
    what: { zh: '重大决策名称', en: 'the name of the major decision' },
    ...TEXT_LIMITS.majorDecisionName,
  });
  const on = requireDay('majorDecisionOn', input.majorDecisionOn, {
    what: { zh: '重大决策作出日期', en: 'the day the major decision was made' },
    notAfter: today,
  });
  const majorDecisionBody = requireText('majorDecisionBody', input.majorDecisionBody, {
    what: { zh: '作出决策的机构', en: 'the body that made the decision' },
    ...TEXT_LIMITS.majorDecisionBody,
  });
  return { majorDecisionName, majorDecisionOn: on, majorDecisionBody };
}

/** The circumstances and the lifelong flag, checked (`today`: China's day, for the decision's date). */
export function checkedCircumstances(
  input: CircumstancesInput,
  today: string,
): CheckedCircumstances {
  if (input.lifelong !== undefined && typeof input.lifelong !== 'boolean') {
    throw invalid('lifelong', '应为是或否。', 'use true or false.');
  }
  return {
    circumstances: circumstancesOf(input),
    lifelong: input.lifelong === true,
    ...majorDecisionOf(input, today),
  };
}

export interface ReferralInput {
  /** 监察机关 or 司法机关. */
  readonly to: ReferralBody;
  readonly on: string;
  /** On what basis: the suspected crime and the facts found. */
  readonly basis: string;
  /** The receiving body's receipt number (回执编号). */
  readonly receipt: string;
}

/** A referral, checked: a known body, a day not in the future, the basis and the receipt. */
export function checkedReferral(input: ReferralInput, today: string): ReferralInput {
  if (!(REFERRAL_BODIES as readonly string[]).includes(input.to)) {
    throw invalid(
      'to',
      '请选择移送机关：监察机关（supervisory_commission）或司法机关（judicial）。',
      "choose where it is referred: 'supervisory_commission' or 'judicial'.",
    );
  }
  return {
    to: input.to,
    on: requireDay('on', input.on, {
      what: { zh: '移送日期', en: 'the day of the referral' },
      notAfter: today,
    }),
    basis: requireText('basis', input.basis, {
      what: { zh: '移送依据', en: 'the basis of the referral' },
      ...TEXT_LIMITS.referralBasis,
    }),
    receipt: requireText('receipt', input.receipt, {
      what: { zh: '接收机关回执编号', en: "the receiving body's receipt number" },
      ...TEXT_LIMITS.referralReceipt,
    }),
  };
}
