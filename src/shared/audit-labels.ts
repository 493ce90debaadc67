/**
 * Words for what the audit screens list (the read log's `what`, the administration events'
 * `action`), so that no code word stands on a Chinese screen. An unknown value is shown as it is
 * stored; a read refused is the read's words and “（被拒绝）”.
 */
import type { I18nText } from '../policy/model.js';

export const READ_LABEL: Readonly<Record<string, I18nText>> = {
  'case.view': { zh: '查阅案件', en: 'Case viewed' },
  'case.list': { zh: '查阅案件列表', en: 'Case list' },
  'case.export': { zh: '导出案件列表', en: 'Case list exported' },
  'case.joint': { zh: '查阅共同事项', en: 'Joint matter viewed' },
  'case.todos': { zh: '查阅待办', en: 'To-do list' },
  'case.todos.export': { zh: '导出待办', en: 'To-do list exported' },
  'case.recommendation': { zh: '查阅认定建议', en: 'Recommendation viewed' },
  'case.panel_candidates': { zh: '查阅合议组成员候选名单', en: 'Panel candidates viewed' },
  'decision.preview': { zh: '预览认定书', en: 'Determination previewed' },
  'evidence.download': { zh: '下载证据材料', en: 'Evidence downloaded' },
  'evidence.preview': { zh: '预览证据材料', en: 'Evidence previewed' },
  'correction.file.download': { zh: '下载整改材料', en: 'Correction file downloaded' },
  'decision.document': { zh: '查阅认定书', en: 'Determination viewed' },
  'decision.document.pdf': { zh: '下载认定书', en: 'Determination downloaded' },
  dashboard: { zh: '查阅统计分析', en: 'Dashboard' },
  'evaluation.indicators': { zh: '查阅评估指标', en: 'Evaluation indicators' },
  'evaluation.overview': { zh: '查阅评估概览', en: 'Evaluation overview' },
  'evaluation.report': { zh: '查阅问卷报告', en: 'Survey report' },
  'matter.list': { zh: '查阅问责事项', en: 'Accountability matters' },
  name_clearing: { zh: '查阅澄清正名', en: 'Name clearing' },
  'notification.list': { zh: '查阅提醒', en: 'Notifications' },
  'official.list': { zh: '查阅干部名单', en: 'Officials' },
  'official.record': { zh: '查阅干部容错记录', en: 'Official’s record' },
  'results.export': { zh: '导出结果运用台账', en: 'Result applications exported' },
  'results.list': { zh: '查阅结果运用台账', en: 'Result applications' },
  'risk_filing.list': { zh: '查阅风险报备', en: 'Risk filings' },
  'visits.list': { zh: '查阅回访', en: 'Follow-up visits' },
  'admin.users': { zh: '查阅用户列表', en: 'User list' },
  'admin.user': { zh: '查阅用户', en: 'User viewed' },
  'admin.users.export': { zh: '导出用户清单', en: 'User list exported' },
  'admin.user.sessions': { zh: '查阅用户会话', en: 'User sessions viewed' },
  'admin.organization': { zh: '查阅组织机构', en: 'Organization' },
  'audit.read_log': { zh: '查阅阅卷日志', en: 'Read log' },
  'audit.admin_events': { zh: '查阅管理操作记录', en: 'Administration events' },
  'audit.security_events': { zh: '查阅安全事件', en: 'Security events' },
  'audit.read_log.export': { zh: '导出阅卷日志', en: 'Read log exported' },
  'audit.admin_events.export': { zh: '导出管理操作记录', en: 'Administration events exported' },
  'audit.security_events.export': { zh: '导出安全事件', en: 'Security events exported' },
  'audit.verify': { zh: '校验审计链', en: 'Audit chains verified' },
};

/**
 * The administration events' actions and their words: the one list of actions
 * (src/app/admin/events.ts takes its type from here), so that a new action cannot go without
 * its words.
 */
export const ADMIN_ACTION_LABEL = {
  'user.create': { zh: '新建用户', en: 'User created' },
  'user.update': { zh: '修改用户信息', en: 'User updated' },
  'user.grants': { zh: '调整角色授权', en: 'Grants changed' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
  'user.unlock': { zh: '解除锁定', en: 'User unlocked' },
  'user.disable': { zh: '停用用户', en: 'User disabled' },
  'user.enable': { zh: '启用用户', en: 'User enabled' },
  'user.totp_reset': { zh: '重置动态口令', en: 'One-time codes reset' },
  'user.sessions_end': { zh: '结束用户会话', en: 'Sessions ended' },
  'security.policy': { zh: '修改安全策略', en: 'Security policy changed' },
  'user.external_link': { zh: '关联统一身份认证账号', en: 'Platform identity linked' },
  'user.external_unlink': { zh: '解除统一身份认证账号关联', en: 'Platform identity unlinked' },
  'jurisdiction.rename': { zh: '辖区更名', en: 'Jurisdiction renamed' },
  'jurisdiction.applicant_assessment': { zh: '设置申请人自评', en: 'Applicant assessment set' },
  'jurisdiction.document_numbering': { zh: '设置公文编号', en: 'Document numbering set' },
  'unit.create': { zh: '新建单位', en: 'Unit created' },
  'unit.rename': { zh: '单位更名', en: 'Unit renamed' },
  'visits.draw': { zh: '抽取回访对象', en: 'Follow-up visits drawn' },
  'evaluation.campaign_create': { zh: '新建问卷调查', en: 'Survey campaign created' },
  'evaluation.campaign_open': { zh: '开启问卷调查', en: 'Survey campaign opened' },
  'evaluation.campaign_close': { zh: '结束问卷调查', en: 'Survey campaign closed' },
  'evaluation.tokens_issue': { zh: '发放答卷令牌', en: 'Survey tokens issued' },
  'evaluation.instrument_adapt': { zh: '调整问卷', en: 'Instrument adapted' },
} as const satisfies Record<string, I18nText>;

export type AdminAction = keyof typeof ADMIN_ACTION_LABEL;

/** The words of a read-log `what` (a refused read: its words and “被拒绝”). */
export function readLabel(what: string): I18nText {
  const refused = what.endsWith('.refused');
  const base = refused ? what.slice(0, -'.refused'.length) : what;
  const known =
    READ_LABEL[base] ??
    (base.startsWith('document.') ? { zh: '查阅公文', en: 'Document viewed' } : undefined);
  if (!known) return { zh: what, en: what };
  return refused ? { zh: `${known.zh}（被拒绝）`, en: `${known.en} (refused)` } : known;
}

export function adminActionLabel(action: string): I18nText {
  return action in ADMIN_ACTION_LABEL
    ? ADMIN_ACTION_LABEL[action as AdminAction]
    : { zh: action, en: action };
}
