/** The store: PostgreSQL or embedded PGlite behind one drizzle API, with SQL-file migrations. */
export {
  openStore,
  MIN_SERVER_VERSION_NUM,
  type AnySchema,
  type Db,
  type ExecuteResult,
  type StoreQueryResultHKT,
  type IsolationLevel,
  type OpenStoreOptions,
  type QueryResult,
  type SqlRunner,
  type Store,
  type StoreKind,
  type Tx,
  type TxOptions,
} from './store.js';
export {
  checksumOf,
  defaultMigrationsDir,
  loadMigrations,
  migrate,
  migrationStatus,
  MIGRATIONS_TABLE,
  type AppliedMigration,
  type MigrateOptions,
  type MigrateResult,
  type Migration,
  type MigrationStatus,
} from './migrate.js';
export {
  StoreError,
  formatWarning,
  isStoreError,
  storeErrorIn,
  redactUrl,
  sqlState,
  type Lang,
  type StoreErrorCode,
  type StoreText,
  type StoreWarning,
  type StoreWarningCode,
} from './errors.js';
export { LOCK_FILE } from './lock.js';
