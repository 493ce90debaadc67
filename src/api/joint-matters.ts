/**
 * Several officials in one matter (共同失误，多人一案) over HTTP: opening one (POST
 * /api/joint-matters), a fact common to all (POST /api/joint-matters/:id/facts), the panel seated on
 * every case (POST /api/joint-matters/:id/members), and the matter as a case's page shows it (GET
 * /api/cases/:id/joint-matter). The use cases are src/app/joint/, the view
 * src/app/queries/joint-matter.ts.
 */
import { MATTER_SOURCES } from '../shared/case.js';
import { MAX_JOINT_OFFICIALS, RESPONSIBILITIES } from '../shared/joint.js';
import { MAX_MEMBERS_ADDED, TEXT_LIMITS } from '../shared/limits.js';
import {
  Count,
  DateString,
  FactValue,
  Facts,
  I18nText,
  List,
  Nullable,
  Obj,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

export const Responsibility = StringEnum(RESPONSIBILITIES, {
  description:
    'The official’s role in the matter: direct (直接责任), principal_leadership (主要领导责任), important_leadership (重要领导责任), or leadership (领导责任) where the measure does not distinguish.',
});

export const JointMatterBody = Obj({
  title: Text(TEXT_LIMITS.caseTitle.max, TEXT_LIMITS.caseTitle.min, 'The name of the matter.'),
  summary: Text(
    TEXT_LIMITS.exOfficioSummary.max,
    TEXT_LIMITS.exOfficioSummary.min,
    'The matter under accountability, as the referral states it.',
  ),
  openedOn: Type.String({ format: 'date', description: 'When the investigation opened.' }),
  conductDate: Type.String({ format: 'date', description: 'When the conduct took place.' }),
  facts: Type.Optional(Facts),
  source: Type.Optional(StringEnum(MATTER_SOURCES)),
  sourceDetail: Type.Optional(Text(TEXT_LIMITS.matterSourceDetail.max)),
  officials: List(
    Obj({
      officialId: Uuid,
      responsibility: Responsibility,
      facts: Type.Optional(Facts),
    }),
    { minItems: 2, maxItems: MAX_JOINT_OFFICIALS },
  ),
});
export type JointMatterBody = Static<typeof JointMatterBody>;

export const OpenedJointMatter = Obj({
  jointMatterId: Uuid,
  cases: List(Obj({ id: Uuid, number: Type.String(), officialId: Uuid })),
});

export const JointMatterIdParams = Obj({
  id: Type.String({ format: 'uuid', description: 'The joint matter id.' }),
});

const ExpectedVersion = Type.Integer({
  minimum: 0,
  description:
    'The joint matter’s version the user acted on (from the case’s joint-matter view); a stale one gets 409 JOINT_MATTER_VERSION_CONFLICT.',
});

export const JointFactBody = Obj({
  expectedVersion: ExpectedVersion,
  fact: Type.String({ minLength: 1, maxLength: 100 }),
  value: FactValue,
  note: Type.Optional(Text(TEXT_LIMITS.note.max)),
});
export type JointFactBody = Static<typeof JointFactBody>;

export const JointFactAnswer = Obj({
  version: Count,
  applied: List(Uuid, { description: 'The cases the value was recorded in.' }),
  kept: List(Uuid, { description: 'The cases whose own value for the fact stands.' }),
});

export const JointMembersBody = Obj({
  expectedVersion: ExpectedVersion,
  userIds: List(Uuid, { minItems: 1, maxItems: MAX_MEMBERS_ADDED }),
  chairId: Type.Optional(Uuid),
});
export type JointMembersBody = Static<typeof JointMembersBody>;

export const JointMembersAnswer = Obj({ version: Count, cases: List(Uuid) });

const OutcomeView = Obj({ id: Type.String(), label: I18nText });

export const JointOfficialView = Obj({
  caseId: Uuid,
  number: Type.String(),
  officialName: Type.String(),
  position: I18nText,
  state: Type.String(),
  stateLabel: I18nText,
  responsibility: Nullable(Type.String()),
  current: Type.Boolean({ description: 'The case the page is about.' }),
  deliberation: Nullable(
    Obj({
      recommendation: OutcomeView,
      votes: Type.Record(Type.String(), Count),
      sitting: Count,
      determination: Nullable(
        Obj({ outcome: OutcomeView, documentNumber: Type.String(), decidedOn: DateString }),
      ),
    }),
    { description: 'For case officers only; null for the parties.' },
  ),
});
export type JointOfficialView = Static<typeof JointOfficialView>;

export const JointMatterView = Obj({
  id: Uuid,
  title: Type.String(),
  summary: Type.String(),
  conductDate: DateString,
  version: Count,
  officials: List(JointOfficialView),
});
export type JointMatterView = Static<typeof JointMatterView>;

export const JointMatterAnswer = Obj({ jointMatter: Nullable(JointMatterView) });
export type JointMatterAnswer = Static<typeof JointMatterAnswer>;
