/**
 * The case list: the cases an actor may read, filtered and paged, scoped in SQL so that it stays
 * cheap with a million cases. Scope mirrors the 'read' rule of policies.ts: an official sees the
 * cases about them or that they applied for; a unit's party organization its unit subtree; officers
 * their jurisdiction subtree (a committee chair above therefore sees the levels below).
 *
 * Built for a million cases (migration 0007): pages are keyset pages (paging.ts) on an index that
 * matches each order — cases_updated for the newest activity, cases_due_order for the due order,
 * the partial cases_open_due for the due filters — so a deep page costs what the first does; the
 * total is counted up to COUNT_CAP and given as "1,000+" beyond; prefix matches on the
 * materialized paths use cases_jurisdiction_state and cases_unit_path; the search counts its
 * matches through the scoped search terms (case_search, migration 0009) and pages either through
 * them or, when more than COUNT_CAP match, by walking the list's order (see `search`). The due-soon
 * horizon is computed once per calendar.
 */
import {
  aliasedTable,
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gt,
  gte,
  ilike,
  inArray,
  isNull,
  like,
  lt,
  notExists,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import {
  CASE_STATES,
  ROUTES,
  STATE_LABEL,
  STEP_LABEL,
  type CaseState,
} from '../../domain/case-states.js';
import { refusal, type CaseAction, type CaseSubject, STAFF } from '../../domain/policies.js';
import type { Actor, Role } from '../../domain/roles.js';
import type { I18nText, Procedure } from '../../policy/model.js';
import { procedureOf } from '../cases/record.js';
import type { AnyDb } from '../db.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  POST_FILTER_MAX,
  POST_FILTER_MIN,
  TEXT_LIMITS,
} from '../../shared/limits.js';
import { maskIdCard } from '../../shared/id-card.js';
import { FINDING_KEYS } from '../../shared/case.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { invalid } from '../errors.js';
import {
  cases,
  caseSearch,
  determinations,
  jurisdictions,
  officials,
  readLog,
  units,
} from '../tables.js';
import { checkedIdCard } from '../org.js';
import { dueSoonHorizon, dueStatusOf, type DueStatus } from './due.js';
import {
  cappedTotal,
  COUNT_CAP,
  decodeCursor,
  encodeCursor,
  escapeLike,
  pageNumber,
  type CursorKey,
} from './paging.js';

export interface ListCasesInput {
  readonly state?: string;
  /** Searches the case number, the title and the official's name. */
  readonly q?: string;
  readonly due?: 'overdue' | 'due_soon';
  readonly route?: string;
  /** The step whose clock runs (acceptance, verification, …; see STEP_LABEL). */
  readonly step?: string;
  /**
   * 'updated' (default): newest activity first; 'due': the nearest step due date first, cases
   * without a running clock last. The due filters always sort by due date.
   */
  readonly sort?: 'updated' | 'due';
  /** The `nextCursor` of the previous page, for the page after it; absent for the first page. */
  readonly cursor?: string;
  /** 1–100. Default 20. */
  readonly pageSize?: number;
  /** The official's identity card number, matched exactly (a final x as X). */
  readonly idCard?: string;
  /** A unit: the cases of officials in it and in the units under it. */
  readonly unitId?: string;
  /** Part of the official's post (职务), in either language. */
  readonly post?: string;
  /** The first and last day (China's, YYYY-MM-DD) the case was opened. */
  readonly appliedFrom?: string;
  readonly appliedTo?: string;
  /** The first and last day intake accepted the application (cases.accepted_on). */
  readonly acceptedFrom?: string;
  readonly acceptedTo?: string;
  /** The first and last day the determination in force was made. */
  readonly decidedFrom?: string;
  readonly decidedTo?: string;
  /** The outcome of the determination in force (an outcome id of the case's ladder). */
  readonly outcome?: string;
}

/** Actions whose rule depends only on the case row (not on members, determination or window). */
export const LIST_ACTIONS = [
  'accept',
  'refuse',
  'withdraw',
  'completeVerification',
  'completeConsultation',
  'notify',
  'endPublicity',
  'fileUpward',
  'suspend',
  'resume',
  'requestExtension',
] as const satisfies readonly CaseAction[];
export type ListAction = (typeof LIST_ACTIONS)[number];

