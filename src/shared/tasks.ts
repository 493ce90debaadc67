/**
 * The names of the tasks a user does on a case (the workbench's groups, the action box's entries,
 * the to-do list's export): one per case action. Defined here so that the server's Excel export
 * and the web app name a task alike (the web app's i18n takes them under `workbench.task`).
 */
export const TASK_LABEL = {
  accept: { zh: '受理审查', en: 'Decide on acceptance' },
  refuse: { zh: '不予受理', en: 'Refuse' },
  withdraw: { zh: '撤回申请', en: 'Withdraw the application' },
  recordFact: { zh: '记录事实', en: 'Record facts' },
  addEvidence: { zh: '补充证据材料', en: 'Add evidence' },
  recordStatement: { zh: '补充说明', en: 'Add a statement' },
  assess: { zh: '六要素评估', en: 'Assess the six elements' },
  completeVerification: { zh: '核实', en: 'Complete verification' },
  requestConsultation: { zh: '征求部门意见', en: 'Consult departments' },
  recordOpinion: { zh: '据书面复函录入会商意见', en: 'Transcribe a written reply' },
  answerConsultation: { zh: '答复会商意见', en: 'Answer a consultation' },
  completeConsultation: { zh: '完成会商', en: 'Complete the consultation' },
  addMember: { zh: '组成研究成员', en: 'Form the panel' },
  declareConflict: { zh: '声明利益冲突', en: 'Declare a conflict' },
  vote: { zh: '表决', en: 'Vote' },
  decide: { zh: '作出认定', en: 'Decide' },
  notify: { zh: '书面反馈', en: 'Notify in writing' },
  startPublicity: { zh: '公示', en: 'Publicize' },
  endPublicity: { zh: '结束公示', en: 'End the publicity' },
  fileUpward: { zh: '向上级报备', en: 'File with the higher level' },
  requestReview: { zh: '申请复核', en: 'Apply for review' },
  requestAppeal: { zh: '提出申诉', en: 'Appeal' },
  decideReview: { zh: '作出复核决定', en: 'Decide the review' },
  decideAppeal: { zh: '作出申诉决定', en: 'Decide the appeal' },
  close: { zh: '办结', en: 'Close the case' },
  suspend: { zh: '中止办理', en: 'Suspend' },
  resume: { zh: '恢复办理', en: 'Resume' },
  requestExtension: { zh: '申请延期', en: 'Request an extension' },
  decideExtension: { zh: '审批延期申请', en: 'Decide on an extension' },
  issueCorrection: { zh: '下达纠错意见', en: 'Issue a correction opinion' },
  addCorrectionActions: { zh: '增加整改事项', en: 'Add correction actions' },
  submitCorrection: { zh: '报送整改情况', en: 'Submit a correction' },
  verifyCorrection: { zh: '核实整改情况', en: 'Verify a correction' },
  reviewCorrection: { zh: '评估整改成效', en: 'Review the correction’s effectiveness' },
  recordTalk: { zh: '记录谈心谈话', en: 'Record a talk' },
} as const satisfies Readonly<Record<string, { readonly zh: string; readonly en: string }>>;

export type TaskName = keyof typeof TASK_LABEL;
