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
  'session.ended_by_limit',
  'session.limit_refused',
  'password.changed',
  'password.change_failed',
  'password.reset_by_admin',
  'password.expired',
  'security_policy.changed',
  'grant.refused',
  'totp.enrolled',
  'totp.failed',
  'totp.recovery_used',
  'totp.reset',
  'sso.login',
  'sso.refused',
  'login.local_password_refused',
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
  'session.ended_by_limit': {
    zh: '超出并发会话上限，最早的会话被结束',
    en: 'Oldest session ended (concurrent session limit)',
  },
  'session.limit_refused': {
    zh: '超出并发会话上限，登录被拒绝',
    en: 'Sign-in refused (concurrent session limit)',
  },
  'password.change_failed': {
    zh: '修改密码失败（当前密码错误或新密码不合规）',
    en: 'Password change failed (wrong current password or a new password refused)',
  },
  'password.reset_by_admin': { zh: '管理员重置密码', en: 'Password reset by an administrator' },
  'password.expired': { zh: '密码已过期，须修改后使用', en: 'Password expired; change required' },
  'security_policy.changed': { zh: '修改安全策略', en: 'Security policy changed' },
  'grant.refused': {
    zh: '授权被拒绝（三员分立或自我授权）',
    en: 'Grant refused (administrators apart, or one’s own roles)',
  },
  'totp.failed': { zh: '动态口令错误', en: 'Wrong one-time code' },
  'totp.recovery_used': { zh: '使用恢复码登录', en: 'Recovery code used' },
  'totp.reset': { zh: '重置动态口令', en: 'One-time codes reset' },
  'sso.refused': {
    zh: '统一身份认证登录被拒绝（账号未关联、已停用或校验失败）',
    en: 'Single sign-on refused (identity not linked, account disabled, or a failed check)',
  },
  'login.local_password_refused': {
    zh: '本地密码登录已关闭，登录被拒绝',
    en: 'Password sign-in refused (local passwords are off)',
  },
};
