/** Observability: the log level, the readiness threshold, who may scrape the metrics, the build. */
import { enumSetting, intSetting, stringSetting } from '../define.js';

/** pino's levels, and 'silent' for none. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const OBSERVABILITY_SETTINGS = {
  logLevel: enumSetting('RONGCUO_LOG_LEVEL', {
    flag: 'log-level',
    default: 'info',
    values: LOG_LEVELS,
    text: {
      zh: 'rongcuo serve 写到标准输出的 JSON 日志的级别：fatal、error、warn、info（每个请求一行）、debug、trace，或 silent（不写日志）。',
      en: 'The level of the JSON log rongcuo serve writes on standard output: fatal, error, warn, info (a line per request), debug, trace, or silent (no log).',
    },
  }),
  readyMinFreeMb: intSetting('RONGCUO_READY_MIN_FREE_MB', {
    default: 500,
    min: 0,
    max: 10_000_000,
    text: {
      zh: '就绪检查（/api/health/ready）要求数据目录和临时目录各自至少剩余的磁盘空间（MB）；低于此值即报告未就绪（503）。0 表示不检查。',
      en: 'The free disk space (MB) the readiness check (/api/health/ready) requires on the data directory and on the temporary directory each; below it the service reports not ready (503). 0 turns the check off.',
    },
  }),
  metricsToken: stringSetting('RONGCUO_METRICS_TOKEN', {
    secret: true,
    text: {
      zh: '抓取 /api/metrics 所需的令牌（请求头 Authorization: Bearer <令牌>）；不设则只有本机（回环地址、未经代理转发）的请求可以抓取。',
      en: 'The token a scraper of /api/metrics must send (Authorization: Bearer <token>); unset → only requests from this machine (loopback, not forwarded by a proxy) may scrape.',
    },
  }),
  build: stringSetting('RONGCUO_BUILD', {
    text: {
      zh: '所运行的构建（如 git 提交号），显示在健康检查的应答中；不设则读取软件包根目录下的 BUILD 文件（若有）。',
      en: 'The build that runs (e.g. the git commit), shown in the health answers; unset → the file BUILD at the package root, if there is one.',
    },
  }),
};
