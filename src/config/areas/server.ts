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
};
