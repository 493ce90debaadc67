/**
 * Sessions and the password policy's defaults (issue 14, 身份鉴别). The idle timeout, the absolute
 * lifetime and the number of sessions a user may hold are the installation's; the password rules
 * below are the defaults of the security policy until the security administrator saves one in the
 * app (table security_policy), which then wins.
 */
import { SESSION_LIMIT_ACTIONS } from '../../shared/passwords.js';
import { enumSetting, intSetting } from '../define.js';

export const SESSIONS_SETTINGS = {
  idleMinutes: intSetting('RONGCUO_SESSION_IDLE_MINUTES', {
    default: 30,
    min: 1,
    max: 24 * 60,
    text: {
      zh: '会话空闲超时（分钟）：超过该时间没有任何请求，会话即结束，须重新登录。默认 30 分钟。',
      en: 'Idle timeout of a session, in minutes: a session with no request for this long ends and the user signs in again. Default 30 minutes.',
    },
  }),
  absoluteHours: intSetting('RONGCUO_SESSION_ABSOLUTE_HOURS', {
    default: 10,
    min: 1,
    max: 24 * 30,
    text: {
      zh: '会话最长有效期（小时，自登录起算）：无论是否在使用，到期即结束。默认 10 小时，覆盖一个工作日（含午休和加班），不跨夜。',
      en: 'Absolute lifetime of a session, in hours from sign-in: it ends then however busy it is. Default 10 hours: one working day with its lunch break and some overtime, never overnight.',
    },
  }),
  maxConcurrent: intSetting('RONGCUO_SESSION_MAX_CONCURRENT', {
    default: 3,
    min: 1,
    max: 100,
    text: {
      zh: '每个用户可同时保持的会话数。默认 3（如办公电脑、笔记本和一个接口客户端）。',
      en: 'How many sessions one user may hold at once. Default 3 (e.g. an office computer, a laptop and an API client).',
    },
  }),
  onLimit: enumSetting('RONGCUO_SESSION_ON_LIMIT', {
    default: 'end_oldest',
    values: SESSION_LIMIT_ACTIONS,
    text: {
      zh: '会话数已达上限时再次登录的处理：end_oldest（结束最早登录的会话，默认）或 refuse（拒绝登录，须先在别处退出或由安全管理员结束会话）。',
      en: 'A sign-in when the user already holds the most sessions allowed: end_oldest (the earliest session ends; the default) or refuse (the sign-in is refused until a session is signed out or ended by the security administrator).',
    },
  }),
  passwordMinLength: intSetting('RONGCUO_PASSWORD_MIN_LENGTH', {
    default: 10,
    min: 8,
    max: 64,
    text: {
      zh: '安全策略默认值：密码最少字符数（安全管理员在系统中保存策略后以其为准）。',
      en: 'Security policy default: the least number of characters in a password (the policy the security administrator saves in the app wins).',
    },
  }),
  passwordMinClasses: intSetting('RONGCUO_PASSWORD_MIN_CLASSES', {
    default: 2,
    min: 1,
    max: 4,
    text: {
      zh: '安全策略默认值：密码至少包含小写字母、大写字母、数字、符号中的几类。默认 2；等保三级测评通常要求 3。',
      en: 'Security policy default: how many of lower-case letters, upper-case letters, digits and symbols a password must contain. Default 2; a level-3 assessment usually asks for 3.',
    },
  }),
  passwordHistory: intSetting('RONGCUO_PASSWORD_HISTORY', {
    default: 5,
    min: 0,
    max: 24,
    text: {
      zh: '安全策略默认值：新密码不得与最近几次使用过的密码相同（0 为不限制）。',
      en: 'Security policy default: a new password may not be any of the last N passwords (0: no check).',
    },
  }),
  passwordExpiryDays: intSetting('RONGCUO_PASSWORD_EXPIRY_DAYS', {
    default: 0,
    min: 0,
    max: 3650,
    text: {
      zh: '安全策略默认值：密码有效期（天），到期后登录须先修改密码；0 为永不过期。等保三级测评通常要求定期更换（如 90 天）。',
      en: 'Security policy default: days a password is valid; once expired, the user must change it after signing in. 0: never. A level-3 assessment usually asks for periodic change (e.g. 90 days).',
    },
  }),
};
