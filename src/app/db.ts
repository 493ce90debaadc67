/** The database handle a use case reads and writes through: the store's database or a transaction. */
import type { Db, Tx } from '../store/index.js';
import type { Schema } from './tables.js';

export type AnyDb = Db<Schema> | Tx<Schema>;
export type AppTx = Tx<Schema>;