export interface CaseSummary {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly state: CaseState;
  readonly stateLabel: I18nText;
  readonly route: string;
  readonly official: { readonly id: string; readonly name: string };
  readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  readonly step: string;
  readonly stepLabel: I18nText;
  readonly stepDueOn: string | null;
  readonly dueStatus: DueStatus | null;
  readonly suspended: boolean;
  readonly version: number;
  readonly updatedAt: string;
  /** What the actor may do from the list (open the case for everything else). */
  readonly abilities: Record<ListAction, boolean>;
}

export interface CaseListPage {
  readonly items: readonly CaseSummary[];
  /** The cases that match, counted up to COUNT_CAP (1,000); see totalCapped. */
  readonly total: number;
  /** True when more than `total` cases match (shown as "1,000+"). */
  readonly totalCapped: boolean;
  readonly pageSize: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Officers read the cases in their scope; unit party organizations those of their unit tree. */
const READ_ROLES: readonly Role[] = [...STAFF, 'unit_party'];

/** A materialized path column inside the subtree rooted at `root` (served by the path indexes). */
export function under(column: typeof cases.jurisdictionPath | typeof cases.unitPath, root: string) {
  return like(column, `${escapeLike(root)}%`);
}

/** The jurisdiction subtrees (id and path) and the unit subtrees where the actor holds one of `roles`. */
export function grantedScopes(
  actor: Actor,
  roles: readonly Role[],
): { jurisdictions: { id: string; path: string }[]; unitPaths: string[] } {
  const jurisdictions = new Map<string, string>();
  const unitPaths = new Set<string>();
  for (const g of actor.grants) {
    if (!roles.includes(g.role) || g.scopePath === '') continue;
    if (g.scopeKind === 'jurisdiction') jurisdictions.set(g.scopeId, g.scopePath);
    if (g.scopeKind === 'unit') unitPaths.add(g.scopePath);
  }
  return {
    jurisdictions: [...jurisdictions].map(([id, path]) => ({ id, path })),
    unitPaths: [...unitPaths],
  };
}

/** The cases the actor is a party to: those they applied for and those about them. */
export function partyCases(actor: Actor): SQL[] {
  const own: SQL[] = [eq(cases.applicantUserId, actor.userId)];
  if (actor.officialId !== null) own.push(eq(cases.officialId, actor.officialId));
  return own;
}

/**
 * What the actor may read, in two parts: the jurisdiction subtrees of their offices (by path), and
 * the rest — the cases they applied for, the cases about them, their unit trees — which are few.
 */
function scopeParts(actor: Actor): {
  jurisdictions: { id: string; path: string }[];
  others: SQL[];
} {
  const { jurisdictions, unitPaths } = grantedScopes(actor, READ_ROLES);
  const others = [...partyCases(actor), ...unitPaths.map((p) => under(cases.unitPath, p))];
  return { jurisdictions, others };
}

/**
 * The roots of the actor's read scope by role (not their own cases): the paths of the jurisdiction
 * subtrees and of the unit subtrees they read. For pickers (GET /api/cases/filters).
 */
export function readScopeRoots(actor: Actor): {
  jurisdictionPaths: string[];
  unitPaths: string[];
} {
  const jurisdictionPaths = new Set<string>();
  const unitPaths = new Set<string>();
  for (const g of actor.grants) {
    if (!READ_ROLES.includes(g.role) || g.scopePath === '') continue;
    if (g.scopeKind === 'jurisdiction') jurisdictionPaths.add(g.scopePath);
    if (g.scopeKind === 'unit') unitPaths.add(g.scopePath);
  }
  return { jurisdictionPaths: [...jurisdictionPaths], unitPaths: [...unitPaths] };
}

/** The SQL condition for "cases the actor may read". */
export function readScope(actor: Actor): SQL | undefined {
  const { jurisdictions, others } = scopeParts(actor);
  return or(...jurisdictions.map((j) => under(cases.jurisdictionPath, j.path)), ...others);
}

/** The filters, checked: what listCases needs beyond the page size and the cursor. */
export interface Filters {
  readonly state?: string;
  readonly route?: string;
  readonly step?: string;
  readonly due?: 'overdue' | 'due_soon';
  readonly sort: 'updated' | 'due';
  readonly q: string;
  readonly idCard?: string;
  readonly unitId?: string;
  readonly post?: string;
  readonly appliedFrom?: string;
  readonly appliedTo?: string;
  readonly acceptedFrom?: string;
  readonly acceptedTo?: string;
  readonly decidedFrom?: string;
  readonly decidedTo?: string;
  readonly outcome?: string;
}

function oneOf(field: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw invalid(
      field,
      `应为以下之一：${allowed.join('、')}。`,
      `use one of: ${allowed.join(', ')}.`,
    );
  }
}

