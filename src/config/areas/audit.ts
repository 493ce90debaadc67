/** The security audit: how long the security events are kept. */
import { intSetting } from '../define.js';

export const AUDIT_SETTINGS = {
  securityEventRetentionDays: intSetting('RONGCUO_SECURITY_EVENT_RETENTION_DAYS', {
    default: 400,
    // Cybersecurity Law Art. 21: network logs kept no less than six months.
    min: 180,
    max: 36_500,
    unit: { zh: '天', en: 'days' },
    text: {
      zh: '安全事件（登录失败、锁定、拒绝访问等）的保存天数，不少于 180 天（《网络安全法》第二十一条：网络日志留存不少于六个月）；更早的记录由后台任务每日清除。',
      en: 'Days the security events (failed and locked sign-ins, refused requests …) are kept, at least 180 (Cybersecurity Law Art. 21: network logs kept no less than six months); older rows are purged by a daily background job.',
    },
  }),
};
