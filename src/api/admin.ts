/**
 * Administration (src/server/routes/admin.ts, src/app/admin/*): users and their role grants, the
 * organization, the working-day calendars, the password rules.
 */
import { Role, ScopeKind } from './auth.js';
import { MAX_PASSWORD_LENGTH, TEXT_LIMITS, USERNAME_CHARACTERS } from '../shared/limits.js';
import { PASSWORD_RULE_IDS } from '../shared/passwords.js';
import {
  Count,
  DateString,
  DateTime,
  I18nText,
  List,
  Locale,
  Nullable,
  Obj,
  PAGING,
  Page,
  PersonRef,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

// ---- users --------------------------------------------------------------------------------

export const UserIdParams = Obj({
  id: Type.String({ format: 'uuid', description: 'The user id.' }),
});

export const AdminGrant = Obj({
  id: Uuid,
  role: Role,
  roleLabel: I18nText,
  scopeKind: ScopeKind,
  scopeId: Type.String(),
  scopeName: Nullable(I18nText),
  department: Nullable(Type.String(), {
    description: 'The department a consulted-department officer (consultee) answers for.',
  }),
});
export type AdminGrant = Static<typeof AdminGrant>;

const ADMIN_USER = {
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  locale: Locale,
  disabled: Type.Boolean(),
  lockedUntil: Nullable(DateTime),
  failedLogins: Type.Integer(),
  twoFactor: Type.Boolean({ description: 'Whether the user signs in with a second factor.' }),
  official: Nullable(Obj({ id: Uuid, name: Type.String(), unitName: I18nText })),
  grants: List(AdminGrant),
  createdAt: DateTime,
  abilities: Obj(
    {
      edit: Type.Boolean(),
      editGrants: Type.Boolean({ description: 'The security administrator changes roles.' }),
      resetTwoFactor: Type.Boolean(),
      resetPassword: Type.Boolean(),
      unlock: Type.Boolean(),
      disable: Type.Boolean(),
      enable: Type.Boolean(),
    },
    {
      description:
        'What the signed-in administrator may do to this user now: accounts for the system administrator, roles and second factors for the security administrator.',
    },
  ),
};

export const AdminUser = Obj(ADMIN_USER);
export type AdminUser = Static<typeof AdminUser>;

export const AdminEvent = Obj({
  id: Type.Integer(),
  action: Type.String(),
  actor: PersonRef,
  at: DateTime,
  payload: Type.Unsafe<Readonly<Record<string, unknown>>>({
    type: 'object',
    description: 'What the change recorded (its fields depend on the action).',
    additionalProperties: { $ref: 'JsonValue#' },
  }),
});

export const AdminUserDetail = Obj({
  ...ADMIN_USER,
  history: List(AdminEvent, {
    description: 'The latest administrators’ changes to this user, newest first.',
  }),
});
export type AdminUserDetail = Static<typeof AdminUserDetail>;

export const UserAnswer = Obj({ user: AdminUserDetail });

export const AdminUserPage = Page(AdminUser);
export type AdminUserPage = Static<typeof AdminUserPage>;

export const UsersQuery = Obj({
  q: Type.Optional(
    Type.String({
      maxLength: TEXT_LIMITS.search.max,
      description: 'Searches the username, the name and the linked official’s name.',
    }),
  ),
  status: Type.Optional(StringEnum(['active', 'locked', 'disabled'] as const)),
  ...PAGING,
});

export const OfficialSearchQuery = Obj({
  q: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.search.max, default: '' })),
});

export const OfficialMatches = Obj({
  items: List(
    Obj({
      id: Uuid,
      name: Type.String(),
      position: I18nText,
      unitName: I18nText,
      linkedUsername: Nullable(Type.String()),
    }),
  ),
});

const GrantInput = Obj({
  role: Role,
  scopeKind: ScopeKind,
  scopeId: Type.String({
    maxLength: 64,
    description: "A jurisdiction id, a unit id, or '' for self (the official role).",
  }),
  department: Type.Optional(
    Nullable(
      Text(
        TEXT_LIMITS.department.max,
        0,
        'The consultee role only: the department answered for, by the code a consultation names (GET /api/admin/consulted-departments) or a name.',
      ),
    ),
  ),
});
const GrantsInput = List(GrantInput, { minItems: 1, maxItems: 30 });
const Password = Text(MAX_PASSWORD_LENGTH, 1, 'Checked against GET /api/admin/password-rules.');

export const CreateUserBody = Obj({
  username: Type.String({
    minLength: TEXT_LIMITS.username.min,
    maxLength: TEXT_LIMITS.username.max,
    pattern: `^${USERNAME_CHARACTERS}+$`,
    description: 'Letters, digits and _ . -; unique regardless of case.',
  }),
  displayName: Text(
    TEXT_LIMITS.displayName.max,
    TEXT_LIMITS.displayName.min,
    'The person’s name as shown to others.',
  ),
  locale: Type.Optional(StringEnum(['zh', 'en'] as const, { default: 'zh' })),
  password: Password,
  officialId: Type.Optional(Nullable(Uuid)),
  grants: GrantsInput,
});
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Obj({
  displayName: Type.Optional(Text(TEXT_LIMITS.displayName.max, TEXT_LIMITS.displayName.min)),
  locale: Type.Optional(Locale),
});
export const GrantsBody = Obj({ grants: GrantsInput });
export const PasswordBody = Obj({ password: Password });

