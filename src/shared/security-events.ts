/**
 * The kinds of security events (src/app/trails/security-events.ts), defined once for the server,
 * the API's shapes and the web app's labels. A later part adds its kind here, with its labels.
 */
import type { I18nText } from '../policy/model.js';

export const SECURITY_EVENT_KINDS = [
  'login.succeeded',
  'login.failed',
  'login.unknown_user',
  'login.locked',
  'login.rate_limited',
  'request.forbidden',
  'csrf.invalid',
  'logout',
  // Written by later parts of issue 14 (sessions, passwords, second factor, single sign-on).
  'session.ended_by_admin',
  'password.changed',
  'totp.enrolled',
  'sso.login',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const SECURITY_EVENT_LABEL: Record<SecurityEventKind, I18nText> = {
  'login.succeeded': { zh: '登录成功', en: 'Signed in' },
  'login.failed': {
    zh: '登录失败（密码错误或账户停用）',
    en: 'Sign-in failed (wrong password or account disabled)',
  },
  'login.unknown_user': { zh: '登录失败（用户名不存在）', en: 'Sign-in failed (unknown username)' },
  'login.locked': { zh: '登录被锁定', en: 'Sign-in locked' },
  'login.rate_limited': { zh: '登录过于频繁被限制', en: 'Sign-in rate-limited' },
  'request.forbidden': { zh: '越权请求被拒绝', en: 'Request refused (forbidden)' },
  'csrf.invalid': { zh: '跨站请求校验失败', en: 'Cross-site request check failed' },
  logout: { zh: '退出登录', en: 'Signed out' },
  'session.ended_by_admin': { zh: '会话被管理员结束', en: 'Session ended by an administrator' },
  'password.changed': { zh: '修改密码', en: 'Password changed' },
  'totp.enrolled': { zh: '启用动态口令', en: 'Authenticator (TOTP) enrolled' },
  'sso.login': { zh: '统一身份认证登录', en: 'Signed in through single sign-on' },
};
