/**
 * Building the application: open the store (PostgreSQL at DATABASE_URL, else the embedded PGlite
 * in a data directory), apply pending migrations and install the shipped survey instruments
 * (instruments/*.yaml, each id once), load the policy packs and the working-day calendars, and
 * hand back the AppContext every use case takes. Used by the CLI and the server.
 * Signal handling belongs to the caller (the CLI), not here.
 */
import { keyRingOf } from './blobs/keyring.js';
import type { CalendarSet } from '../calendar/index.js';
import type { Instrument } from '../evaluation/model.js';
import type { PolicyEngine } from '../policy/engine.js';
import { defaultSettings, type Settings } from '../config/index.js';
import { migrate, openStore, type MigrateResult, type Store } from '../store/index.js';
import type { AppContext } from './context.js';
import type { ShippedInstall } from './evaluation/instruments.js';
import { schema, type Schema } from './tables.js';

export interface OpenAppOptions {
  /** PGlite data directory (default './data'), used when no database URL is given. */
  readonly dataDir?: string;
  /** A postgres:// URL; empty or undefined → PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** PostgreSQL only: a schema to use as search_path (tests). */
  readonly searchPath?: string;
  /** The clock (default: the system clock). */
  readonly now?: () => Date;
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
  /** Packs folder (default: the shipped packs/). */
  readonly packsDir?: string;
  /** Calendars folder (default: the shipped calendars/). */
  readonly calendarsDir?: string;
  /** Survey instruments folder (default: the shipped instruments/); installed when migrating. */
  readonly instrumentsDir?: string;
  /** The installation's settings (default: the defaults; the CLI reads them from the environment). */
  readonly settings?: Settings;
}

export interface OpenedApp {
  readonly ctx: AppContext;
  readonly store: Store<Schema>;
  /** What migrating did (nothing applied and alreadyApplied 0 when `migrate: false`). */
  readonly migrated: MigrateResult;
  /** The shipped instruments installed now, and those stored with another body (left alone). */
  readonly instruments: ShippedInstall;
  /** Milliseconds from the call to a ready context. */
  readonly ms: number;
  /** Closes the store (releasing the data directory's lock). Idempotent. */
  close(): Promise<void>;
}

/**
 * The engine over the shipped (or given) packs and the calendars; no store. Its modules are loaded
 * here, after the store has started opening (cold start: PGlite starts meanwhile).
 */
export async function loadRules(
  options: Pick<OpenAppOptions, 'packsDir' | 'calendarsDir' | 'instrumentsDir'> = {},
): Promise<{ engine: PolicyEngine; calendars: CalendarSet; instruments: Instrument[] }> {
  const [{ PolicyEngine }, { loadPacks }, { loadCalendarSet }, { loadShippedInstruments }] =
    await Promise.all([
      import('../policy/engine.js'),
      import('../packs/loader.js'),
      import('../calendar/loader.js'),
      import('../evaluation/instrument.js'),
    ]);
  const engine = new PolicyEngine(loadPacks(undefined, options.packsDir).set);
  const calendars = loadCalendarSet(options.calendarsDir);
  const instruments = loadShippedInstruments(options.instrumentsDir);
  return { engine, calendars, instruments };
}

export async function openApp(options: OpenAppOptions = {}): Promise<OpenedApp> {
  const started = performance.now();
  const settings = options.settings ?? defaultSettings();
  // A key ring that cannot serve the configured encryption stops the start (ConfigError).
  keyRingOf(settings.crypto);
  // Start opening the store first: PGlite loads and starts while the packs and calendars are read.
  const server = (options.settings ?? defaultSettings()).server;
  const opening = openStore<Schema>({
    dataDir: options.dataDir ?? './data',
    databaseUrl: options.databaseUrl,
    schema,
    pool: { max: server.pgPoolMax, statementTimeoutMs: server.pgStatementTimeoutMs },
    ...(options.searchPath ? { searchPath: options.searchPath } : {}),
  });
  opening.catch(() => undefined); // (handled below, after the rules are read)
  let rules: Awaited<ReturnType<typeof loadRules>>;
  try {
    rules = await loadRules(options);
  } catch (e) {
    // Do not leave the store (and its directory lock) open behind a failure.
    await opening.then((s) => s.close()).catch(() => undefined);
    throw e;
  }
  const store = await opening;
  let migrated: MigrateResult = { applied: [], alreadyApplied: 0, ms: 0 };
  let instruments: ShippedInstall = { installed: [], differing: [] };
  try {
    if (options.migrate !== false) {
      migrated = await migrate(store);
      const { installShippedInstruments } = await import('./evaluation/instruments.js');
      instruments = await installShippedInstruments(store.db, rules.instruments);
    }
  } catch (e) {
    await store.close();
    throw e;
  }
  const ctx: AppContext = {
    store,
    engine: rules.engine,
    calendars: rules.calendars,
    now: options.now ?? (() => new Date()),
    settings,
  };
  return {
    ctx,
    store,
    migrated,
    instruments,
    ms: Math.round(performance.now() - started),
    close: () => store.close(),
  };
}