/** The departments the packs name for consultation: what a consultee grant may answer for. */
export const ConsultedDepartments = Obj({
  departments: List(Type.String(), {
    description:
      'Department codes named by the policy packs (e.g. organization, discipline, audit).',
  }),
});

export const PasswordRule = Obj({
  id: StringEnum(PASSWORD_RULE_IDS),
  value: Type.Optional(Type.Integer()),
  text: I18nText,
});
export type PasswordRule = Static<typeof PasswordRule>;
export const PasswordRules = Obj({ rules: List(PasswordRule) });

// ---- organization -------------------------------------------------------------------------

export const UnitIdParams = Obj({
  id: Type.String({ format: 'uuid', description: 'The unit id.' }),
});
export const JurisdictionIdParams = Obj({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'The jurisdiction id.' }),
});

const OrgAbilities = Obj({ rename: Type.Boolean(), addUnit: Type.Boolean() });
const YearStatus = StringEnum(['published', 'provisional'] as const);
const CalendarYears = List(Obj({ year: Type.Integer(), status: YearStatus }));

export const OrgJurisdiction = Obj({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  level: Type.String(),
  name: I18nText,
  pack: Obj({ id: Type.String(), title: Nullable(I18nText) }),
  // The organization's presenter hands out the status as a string.
  calendar: Obj({
    id: Type.String(),
    years: List(
      Obj({
        year: Type.Integer(),
        status: Type.Unsafe<string>({ type: 'string', enum: ['published', 'provisional'] }),
      }),
    ),
  }),
  applicantAssessment: Type.Boolean({
    description:
      'Applicants see the engine’s preliminary assessment while applying; off (the default), the form shows which conditions the measure weighs.',
  }),
  abilities: OrgAbilities,
});
export type OrgJurisdiction = Static<typeof OrgJurisdiction>;

export const ApplicantAssessmentBody = Obj({
  enabled: Type.Boolean({
    description: 'Whether applicants of the jurisdiction see the preliminary assessment.',
  }),
});

export const OrgUnit = Obj({
  id: Uuid,
  jurisdictionId: Type.String(),
  parentId: Nullable(Uuid),
  name: I18nText,
  kind: Type.String(),
  officials: Count,
  abilities: OrgAbilities,
});
export type OrgUnit = Static<typeof OrgUnit>;

export const OrgTree = Obj({ jurisdictions: List(OrgJurisdiction), units: List(OrgUnit) });
export type OrgTree = Static<typeof OrgTree>;

const Names = {
  nameZh: Text(TEXT_LIMITS.orgNameZh.max, TEXT_LIMITS.orgNameZh.min, 'The name in Chinese.'),
  nameEn: Text(TEXT_LIMITS.orgNameEn.max, TEXT_LIMITS.orgNameEn.min, 'The name in English.'),
};
export const NamesBody = Obj(Names);

export const AddUnitBody = Obj({
  jurisdictionId: Type.String({ maxLength: 64 }),
  parentId: Type.Optional(Nullable(Uuid)),
  ...Names,
  kind: Type.Optional(StringEnum(['department', 'section', 'agency', 'enterprise'] as const)),
});
export const Created = Obj({ id: Uuid });

// ---- calendars ----------------------------------------------------------------------------

export const CalendarList = Obj({
  calendars: List(Obj({ id: Type.String(), years: CalendarYears })),
});
export type CalendarList = Static<typeof CalendarList>;

export const CalendarYearParams = Obj({
  id: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }),
  year: Type.Integer({ minimum: 1900, maximum: 2100 }),
});

export const CalendarDay = Obj({
  date: DateString,
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday.' }),
  working: Type.Boolean(),
  kind: StringEnum(['workday', 'weekend', 'holiday', 'makeup'] as const),
  holiday: Type.Optional(Type.String({ description: 'The holiday’s name, for a day off.' })),
  provisional: Type.Boolean(),
});
export type CalendarDay = Static<typeof CalendarDay>;

export const CalendarYear = Obj({
  id: Type.String(),
  year: Type.Integer(),
  status: YearStatus,
  source: Type.String(),
  holidays: List(Obj({ name: Type.String(), dates: List(DateString) })),
  makeupWorkdays: List(DateString),
  days: List(CalendarDay),
});
export type CalendarYear = Static<typeof CalendarYear>;

/** GET /api/admin/users/export.xlsx: the user list's filters, without paging, and the language. */
export const UsersExportQuery = Obj({
  q: UsersQuery.properties.q,
  status: UsersQuery.properties.status,
  lang: Type.Optional(Locale),
});
