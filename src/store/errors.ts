/**
 * Errors of the store, each with a stable code and a message in zh and en that says what is wrong
 * and how to fix it. Messages never carry a database password: URLs pass through `redactUrl`.
 */

export type Lang = 'zh' | 'en';

export interface StoreText {
  readonly zh: string;
  readonly en: string;
}

/** Stable codes. Never reworded once published. */
export type StoreErrorCode =
  /** Another live process (or this one) holds the data directory's lock. */
  | 'STORE_LOCKED'
  /** The data directory or its lock file cannot be created, read or written. */
  | 'STORE_DATA_DIR'
  /** PGlite could not open (or initialise) the data directory. */
  | 'STORE_OPEN_FAILED'
  /** DATABASE_URL is not a postgres:// URL. */
  | 'STORE_BAD_URL'
  /** The PostgreSQL server at DATABASE_URL cannot be reached or refuses the login. */
  | 'STORE_UNREACHABLE'
  /** The PostgreSQL server is older than the oldest version the store supports. */
  | 'STORE_UNSUPPORTED_SERVER'
  /** A migration that was applied has a different checksum on disk now. */
  | 'STORE_MIGRATION_CHANGED'
  /** The database records a migration that is not on disk (the code is older than the data). */
  | 'STORE_MIGRATION_MISSING'
  /** A migration file is misnamed, numbered twice, or leaves a gap. */
  | 'STORE_MIGRATION_INVALID'
  /** A pending migration is numbered below one already applied. */
  | 'STORE_MIGRATION_ORDER'
  /** A migration's SQL failed; it was rolled back. */
  | 'STORE_MIGRATION_FAILED'
  /** The store was used inside its own transaction callback instead of the `tx` argument. */
  | 'STORE_TX_NESTED'
  /** The store was used after `close()`. */
  | 'STORE_CLOSED'
  /** An int8 value does not fit a JavaScript number. */
  | 'STORE_INT8_RANGE'
  // ---- backup and restore (backup.ts, backup-channel.ts) ----
  /** The file is not a rongcuo backup, is of an unknown format version, or is cut short. */
  | 'STORE_BACKUP_INVALID'
  /** The running server that holds the embedded store could not be asked for a backup. */
  | 'STORE_BACKUP_CHANNEL'
  /** A restore into a store that already holds data, without --force. */
  | 'STORE_RESTORE_NOT_EMPTY'
  /** The backup's migrations are not this software's, or the store is ahead of the backup. */
  | 'STORE_RESTORE_MIGRATIONS'
  /** The restored store's row counts or chain heads differ from the backup's manifest. */
  | 'STORE_RESTORE_MISMATCH';

/** Codes of warnings: the store opened, but something is worth saying. */
export type StoreWarningCode =
  /** The lock of a process that is gone was taken over. */
  'STORE_LOCK_STALE';

export interface StoreWarning {
  readonly code: StoreWarningCode;
  readonly message: StoreText;
}

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly text: StoreText;
  /** Extra facts for programs (e.g. the holding pid of a lock); never secrets. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: StoreErrorCode,
    text: StoreText,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${text.en}`, options);
    this.name = 'StoreError';
    this.code = code;
    this.text = text;
    this.details = Object.freeze({ ...details });
  }

  format(lang: Lang): string {
    return `${lang === 'zh' ? '错误' : 'error'} ${this.code}: ${this.text[lang]}`;
  }
}

export function storeError(
  code: StoreErrorCode,
  zh: string,
  en: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): StoreError {
  return new StoreError(code, { zh, en }, details, cause === undefined ? undefined : { cause });
}

export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}

/**
 * The StoreError in `e` or its `cause` chain. drizzle wraps errors of queries it runs (e.g.
 * STORE_TX_NESTED or STORE_CLOSED from `store.db`) in a DrizzleQueryError whose cause is ours.
 */
export function storeErrorIn(e: unknown): StoreError | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (cur instanceof StoreError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export function formatWarning(w: StoreWarning, lang: Lang): string {
  return `${lang === 'zh' ? '警告' : 'warning'} ${w.code}: ${w.message[lang]}`;
}

/**
 * A database URL fit for messages and logs: the password (and any `password` query parameter) is
 * replaced by `***`. Text that does not parse as a URL is reduced to its scheme.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
    return scheme ? `${scheme[1]}://***` : '***';
  }
  if (u.password) u.password = '***';
  for (const key of [...u.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(key)) u.searchParams.set(key, '***');
  }
  return u.toString();
}

/**
 * Removes every occurrence of the URL's password from a text (driver messages sometimes echo
 * connection parameters).
 */
export function scrubSecret(text: string, url: string | undefined): string {
  if (!url) return text;
  const password = passwordOf(url);
  let out = text.split(url).join(redactUrl(url));
  if (password.length > 0) {
    out = out.split(password).join('***');
    const encoded = encodeURIComponent(password);
    if (encoded !== password) out = out.split(encoded).join('***');
  }
  return out;
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url)?.[1] ?? '';
  }
}

/** The SQLSTATE of a database error from either driver, looking through wrappers (`cause`). */
export function sqlState(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The database's own message of an error from either driver, looking through wrappers. */
export function dbMessage(e: unknown): string {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (sqlState(cur) !== undefined && (cur as { code?: unknown }).code !== undefined) {
      return String((cur as { message?: unknown }).message ?? cur);
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return e instanceof Error ? e.message : String(e);
}
