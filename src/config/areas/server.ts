/** Where the server listens and which store it opens. */
import { intSetting, stringSetting } from '../define.js';

export const SERVER_SETTINGS = {
  databaseUrl: stringSetting('DATABASE_URL', {
    text: {
      zh: 'PostgreSQL 连接串（postgres://用户@主机:端口/库）；不设则使用内嵌存储（PGlite）。',
      en: 'The PostgreSQL connection string (postgres://user@host:port/db); unset → the embedded store (PGlite).',
    },
    secret: true,
  }),
  dataDir: stringSetting('RONGCUO_DATA', {
    flag: 'data',
    default: './data',
    text: {
      zh: '内嵌存储的数据目录（未设 DATABASE_URL 时使用）。',
      en: 'The embedded store’s data directory (used when DATABASE_URL is unset).',
    },
  }),
  port: intSetting('RONGCUO_PORT', {
    flag: 'port',
    default: 8080,
    min: 0,
    max: 65535,
    text: { zh: '监听端口。', en: 'The port to listen on.' },
  }),
  host: stringSetting('RONGCUO_HOST', {
    flag: 'host',
    default: '127.0.0.1',
    text: {
      zh: '监听地址；在反向代理之后保持 127.0.0.1。',
      en: 'The address to listen on; keep 127.0.0.1 behind a reverse proxy.',
    },
  }),
  pgPoolMax: intSetting('RONGCUO_PG_POOL_MAX', {
    default: 10,
    min: 1,
    max: 1000,
    text: {
      zh: '每个服务进程连接 PostgreSQL 的连接池上限。多个实例共用一个数据库时，各实例之和须小于数据库的 max_connections（留出管理和备份所用）。',
      en: 'The most PostgreSQL connections each server process keeps in its pool. With several instances on one database, their sum must stay below the database’s max_connections (leave room for administration and backups).',
    },
  }),
  pgStatementTimeoutMs: intSetting('RONGCUO_PG_STATEMENT_TIMEOUT_MS', {
    default: 0,
    min: 0,
    max: 3_600_000,
    text: {
      zh: 'PostgreSQL 单条语句的最长执行时间（毫秒），超时即中止该语句及其事务；0（默认）为不限。',
      en: 'The longest a single PostgreSQL statement may run, in milliseconds; a statement over it is cancelled with its transaction. 0 (default): no limit.',
    },
  }),
};