function checkedFilters(input: ListCasesInput): Filters {
  oneOf('state', input.state, CASE_STATES);
  oneOf('route', input.route, ROUTES);
  if (input.due !== undefined && input.due !== 'overdue' && input.due !== 'due_soon') {
    throw invalid(
      'due',
      '应为 overdue（逾期）或 due_soon（即将到期）。',
      'use overdue or due_soon.',
    );
  }
  if (input.step !== undefined && !Object.hasOwn(STEP_LABEL, input.step)) {
    oneOf('step', input.step, Object.keys(STEP_LABEL));
  }
  if (input.sort !== undefined && input.sort !== 'updated' && input.sort !== 'due') {
    throw invalid('sort', '应为 updated（最近办理）或 due（期限）。', 'use updated or due.');
  }
  const q = typeof input.q === 'string' ? input.q.trim() : '';
  if (q.length > TEXT_LIMITS.search.max)
    throw invalid(
      'q',
      `搜索词不能超过 ${TEXT_LIMITS.search.max} 个字符。`,
      `use at most ${TEXT_LIMITS.search.max} characters.`,
    );
  return { ...input, sort: input.sort ?? 'updated', q, ...checkedFinding(input) };
}

const UUID_INPUT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUTCOME_ID = /^[a-z][a-z0-9_]{0,63}$/;

/** A day (YYYY-MM-DD, a real one) or absent. */
function checkedDay(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  // A month 13 is no date at all (toISOString would throw); 02-30 rolls over to March.
  const parsed = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== value
  ) {
    throw invalid(
      field,
      '应为 YYYY-MM-DD 格式的日期，如 2026-03-01。',
      'use a date as YYYY-MM-DD, e.g. 2026-03-01.',
    );
  }
  return value;
}

