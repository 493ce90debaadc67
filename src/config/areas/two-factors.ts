/** Two factors (TOTP and recovery codes): who must use them, and the sign-in ticket's life. */
import { enumSetting, intSetting, stringSetting } from '../define.js';

export const TWO_FACTOR_SETTINGS = {
  totpRequiredFor: enumSetting('RONGCUO_TOTP_REQUIRED_FOR', {
    default: 'admins',
    values: ['admins', 'all'] as const,
    text: {
      zh: '谁必须使用动态口令（第二因素）登录：admins 为系统管理员、安全管理员、审计管理员（三员始终必须）；all 为全部用户。尚未绑定的用户登录后只能先绑定。',
      en: 'Who must sign in with a one-time code (second factor): admins = the system, security and audit administrators (always required of them); all = every user. A user who must and has not enrolled can only enrol after the password.',
    },
  }),
  ticketMinutes: intSetting('RONGCUO_TOTP_TICKET_MINUTES', {
    default: 5,
    min: 1,
    max: 30,
    text: {
      zh: '密码正确后输入动态口令（或完成绑定）的时限，单位分钟；超时须重新输入密码。',
      en: 'Minutes allowed, after a correct password, to enter the one-time code (or to enrol); after that the password is asked again.',
    },
  }),
  resetAttempts: intSetting('RONGCUO_TOTP_RESET_ATTEMPTS', {
    default: 5,
    min: 1,
    max: 20,
    text: {
      zh: '用户在“账户安全”页重置本人动态口令时允许输错的次数（自第一次输错起计，见 RONGCUO_TOTP_RESET_WINDOW_MINUTES）；达到后在该时段结束前拒绝重置。',
      en: 'Wrong codes a user may give when resetting their own one-time codes on the Account security page (counted from the first, see RONGCUO_TOTP_RESET_WINDOW_MINUTES); after that the reset is refused until the window is over.',
    },
  }),
  resetWindowMinutes: intSetting('RONGCUO_TOTP_RESET_WINDOW_MINUTES', {
    default: 15,
    min: 1,
    max: 1440,
    text: {
      zh: '统计本人重置动态口令输错次数的时段，单位分钟，自第一次输错起算；达到次数后，重置在该时段结束前暂停受理。',
      en: 'Minutes, from the first wrong code, in which wrong codes given to one’s own reset are counted; once they reach the limit the reset is paused until this window is over.',
    },
  }),
  issuer: stringSetting('RONGCUO_TOTP_ISSUER', {
    default: '容错纠错',
    text: {
      zh: '身份验证器应用中显示的发行方名称（如本单位名称）。',
      en: 'The issuer name the authenticator app shows (e.g. the organization’s name).',
    },
  }),
};
