/**
 * The audit administrator's screens (src/server/routes/audit.ts, src/app/trails/): the read log,
 * the administration events and the security events, each filtered and paged newest first (keyset:
 * `before` the last id shown), exported to Excel, and the verification of every hash chain.
 */
import { SECURITY_EVENT_KINDS } from '../shared/security-events.js';
import {
  Count,
  DateTime,
  I18nText,
  List,
  Locale,
  Nullable,
  Obj,
  StringEnum,
  Text,
  Type,
  Uuid,
  type Static,
} from './common.js';

const PAGE_QUERY = {
  before: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'Rows older than this id (the previous page’s nextBefore).',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

const RANGE_QUERY = {
  from: Type.Optional(
    Type.String({ format: 'date', description: 'From this China day (inclusive).' }),
  ),
  to: Type.Optional(Type.String({ format: 'date', description: 'To this China day (inclusive).' })),
  user: Type.Optional(Text(128, 1, 'A username, exactly.')),
};

export const ReadLogFilter = {
  ...RANGE_QUERY,
  what: Type.Optional(Text(64, 1, 'What was read: a prefix, e.g. case. or audit.')),
  caseNumber: Type.Optional(Text(64, 1, 'A case number, exactly.')),
};
export const AdminEventFilter = {
  ...RANGE_QUERY,
  action: Type.Optional(Text(64, 1, 'The action: a prefix, e.g. user. or user.grants.')),
  target: Type.Optional(Text(128, 1, 'The target’s id, exactly.')),
};
export const SecurityEventKind = StringEnum(SECURITY_EVENT_KINDS);
export const SecurityEventFilter = {
  ...RANGE_QUERY,
  kind: Type.Optional(SecurityEventKind),
};

export const ReadLogQuery = Obj({ ...ReadLogFilter, ...PAGE_QUERY });
export const AdminEventQuery = Obj({ ...AdminEventFilter, ...PAGE_QUERY });
export const SecurityEventQuery = Obj({ ...SecurityEventFilter, ...PAGE_QUERY });
export const ReadLogExportQuery = Obj({ ...ReadLogFilter, lang: Type.Optional(Locale) });
export const AdminEventExportQuery = Obj({ ...AdminEventFilter, lang: Type.Optional(Locale) });
export const SecurityEventExportQuery = Obj({
  ...SecurityEventFilter,
  lang: Type.Optional(Locale),
});

const UserRef = Obj({ id: Uuid, username: Type.String(), name: Type.String() });
const NextBefore = Nullable(Type.Integer(), {
  description: 'The next page’s `before`; null at the end.',
});
const Seq = Nullable(Type.Integer(), {
  description:
    'The row’s place in its hash chain; null before the chain existed (or, for the read log, until sealed).',
});

export const ReadLogRow = Obj({
  id: Type.Integer(),
  at: DateTime,
  user: Nullable(UserRef),
  what: Type.String(),
  caseNumber: Nullable(Type.String()),
  jurisdiction: Nullable(Obj({ id: Type.String(), name: I18nText })),
  seq: Seq,
});
export const ReadLogPage = Obj({ items: List(ReadLogRow), nextBefore: NextBefore });

export const AdminEventRow = Obj({
  id: Type.Integer(),
  at: DateTime,
  actor: UserRef,
  action: Type.String(),
  targetKind: Type.String(),
  targetId: Type.String(),
  payload: Type.String({ description: 'What changed, as JSON (never a password).' }),
  seq: Seq,
});
export const AdminEventPage = Obj({ items: List(AdminEventRow), nextBefore: NextBefore });

export const SecurityEventRow = Obj({
  id: Type.Integer(),
  at: DateTime,
  kind: Type.String(),
  kindLabel: I18nText,
  userId: Nullable(Uuid),
  username: Type.String(),
  ip: Type.String(),
  userAgent: Type.String(),
  method: Type.String(),
  route: Type.String(),
  requestId: Type.String(),
  details: Type.String(),
  seq: Type.Integer(),
});
export const SecurityEventPage = Obj({ items: List(SecurityEventRow), nextBefore: NextBefore });

export const TrailCheckView = Obj({
  chain: StringEnum(['read_log', 'admin_events', 'security_events'] as const),
  label: I18nText,
  rows: Count,
  before: Count,
  pending: Count,
  purgedThrough: Count,
  hashes: List(StringEnum(['sha256', 'sm3'] as const)),
  intact: Type.Boolean(),
  message: I18nText,
});
export const AuditVerifyResult = Obj({
  intact: Type.Boolean(),
  cases: Count,
  events: Count,
  caseBreak: Nullable(I18nText, { description: 'Where a case’s trail breaks, if one does.' }),
  trails: List(TrailCheckView),
  ms: Count,
});

export type ReadLogRow = Static<typeof ReadLogRow>;
export type AdminEventRow = Static<typeof AdminEventRow>;
export type SecurityEventRow = Static<typeof SecurityEventRow>;
export type AuditVerifyResult = Static<typeof AuditVerifyResult>;