/** A date range: both days valid, the first not after the last. */
function checkedRange(
  name: 'applied' | 'accepted' | 'decided',
  from: string | undefined,
  to: string | undefined,
): { from?: string; to?: string } {
  const f = checkedDay(`${name}From`, from);
  const t = checkedDay(`${name}To`, to);
  if (f !== undefined && t !== undefined && f > t) {
    throw invalid(
      `${name}From`,
      `起始日期 ${f} 晚于截止日期 ${t}，请调换或改正。`,
      `the first day ${f} is after the last day ${t}: swap or correct them.`,
    );
  }
  return { ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
}

/** The finding filters (identity card, unit, post, dates, outcome), checked. */
function checkedFinding(input: ListCasesInput): Partial<Filters> {
  const out: Record<string, string> = {};
  if (input.idCard !== undefined && input.idCard.trim() !== '') {
    out.idCard = checkedIdCard('idCard', input.idCard);
  }
  if (input.unitId !== undefined && input.unitId !== '') {
    if (!UUID_INPUT.test(input.unitId)) {
      throw invalid(
        'unitId',
        '应为单位的标识（UUID），请从单位列表中选择。',
        'use a unit id (a UUID), chosen from the unit list.',
      );
    }
    out.unitId = input.unitId.toLowerCase();
  }
  const post = input.post?.trim() ?? '';
  if (post.length > POST_FILTER_MAX) {
    throw invalid(
      'post',
      `职务不能超过 ${POST_FILTER_MAX} 个字符。`,
      `use at most ${POST_FILTER_MAX} characters.`,
    );
  }
  // Two characters at least: the post is found through its bigrams (a single character has none).
  if (post !== '' && [...post].length < POST_FILTER_MIN) {
    throw invalid(
      'post',
      `职务至少输入 ${POST_FILTER_MIN} 个字，如“科长”。`,
      `type at least ${POST_FILTER_MIN} characters of the post, e.g. "chief".`,
    );
  }
  if (post !== '') out.post = post;
  const applied = checkedRange('applied', input.appliedFrom, input.appliedTo);
  const accepted = checkedRange('accepted', input.acceptedFrom, input.acceptedTo);
  const decided = checkedRange('decided', input.decidedFrom, input.decidedTo);
  if (applied.from) out.appliedFrom = applied.from;
  if (applied.to) out.appliedTo = applied.to;
  if (accepted.from) out.acceptedFrom = accepted.from;
  if (accepted.to) out.acceptedTo = accepted.to;
  if (decided.from) out.decidedFrom = decided.from;
  if (decided.to) out.decidedTo = decided.to;
  if (input.outcome !== undefined && input.outcome !== '') {
    if (!OUTCOME_ID.test(input.outcome)) {
      throw invalid(
        'outcome',
        '应为认定结论的标识，如 exempted（免予问责）、lighter（从轻问责）、not_tolerated（不予容错）。',
        'use an outcome id, e.g. exempted, lighter or not_tolerated.',
      );
    }
    out.outcome = input.outcome;
  }
  return out;
}

/** The instant a day begins in China (UTC+8, no daylight saving). */
function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The day after `day`. */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The finding filters as SQL on the case row. The identity card and the unit are looked up first,
 * on their own (an exact match on officials_id_card, a unit's path), so that the planner sees
 * values: the official's cases through cases_official, the unit subtree through cases_unit_path.
 * The post is a subquery over the position's bigrams (officials_position_grams); the opening day
 * reads cases_created, the day of acceptance cases_accepted (0019); the decision's day and
 * the outcome of the determination in force (the latest, as determinationInForce reads it): the day
 * through determinations_decided, the outcome on the case through cases_outcome_in_force (0019).
 * An unknown identity card or unit finds nothing.
 */
export async function findingConditions(tx: AnyDb, filters: Partial<Filters>): Promise<SQL[]> {
  const out: SQL[] = [];
  if (filters.idCard !== undefined) {
    const found = await tx
      .select({ id: officials.id })
      .from(officials)
      .where(eq(officials.idCard, filters.idCard));
    out.push(
      found.length > 0
        ? inArray(
            cases.officialId,
            found.map((o) => o.id),
          )
        : sql`false`,
    );
  }
  if (filters.unitId !== undefined) {
    const [unit] = await tx
      .select({ path: units.path })
      .from(units)
      .where(eq(units.id, filters.unitId));
    out.push(unit ? like(cases.unitPath, `${escapeLike(unit.path)}%`) : sql`false`);
  }
  if (filters.post !== undefined) out.push(postCondition(tx, filters.post));
  if (filters.appliedFrom) out.push(gte(cases.createdAt, chinaDayStart(filters.appliedFrom)));
  if (filters.appliedTo) out.push(lt(cases.createdAt, chinaDayStart(nextDay(filters.appliedTo))));
  if (filters.acceptedFrom) out.push(gte(cases.acceptedOn, filters.acceptedFrom));
  if (filters.acceptedTo) out.push(lte(cases.acceptedOn, filters.acceptedTo));
  const decided = decisionCondition(tx, filters);
  if (decided) out.push(decided);
  return out;
}

/** The official's post contains `post` (either language), found through its bigrams first. */
function postCondition(tx: AnyDb, post: string): SQL {
  const pattern = `%${escapeLike(post)}%`;
  const position = sql`${officials.positionZh} || ' ' || ${officials.positionEn}`;
  const matching = tx
    .select({ id: officials.id })
    .from(officials)
    .where(
      and(
        sql`rongcuo_grams(${position}) @> rongcuo_grams(${post})`,
        or(ilike(officials.positionZh, pattern), ilike(officials.positionEn, pattern)),
      ),
    );
  return inArray(cases.officialId, matching);
}

/**
 * The determination in force has this outcome (kept on the case, cases.outcome_in_force) and was
 * made within the days, when asked.
 */
function decisionCondition(tx: AnyDb, filters: Partial<Filters>): SQL | undefined {
  const { outcome, decidedFrom, decidedTo } = filters;
  const byOutcome = outcome !== undefined ? eq(cases.outcomeInForce, outcome) : undefined;
  if (decidedFrom === undefined && decidedTo === undefined) return byOutcome;
  const d = aliasedTable(determinations, 'd');
  const later = aliasedTable(determinations, 'later');
  const inForce = notExists(
    tx
      .select({ one: sql`1` })
      .from(later)
      .where(and(eq(later.caseId, d.caseId), gt(later.createdAt, d.createdAt))),
  );
  const decided = exists(
    tx
      .select({ one: sql`1` })
      .from(d)
      .where(
        and(
          eq(d.caseId, cases.id),
          decidedFrom !== undefined ? gte(d.decidedOn, decidedFrom) : undefined,
          decidedTo !== undefined ? lte(d.decidedOn, decidedTo) : undefined,
          inForce,
        ),
      ),
  );
  return byOutcome ? and(byOutcome, decided) : decided;
}

/**
 * The search (the case number or title contains `q`, ILIKE with wildcards taken literally, or the
 * official's name does) in two forms that find the same cases among those the actor may read:
 *
 * - `indexed` checks only candidates: the cases whose search terms (case_search, migration 0009:
 *   number, title and official's name) hold every bigram of `q` under a jurisdiction the actor
 *   reads — so only cases in scope come back — and the cases they read otherwise (their own, their
 *   unit's: few). Cheap when few cases match: listCases counts with it.
 * - `scanned` checks each row as the list walks its index in order, stopping when the page is
 *   full. Cheap when many cases match: listCases pages with it once the count reaches its cap
 *   (more than COUNT_CAP matches), where sorting every candidate would not be.
 *
 * Officials' names are looked up first, on their own, so that the planner sees their ids as values.
 * A one-character term has no bigram: both forms are then the scan.
 */
export interface Search {
  readonly indexed: SQL;
  readonly scanned: SQL;
}

/** Exported for the test that checks both forms find the same cases. */
export async function search(tx: AnyDb, actor: Actor, q: string): Promise<Search> {
  const pattern = `%${escapeLike(q)}%`;
  const long = [...q].length >= 2;
  const named = await tx
    .select({ id: officials.id })
    .from(officials)
    .where(
      and(
        long ? sql`rongcuo_grams(${officials.name}) @> rongcuo_grams(${q})` : undefined,
        ilike(officials.name, pattern),
      ),
    );
  const namedIds = named.map((o) => o.id);
  const matches = or(
    ilike(cases.number, pattern),
    ilike(cases.title, pattern),
    namedIds.length > 0 ? inArray(cases.officialId, namedIds) : undefined,
  )!;
  const { jurisdictions, others } = scopeParts(actor);
  if (!long || jurisdictions.length === 0) return { indexed: matches, scanned: matches };
  const termsUnder = (level: string) =>
    sql`${caseSearch.terms} @> array(select ${level} || '/' || g from unnest(rongcuo_grams(${q})) as g)`;
  const byTerms = tx
    .select({ id: caseSearch.caseId })
    .from(caseSearch)
    .where(or(...jurisdictions.map((j) => termsUnder(j.id))));
  const readOtherwise = tx
    .select({ id: cases.id })
    .from(cases)
    .where(or(...others));
  const candidates = sql`(${byTerms} union ${readOtherwise})`;
  return { indexed: and(inArray(cases.id, candidates), matches)!, scanned: matches };
}

/** The due filter: open, unsuspended cases past their due day, or due within the horizon. */
function dueCondition(
  due: 'overdue' | 'due_soon',
  today: string,
  horizons: ReadonlyMap<string, string>,
): SQL | undefined {
  // The predicates of the partial index cases_open_due, so the planner can use it.
  const open = [isNull(cases.closedAt), isNull(cases.suspendedSince)];
  if (due === 'overdue') return and(...open, lt(cases.stepDueOn, today));
  return and(
    ...open,
    gte(cases.stepDueOn, today),
    or(
      ...[...horizons].map(([calendarId, horizon]) =>
        and(
          inArray(
            cases.jurisdictionId,
            sql`(select ${jurisdictions.id} from ${jurisdictions} where ${jurisdictions.calendarId} = ${calendarId})`,
          ),
          lte(cases.stepDueOn, horizon),
        ),
      ),
    ),
  );
}

/**
 * A keyset order: the columns the list sorts by (each with its direction; the last one unique),
 * the same as one SQL value each for the cursor, and the condition "after this cursor".
 */
export interface KeysetOrder {
  readonly kind: string;
  readonly orderBy: SQL[];
  /** The sort key of a row, as text, booleans and nulls (what goes into the cursor). */
  readonly key: SQL<CursorKey>;
  readonly after: (key: CursorKey) => SQL;
  readonly check: (key: CursorKey) => boolean;
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TEXT = /^(\d{4}-\d{2}-\d{2}|infinity)$/;
const isText = (v: unknown): v is string => typeof v === 'string';

/** Newest activity first (index cases_updated, read backwards). */
const BY_UPDATE: KeysetOrder = {
  kind: 'updated',
  orderBy: [desc(cases.updatedAt), desc(cases.id)],
  key: sql<CursorKey>`json_build_array(${cases.updatedAt}::text, ${cases.id}::text)`,
  after: ([at, id]) => sql`(${cases.updatedAt}, ${cases.id}) < (${at}::timestamptz, ${id}::uuid)`,
  check: ([at, id]) =>
    isText(at) && !Number.isNaN(Date.parse(at)) && isText(id) && UUID_TEXT.test(id),
};

/**
 * Nearest due date first, open cases before closed ones, no clock last (cases_due_order). Ties go
 * by id: a case number begins with its jurisdiction's code, so ordering ties by number would put
 * each jurisdiction's cases of a day together, and a reader of one district would walk past all
 * the others' to fill a page.
 */
const DUE_ORDER = sql`coalesce(${cases.stepDueOn}, 'infinity'::date)`;
const CLOSED = sql`(${cases.closedAt} is not null)`;
const BY_DUE: KeysetOrder = {
  kind: 'due',
  orderBy: [asc(CLOSED), asc(DUE_ORDER), asc(cases.id)],
  key: sql<CursorKey>`json_build_array(${CLOSED}, ${DUE_ORDER}::text, ${cases.id}::text)`,
  after: ([closed, due, id]) =>
    sql`(${CLOSED}, ${DUE_ORDER}, ${cases.id}) > (${closed}::boolean, ${due}::date, ${id}::uuid)`,
  check: ([closed, due, id]) =>
    typeof closed === 'boolean' &&
    isText(due) &&
    DATE_TEXT.test(due) &&
    isText(id) &&
    UUID_TEXT.test(id),
};

/** The due filters: open cases only, nearest due date first, ties by id (cases_open_due). */
const BY_DUE_OPEN: KeysetOrder = {
  kind: 'due-open',
  orderBy: [asc(cases.stepDueOn), asc(cases.id)],
  key: sql<CursorKey>`json_build_array(${cases.stepDueOn}::text, ${cases.id}::text)`,
  after: ([due, id]) => sql`(${cases.stepDueOn}, ${cases.id}) > (${due}::date, ${id}::uuid)`,
  check: ([due, id]) => isText(due) && DATE_TEXT.test(due) && isText(id) && UUID_TEXT.test(id),
};

function keysetOrder(filters: Filters): KeysetOrder {
  return filters.due !== undefined ? BY_DUE_OPEN : filters.sort === 'due' ? BY_DUE : BY_UPDATE;
}

/** The sort key in `cursor`, checked against the order it must belong to. */
function cursorKey(order: KeysetOrder, cursor: unknown): CursorKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const length = order.orderBy.length;
  const key = decodeCursor('cursor', typeof cursor === 'string' ? cursor : '', order.kind, length);
  if (!order.check(key)) decodeCursor('cursor', '', order.kind, length); // throws VALIDATION
  return key;
}

/**
 * A list read's conditions, for the page (listCases) and for the whole list (the export): the
 * checked filters, the list's order, and `where(matching)` — scope, filters and finding filters,
 * with the search in the form given (`found.indexed` or `found.scanned`).
 */
export interface ListConditions {
  readonly filters: Filters;
  readonly order: KeysetOrder;
  readonly found: Search | undefined;
  readonly where: (matching: SQL | undefined) => SQL | undefined;
  readonly today: string;
  readonly horizons: ReadonlyMap<string, string>;
}

/** The checked filters of a list read (VALIDATION errors name the parameter). */
export function checkedListFilters(input: ListCasesInput): Filters {
  return checkedFilters(input);
}

/** Builds a list read's conditions inside its transaction (see ListConditions). */
export async function listConditions(
  ctx: AppContext,
  tx: AnyDb,
  actor: Actor,
  filters: Filters,
): Promise<ListConditions> {
  const today = todayOf(ctx);
  const horizons = new Map(
    ctx.calendars.ids().map((id) => [id, dueSoonHorizon(ctx.calendars.get(id), today)]),
  );
  const found = filters.q !== '' ? await search(tx, actor, filters.q) : undefined;
  const finding = await findingConditions(tx, filters);
  const where = (matching: SQL | undefined) =>
    and(
      readScope(actor),
      ...finding,
      filters.state !== undefined ? eq(cases.state, filters.state) : undefined,
      filters.route !== undefined ? eq(cases.route, filters.route) : undefined,
      filters.step !== undefined ? eq(cases.step, filters.step) : undefined,
      matching,
      filters.due !== undefined ? dueCondition(filters.due, today, horizons) : undefined,
    );
  return { filters, order: keysetOrder(filters), found, where, today, horizons };
}

export async function listCases(
  ctx: AppContext,
  actor: Actor,
  input: ListCasesInput = {},
): Promise<CaseListPage> {
  const pageSize = pageNumber(input.pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const filters = checkedFilters(input);
  const after = cursorKey(keysetOrder(filters), input.cursor);

  return ctx.store.tx(async (tx) => {
    const { order, found, where, today, horizons } = await listConditions(ctx, tx, actor, filters);
    // The total, counted up to COUNT_CAP + 1 rows: never the whole scope.
    const capped = tx
      .select({ one: sql`1` })
      .from(cases)
      .where(where(found?.indexed))
      .limit(COUNT_CAP + 1)
      .as('capped');
    const [counted] = await tx.select({ n: count() }).from(capped);
    const { total, capped: totalCapped } = cappedTotal(counted?.n ?? 0);
    // Many matches: walk the list's order and check each row; few: sort the indexed candidates.
    const condition = where(totalCapped ? found?.scanned : found?.indexed);
    const rows = await tx
      .select({
        id: cases.id,
        number: cases.number,
        title: cases.title,
        state: cases.state,
        route: cases.route,
        officialId: cases.officialId,
        officialName: officials.name,
        jurisdictionId: cases.jurisdictionId,
        jurisdictionPath: cases.jurisdictionPath,
        jurisdictionNameZh: jurisdictions.nameZh,
        jurisdictionNameEn: jurisdictions.nameEn,
        calendarId: jurisdictions.calendarId,
        unitPath: cases.unitPath,
        applicantUserId: cases.applicantUserId,
        packId: cases.packId,
        packVersion: cases.packVersion,
        conductDate: cases.conductDate,
        step: cases.step,
        stepDueOn: cases.stepDueOn,
        suspendedSince: cases.suspendedSince,
        version: cases.version,
        updatedAt: cases.updatedAt,
        filedUpwardOn: cases.filedUpwardOn,
        publicityEndedOn: cases.publicityEndedOn,
        sortKey: order.key,
      })
      .from(cases)
      .innerJoin(officials, eq(officials.id, cases.officialId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
      .where(and(condition, after ? order.after(after) : undefined))
      .orderBy(...order.orderBy)
      .limit(pageSize + 1);
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: null,
      jurisdictionId: null,
      what: 'case.list',
      at: ctx.now(),
      detail: findingDetail(filters),
    });
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    return {
      items: summaries(ctx, actor, page, today, horizons),
      total,
      totalCapped,
      pageSize,
      nextCursor: rows.length > pageSize && last ? encodeCursor(order.kind, last.sortKey) : null,
    };
  });
}

/**
 * The finding filters of a read, for its read-log row (the identity card masked), or null when
 * none was used: who looked for which official's cases stays on record.
 */
export function findingDetail(filters: Partial<Filters>): Record<string, string> | null {
  const detail: Record<string, string> = {};
  for (const key of FINDING_KEYS) {
    const value = filters[key];
    if (value !== undefined) detail[key] = key === 'idCard' ? maskIdCard(value) : value;
  }
  return Object.keys(detail).length > 0 ? detail : null;
}

// Every finding key is a filter of the list (a compile-time check).
FINDING_KEYS satisfies readonly (keyof Filters)[];

/** A row of the list's query (the columns summaries() reads). */
interface ListRow {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly state: string;
  readonly route: string;
  readonly officialId: string;
  readonly officialName: string;
  readonly jurisdictionId: string;
  readonly jurisdictionPath: string;
  readonly jurisdictionNameZh: string;
  readonly jurisdictionNameEn: string;
  readonly calendarId: string;
  readonly unitPath: string;
  readonly applicantUserId: string | null;
  readonly packId: string;
  readonly packVersion: string | null;
  readonly conductDate: string;
  readonly step: string;
  readonly stepDueOn: string | null;
  readonly suspendedSince: string | null;
  readonly version: number;
  readonly updatedAt: Date;
  readonly filedUpwardOn: string | null;
  readonly publicityEndedOn: string | null;
}

/** Presents the rows: allow-listed fields, due status, and what the actor may do from the list. */
function summaries(
  ctx: AppContext,
  actor: Actor,
  rows: readonly ListRow[],
  today: string,
  horizons: ReadonlyMap<string, string>,
): CaseSummary[] {
  const procedures = new Map<string, Procedure>();
  return rows.map((r): CaseSummary => {
    const state = r.state as CaseState;
    const key = `${r.packId}|${r.packVersion ?? ''}|${r.conductDate}`;
    let procedure = procedures.get(key);
    if (!procedure) {
      procedure = procedureOf(ctx, r);
      procedures.set(key, procedure);
    }
    const subject: CaseSubject = {
      state,
      jurisdictionPath: r.jurisdictionPath,
      unitPath: r.unitPath,
      officialId: r.officialId,
      applicantUserId: r.applicantUserId,
      members: [],
      requires: {
        consultation: procedure.consultation.required,
        publicity: procedure.publicity.required,
        filingUpward: procedure.filingUpward.required,
      },
      challengeWindowOpen: false,
      filedUpward: r.filedUpwardOn !== null,
      publicityDone: r.publicityEndedOn !== null,
      suspended: r.suspendedSince !== null,
    };
    const abilities = {} as Record<ListAction, boolean>;
    for (const a of LIST_ACTIONS) abilities[a] = refusal(actor, a, subject) === null;
    const horizon = horizons.get(r.calendarId) ?? today;
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      state,
      stateLabel: STATE_LABEL[state],
      route: r.route,
      official: { id: r.officialId, name: r.officialName },
      jurisdiction: {
        id: r.jurisdictionId,
        name: { zh: r.jurisdictionNameZh, en: r.jurisdictionNameEn },
      },
      step: r.step,
      stepLabel: STEP_LABEL[r.step] ?? { zh: r.step, en: r.step },
      stepDueOn: r.stepDueOn,
      dueStatus: dueStatusOf({ ...r, state }, today, horizon),
      suspended: r.suspendedSince !== null,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
      abilities,
    };
  });
}
