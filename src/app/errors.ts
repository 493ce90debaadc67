/**
 * The application's error catalogue: every error a user can meet has a stable code, an HTTP
 * status, and a message in zh and en that says what went wrong and how to fix it. Messages never
 * carry internals (SQL, stack traces, file paths).
 */
import type { I18nText } from '../policy/model.js';

export interface CatalogueEntry {
  readonly status: number;
  readonly message: I18nText;
}

export const CATALOGUE = {
  VALIDATION: { status: 400, message: { zh: '请求内容不正确。', en: 'The request is not valid.' } },
  NOT_FOUND: {
    status: 404,
    message: { zh: '找不到该对象，或您无权查看。', en: 'Not found, or you may not see it.' },
  },
  JOINT_MATTER_NOT_FOUND: {
    status: 404,
    message: {
      zh: '找不到该共同事项，或您无权查看。',
      en: 'No such joint matter, or you may not see it.',
    },
  },
  JOINT_MATTER_VERSION_CONFLICT: {
    status: 409,
    message: {
      zh: '该共同事项已被他人更新，请刷新后再操作。',
      en: 'Someone else updated the joint matter; reload it and try again.',
    },
  },
  CASE_NOT_FOUND: {
    status: 404,
    message: { zh: '找不到该案件，或您无权查看。', en: 'No such case, or you may not see it.' },
  },
  CORRECTION_NOT_FOUND: {
    status: 404,
    message: {
      zh: '找不到该纠错意见或整改事项，请刷新页面后重试。',
      en: 'No such correction or correction action; reload the page and try again.',
    },
  },
  CORRECTION_ACTION_STATE: {
    status: 409,
    message: {
      zh: '该整改事项当前状态不允许此项操作，请刷新页面查看最新情况。',
      en: 'The correction action is not in a state that allows this; reload the page to see where it stands.',
    },
  },
  CASE_ROLE_REQUIRED: {
    status: 403,
    message: { zh: '您的角色不能进行此项操作。', en: 'Your role does not allow this action.' },
  },
  CASE_OUT_OF_SCOPE: {
    status: 403,
    message: {
      zh: '该案件不在您的管辖范围内。',
      en: 'This case is outside the scope of your role.',
    },
  },
  CASE_PARTY: {
    status: 403,
    message: {
      zh: '案件当事人不能以办理人员身份处理本案。',
      en: 'A party to the case cannot act on it as a case officer.',
    },
  },
  CASE_CONFLICTED: {
    status: 403,
    message: {
      zh: '您已声明利益冲突或回避，不能参与本案的研究决定。',
      en: 'You declared a conflict or were recused, so you cannot take part in deciding this case.',
    },
  },
  CASE_WRONG_STATE: {
    status: 409,
    message: {
      zh: '案件当前所处环节不能进行此项操作。',
      en: 'The case is not at a step that allows this action.',
    },
  },
  CASE_PRECONDITION: {
    status: 409,
    message: {
      zh: '此项操作的前提条件尚未满足。',
      en: 'A condition for this action is not met yet.',
    },
  },
  CASE_VERSION_CONFLICT: {
    status: 409,
    message: {
      zh: '案件已被他人更新，请刷新后再操作。',
      en: 'Someone else updated the case; reload it and try again.',
    },
  },
  DEPARTURE_REASONS_REQUIRED: {
    status: 422,
    message: {
      zh: '认定结果与系统建议不一致，必须书面说明理由。',
      en: 'The decision departs from the recommendation, so written reasons are required.',
    },
  },
  IDEMPOTENCY_MISMATCH: {
    status: 422,
    message: {
      zh: '同一个幂等键已用于内容不同的请求；请换一个新键。',
      en: 'This idempotency key was used for a different request; use a new key.',
    },
  },
  POLICY_INPUT: {
    status: 422,
    message: { zh: '事实不符合策略包的要求。', en: 'The facts do not fit the policy pack.' },
  },
  APPLICATION_OUT_OF_TIME: {
    status: 422,
    message: {
      zh: '容错申请已超过本办法规定的申请时限。',
      en: 'The application is outside the window the measure sets for applying.',
    },
  },
  AUTH_REQUIRED: { status: 401, message: { zh: '请先登录。', en: 'Please sign in.' } },
  AUTH_INVALID: {
    status: 401,
    message: { zh: '用户名或密码不正确。', en: 'Wrong username or password.' },
  },
  AUTH_LOCKED: {
    status: 423,
    message: {
      zh: '登录失败次数过多，账户已暂时锁定，请稍后再试。',
      en: 'Too many failed sign-ins; the account is locked for a while. Try again later.',
    },
  },
  AUTH_RATE_LIMITED: {
    status: 429,
    message: { zh: '尝试过于频繁，请稍后再试。', en: 'Too many attempts; try again later.' },
  },
  CSRF_INVALID: {
    status: 403,
    message: {
      zh: '请求缺少有效的 CSRF 令牌；请刷新页面后重试。',
      en: 'The request lacks a valid CSRF token; reload the page and try again.',
    },
  },
  FORBIDDEN: { status: 403, message: { zh: '您无权进行此项操作。', en: 'You may not do this.' } },
  ADMIN_ROLE_REQUIRED: {
    status: 403,
    message: {
      zh: '只有系统管理员可以进行系统管理。',
      en: 'Only an administrator may do this.',
    },
  },
  ADMIN_OUT_OF_SCOPE: {
    status: 403,
    message: {
      zh: '该辖区或单位不在您的管理范围内；只能在您负责的辖区及其下级授予角色或调整组织。',
      en: 'That jurisdiction or unit is outside your administration; you can grant roles and change the organization only within your own jurisdiction and below.',
    },
  },
  ADMIN_SELF: {
    status: 409,
    message: {
      zh: '不能停用自己的账户或取消自己的管理员角色；请由另一名管理员操作。',
      en: 'You cannot disable your own account or remove your own administrator role; ask another administrator.',
    },
  },
  USER_NOT_FOUND: {
    status: 404,
    message: {
      zh: '找不到该用户，或不在您的管理范围内。',
      en: 'No such user, or not within your administration.',
    },
  },
  USERNAME_TAKEN: {
    status: 409,
    message: { zh: '该用户名已被使用，请换一个。', en: 'This username is taken; choose another.' },
  },
  USER_GRANTS_REQUIRED: {
    status: 422,
    message: {
      zh: '用户至少要有一个角色；要停止使用该账户，请停用它。',
      en: 'A user needs at least one role; to stop an account being used, disable it.',
    },
  },
  PASSWORD_WEAK: {
    status: 422,
    message: {
      zh: '密码不符合密码规则。',
      en: 'The password does not meet the password rules.',
    },
  },
  ORG_NOT_FOUND: {
    status: 404,
    message: {
      zh: '找不到该辖区或单位，或不在您的管理范围内。',
      en: 'No such jurisdiction or unit, or not within your administration.',
    },
  },
  CALENDAR_NOT_FOUND: {
    status: 404,
    message: {
      zh: '没有该日历或该年份的数据（已提供 2025–2027 年）。',
      en: 'No such calendar or year (2025–2027 are shipped).',
    },
  },
  RISK_FILING_ROLE_REQUIRED: {
    status: 403,
    message: {
      zh: '风险报备清单供受理、调查核实、认定机构、组织部门联络和审计监督人员查阅；如需查阅，请联系系统管理员授予相应角色。',
      en: 'The list of risk filings is for intake officers, investigators, committee members and chairs, organization-department liaisons and auditors; ask an administrator for such a role if you need it.',
    },
  },
  DASHBOARD_ROLE_REQUIRED: {
    status: 403,
    message: {
      zh: '仪表盘供认定机构负责人、组织部门联络员、管理员、审计监督人员和政策管理员使用。',
      en: 'The dashboard is for committee chairs, organization-department liaisons, administrators, auditors and policy administrators.',
    },
  },
  EVALUATION_ROLE_REQUIRED: {
    status: 403,
    message: {
      zh: '容错纠错实施评估指标供组织部门联络员、认定机构负责人、审计监督人员和系统管理员按其所辖辖区查阅；如需查阅，请联系系统管理员授予相应角色。',
      en: 'The implementation indicators are for organization-department liaisons, committee chairs, auditors and administrators, over the jurisdictions they hold those roles for; ask an administrator for such a role if you need it.',
    },
  },
  DOCUMENT_FONT_MISSING: {
    status: 503,
    message: {
      zh: '服务器上没有可用的中文字体，暂时无法生成 PDF 版认定书（文本版仍可下载）。请系统管理员安装 Noto CJK 字体（Debian/Ubuntu：apt-get install fonts-noto-cjk），或用环境变量 RONGCUO_CJK_FONT 指定中文字体文件（字体集写作“路径#字体名”），然后重试。',
      en: 'No Chinese font is available on the server, so the PDF of the decision document cannot be made (the text version can still be downloaded). An administrator should install the Noto CJK fonts (Debian/Ubuntu: apt-get install fonts-noto-cjk) or name a Chinese font file in RONGCUO_CJK_FONT (a collection as "path#FontName"), then try again.',
    },
  },
  EVIDENCE_UNREADABLE: {
    status: 422,
    message: {
      zh: '文件不是完整可读的该类型文件；请用原软件重新导出（或重新扫描）后再上传。',
      en: 'The file is not a whole, readable file of its type; export (or scan) it again and upload that.',
    },
  },
  EVIDENCE_NO_PREVIEW: {
    status: 415,
    message: {
      zh: '该类型的文件无法在浏览器中预览（仅 PDF 和 PNG、JPEG 图片可以预览）；请下载后用相应软件打开。',
      en: 'Files of this type cannot be previewed in the browser (only PDF, PNG and JPEG can); download it and open it in its application.',
    },
  },
  INPUT_NUL_CHARACTER: {
    status: 400,
    message: {
      zh: '请求内容含有空字符（U+0000），系统无法保存；请删除该字符后重试。',
      en: 'The request contains a NUL character (U+0000), which cannot be stored; remove it and try again.',
    },
  },
  INPUT_BAD_TEXT: {
    status: 400,
    message: {
      zh: '请求内容含有不成对的 UTF-16 代理字符（如 \\ud800），不是有效的文字；请删除该字符后重试。',
      en: 'The request contains an unpaired UTF-16 surrogate (such as \\ud800), which is not valid text; remove it and try again.',
    },
  },
  INPUT_NOT_UTF8: {
    status: 400,
    message: {
      zh: '请求体不是有效的 UTF-8 编码（details.offset 为第一个无效字节的位置）；请以 UTF-8 编码发送。',
      en: 'The body is not valid UTF-8 (details.offset is where the first invalid byte is); send it encoded as UTF-8.',
    },
  },
  UNSUPPORTED_CHARSET: {
    status: 415,
    message: {
      zh: '只接受 UTF-8 编码的 JSON；请以 UTF-8 编码发送，并使用 Content-Type: application/json（或 charset=utf-8）。',
      en: 'Only UTF-8 JSON is accepted; encode the body as UTF-8 and send Content-Type: application/json (or charset=utf-8).',
    },
  },
  BAD_URL: {
    status: 400,
    message: {
      zh: '请求地址含有无效的百分号编码（如 %E0%A4%A）；请按 UTF-8 正确编码地址后重试。',
      en: 'The address has an invalid percent-encoding (such as %E0%A4%A); encode it correctly as UTF-8 and try again.',
    },
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    message: {
      zh: '请求头或地址过长（合计不得超过 16 KB）；请缩短查询条件，或清除本站的 Cookie 后重试。',
      en: 'The request headers or address are too long (16 KB in all at most); shorten the query, or clear this site’s cookies, and try again.',
    },
  },
  BAD_REQUEST: {
    status: 400,
    message: {
      zh: '请求不符合 HTTP 协议，无法处理；请检查客户端或代理的设置。',
      en: 'The request is not valid HTTP and cannot be processed; check the client or proxy.',
    },
  },
  REQUEST_TIMEOUT: {
    status: 408,
    message: {
      zh: '请求未能在规定时间内发送完毕；请检查网络后重试。',
      en: 'The request was not sent in time; check the network and try again.',
    },
  },
  MATTER_ROLE_REQUIRED: {
    status: 403,
    message: {
      zh: '问责事项台账供受理、调查核实和审计监督人员查阅；如需查阅，请联系系统管理员授予相应角色。',
      en: 'The list of accountability matters is for intake officers, investigators and auditors; ask an administrator for such a role if you need it.',
    },
  },
  OFFICIAL_NOT_FOUND: {
    status: 404,
    message: {
      zh: '找不到该干部，或该干部不在您的管辖范围内。',
      en: 'No such official, or the official is outside the scope of your role.',
    },
  },
  OFFICIAL_RECORD_ROLE_REQUIRED: {
    status: 403,
    message: {
      zh: '干部容错纠错记录供干部本人，以及本辖区、本单位的办案、监督人员和单位党组织查阅；会商部门和其他角色不能查阅。',
      en: "An official's record is for the official, and for case officers, overseers and the unit's party organization over their jurisdiction or unit; consulted departments and other roles may not read it.",
    },
  },
  VISIT_NOT_FOUND: {
    status: 404,
    message: {
      zh: '找不到该回访记录，或您无权查看。',
      en: 'No such follow-up visit, or you may not see it.',
    },
  },
  VISIT_NO_RULE: {
    status: 409,
    message: {
      zh: '本辖区适用的容错办法没有规定回访（followUp），无法抽取回访对象；请由政策管理员在策略包中写明回访时间和抽查比例。',
      en: 'The measure in force here sets no follow-up visits (followUp), so none can be drawn; a policy administrator gives the visit time and sample share in the pack.',
    },
  },
  VISIT_DRAWN_MEANWHILE: {
    status: 409,
    message: {
      zh: '另一次抽取同时抽中了部分相同的干部，本次抽取未生效；请刷新后重新抽取。',
      en: 'Another draw at the same moment took some of the same officials, so this one was not made; reload and draw again.',
    },
  },
  VISIT_NOTHING_TO_DRAW: {
    status: 409,
    message: {
      zh: '回访期内没有尚未抽取的影响期干部，本次无需抽取。',
      en: 'No official whose impact period ends in the window is left to draw; there is nothing to draw now.',
    },
  },
  CAMPAIGN_NOT_FOUND: {
    status: 404,
    message: {
      zh: '找不到该问卷调查，或不在您的管辖范围内。',
      en: 'No such survey campaign, or it is outside the scope of your role.',
    },
  },
  CAMPAIGN_STATE: {
    status: 409,
    message: {
      zh: '问卷调查当前所处状态不允许此项操作；草稿可以开启，已开启的可以结束，已结束的不能再开启或发放令牌。',
      en: 'The campaign is not in a state that allows this: a draft may be opened, an open campaign closed; a closed one cannot be reopened or issue tokens.',
    },
  },
  CAMPAIGN_VERSION_CONFLICT: {
    status: 409,
    message: {
      zh: '问卷调查已被他人更新，请刷新后再操作。',
      en: 'Someone else updated the campaign; reload it and try again.',
    },
  },
  CAMPAIGN_TOKENS_EXCEED_INVITED: {
    status: 409,
    message: {
      zh: '发放的令牌总数不能超过受邀干部人数；如需增加，请新建问卷调查或核对受邀人数。',
      en: 'The tokens issued cannot outnumber the cadres invited; check the number invited or start a new campaign.',
    },
  },
  INSTRUMENT_NOT_FOUND: {
    status: 404,
    message: {
      zh: '找不到该问卷版本。',
      en: 'No such survey instrument version.',
    },
  },
  INSTRUMENT_ID_TAKEN: {
    status: 409,
    message: {
      zh: '该问卷版本编号已被使用；问卷版本一经建立不得修改，请为修订版另取编号（如 seed000-v2）。',
      en: 'That instrument id is taken; a version is never changed once made, so give the adapted one a new id (e.g. seed000-v2).',
    },
  },
  INSTRUMENT_INVALID: {
    status: 422,
    message: {
      zh: '问卷内容不符合要求，请按所列问题修改后重新提交。',
      en: 'The instrument is not valid; fix the problems listed and submit it again.',
    },
  },
  INSTRUMENT_IN_USE: {
    status: 409,
    message: {
      zh: '该问卷版本已有问卷调查使用，不得修改；请以其为基础修订出新版本。',
      en: 'A campaign uses this instrument version, so it cannot change; adapt it into a new version instead.',
    },
  },
  SURVEY_TOKEN_INVALID: {
    status: 404,
    message: {
      zh: '该问卷链接或令牌无效或已使用；每个令牌只能提交一次答卷，请核对二维码或令牌是否完整、准确。',
      en: 'This survey link or token is not valid or has already been used; each token takes one answer sheet, so check that the QR code or token was read completely and correctly.',
    },
  },
  SURVEY_RATE_LIMITED: {
    status: 429,
    message: {
      zh: '本地址提交的无效问卷令牌过多，请稍后再试；如确认令牌无误，请联系组织部门。',
      en: 'Too many invalid survey tokens from this address; try again later, and if you are sure of the token, contact the organization department.',
    },
  },
  SURVEY_NOT_OPEN: {
    status: 409,
    message: {
      zh: '本次问卷调查尚未开始，请在开始日期后再填写。',
      en: 'This survey has not opened yet; answer it from its opening day.',
    },
  },
  SURVEY_CLOSED: {
    status: 409,
    message: {
      zh: '本次问卷调查已经结束，不再接收答卷。',
      en: 'This survey has closed and takes no more answers.',
    },
  },
  SURVEY_UNKNOWN_QUESTION: {
    status: 422,
    message: {
      zh: '答卷中含有本问卷没有的题目，请刷新页面后重新填写。',
      en: 'The answers name a question this survey does not have; reload the page and answer again.',
    },
  },
  SURVEY_VALUE_OFF_SCALE: {
    status: 422,
    message: {
      zh: '答案超出了量表范围，请在量表给出的选项中选择。',
      en: 'An answer is off the scale; choose one of the points the scale offers.',
    },
  },
  SURVEY_NOT_AN_OPTION: {
    status: 422,
    message: {
      zh: '基本情况的答案不是所列选项之一，请在选项中选择。',
      en: 'A background answer is not one of the options offered; choose one of them.',
    },
  },
  SURVEY_EMPTY: {
    status: 422,
    message: {
      zh: '答卷为空，没有回答任何题目；请至少回答一题后再提交，令牌仍可使用。',
      en: 'The answer sheet is empty; answer at least one question before submitting (the token is still valid).',
    },
  },
  // ---- observability (issue 14): who may read the metrics
  METRICS_FORBIDDEN: {
    status: 403,
    message: {
      zh: '无权读取运行指标：请在请求头 Authorization 中给出 Bearer 令牌（配置项 RONGCUO_METRICS_TOKEN）；未设令牌时只接受本机发出、未经代理转发的请求。',
      en: 'You may not read the metrics: send the token of the setting RONGCUO_METRICS_TOKEN as Authorization: Bearer <token>; without that setting, only requests from this machine, not forwarded by a proxy, are accepted.',
    },
  },
  // National cryptography (密评): files encrypted at rest (src/app/blobs/).
  BLOB_KEY_MISSING: {
    status: 503,
    message: {
      zh: '该文件已加密存储，但解密所需的密钥不在本服务器的密钥环中，暂时无法读取。请安全管理员将该密钥（编号见本错误的 keyId，或运行 rongcuo keys status 查看）补回 RONGCUO_ENCRYPTION_KEYS 或密钥环文件后重启服务；密钥须在全部文件重新加密完成后才能移除。',
      en: 'The file is stored encrypted, and the key to decrypt it is not in this server’s key ring, so it cannot be read for now. The security administrator should put that key (its id is this error’s keyId, or see rongcuo keys status) back into RONGCUO_ENCRYPTION_KEYS or the key ring file and restart; a key may be removed only once every file has been re-encrypted.',
    },
  },
  BLOB_INTEGRITY: {
    status: 500,
    message: {
      zh: '该文件的密文未通过完整性校验（消息鉴别码不符），已拒绝提供：存储中的文件可能被篡改或损坏，或密钥环中同一编号下的密钥并非加密时所用的密钥。请安全管理员核查密钥环，并从备份恢复该文件。',
      en: 'The file failed its integrity check (the authentication tag does not match) and is not served: the stored file may have been altered or damaged, or the key under that id in the ring is not the key it was encrypted with. The security administrator should check the key ring and restore the file from a backup.',
    },
  },
  // ---- The security audit (issue 14: the audit administrator's screens, src/app/trails/) ----
  AUDIT_ROLE_REQUIRED: {
    status: 403,
    message: {
      zh: '审计记录（阅卷日志、管理操作记录、安全事件）只有审计管理员可以查看和校验；如需查看，请由安全管理员为您授予“审计管理员”角色。',
      en: 'Only an audit administrator may read and verify the audit trails (read log, administration events, security events); ask the security administrator to grant you the audit administrator role.',
    },
  },
  AUDIT_RANGE_INVALID: {
    status: 400,
    message: {
      zh: '时间范围有误：起始日期晚于截止日期。请调整“自”“至”两个日期后重试。',
      en: 'The time range is wrong: the start date is after the end date. Adjust the “from” and “to” dates and try again.',
    },
  },
  // Three administrators apart and two factors (issue 14; src/app/admin/separation.ts,
  // src/app/two-factors/, src/server/auth/second-factor.ts).
  ADMIN_ROLES_APART: {
    status: 409,
    message: {
      zh: '同一账户不能同时担任系统管理员、安全管理员、审计管理员中的两种（三员分立）；请把另一角色授予其他人员。',
      en: 'One account cannot hold two of the system, security and audit administrator roles (three administrators apart); grant the other role to someone else.',
    },
  },
  // ---- sessions and passwords (issue 14: the security policy) -------------------------------
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    message: {
      zh: '请先修改密码：您的密码由管理员设置或已过有效期，修改前只能修改密码或退出登录。请在“账户安全”页设置新密码。',
      en: 'Change your password first: it was set by an administrator or has expired, and until it is changed you may only change it or sign out. Set a new one on the Account security page.',
    },
  },
  PASSWORD_CURRENT_WRONG: {
    status: 422,
    message: {
      zh: '当前密码不正确；请输入您现在用来登录的密码。',
      en: 'The current password is wrong; enter the password you sign in with now.',
    },
  },
  PASSWORD_REUSED: {
    status: 422,
    message: {
      zh: '新密码与最近使用过的密码相同，请另设一个。',
      en: 'The new password is one you used recently; choose another.',
    },
  },
  SESSION_LIMIT_REACHED: {
    status: 409,
    message: {
      zh: '您同时登录的会话数已达上限，不能再登录。请先在其他设备上退出，或请安全管理员结束您的会话。',
      en: 'You already hold as many sessions as allowed, so this sign-in is refused. Sign out on another device first, or ask the security administrator to end a session.',
    },
  },
  SESSION_NOT_FOUND: {
    status: 404,
    message: {
      zh: '找不到该会话：它可能已结束或已过期。请刷新会话列表。',
      en: 'No such session: it may have ended or expired. Reload the list of sessions.',
    },
  },
  SECURITY_ADMIN_REQUIRED: {
    status: 403,
    message: {
      zh: '只有安全管理员可以授予角色或重置他人的动态口令；请联系本辖区的安全管理员。',
      en: 'Only a security administrator may grant roles or reset someone’s one-time codes; ask your jurisdiction’s security administrator.',
    },
  },
  GRANTS_SELF: {
    status: 409,
    message: {
      zh: '不能修改自己的角色；请由另一名安全管理员操作。',
      en: 'You cannot change your own roles; ask another security administrator.',
    },
  },
  TOTP_TICKET_INVALID: {
    status: 401,
    message: {
      zh: '登录步骤已超时或无效；请重新输入用户名和密码。',
      en: 'The sign-in step has timed out or is not valid; enter your username and password again.',
    },
  },
  TOTP_CODE_WRONG: {
    status: 401,
    message: {
      zh: '动态口令或恢复码不正确。请输入身份验证器应用当前显示的 6 位数字（注意手机时间准确），或一个未用过的恢复码。',
      en: 'The one-time code or recovery code is wrong. Enter the 6 digits your authenticator app shows now (check the phone’s clock), or an unused recovery code.',
    },
  },
  TOTP_RESET_THROTTLED: {
    status: 429,
    message: {
      zh: '重置动态口令时输入错误次数过多，暂停受理。请稍后再试；如已无法取得口令，请联系安全管理员重置。',
      en: 'Too many wrong codes were given to reset your one-time codes; the reset is paused. Try again later, or ask the security administrator to reset them if you no longer have the codes.',
    },
  },
  TOTP_SECRET_UNREADABLE: {
    status: 503,
    message: {
      zh: '该用户的动态口令密钥已加密存储，但无法解密：所需密钥（编号见本错误的 keyId）不在本服务器的密钥环中，或与加密时所用密钥不符。请安全管理员将该密钥补回 RONGCUO_ENCRYPTION_KEYS 或密钥环文件后重启服务（rongcuo keys status 可查看各密钥的使用情况）；确已无法恢复时，可为该用户重置动态口令。',
      en: 'This user’s one-time-code secret is stored encrypted and cannot be decrypted: the key (its id is this error’s keyId) is not in this server’s key ring, or is not the key it was encrypted with. The security administrator should put that key back into RONGCUO_ENCRYPTION_KEYS or the key ring file and restart (rongcuo keys status shows which keys are in use); if it cannot be recovered, reset the user’s one-time codes.',
    },
  },
  TOTP_ALREADY_ENROLLED: {
    status: 409,
    message: {
      zh: '您已绑定动态口令；如需更换手机，请先用当前口令重置，再重新绑定。',
      en: 'You already use one-time codes; to move to another phone, reset them with a current code first, then set them up again.',
    },
  },
  TOTP_NOT_ENROLLED: {
    status: 409,
    message: {
      zh: '尚未开始绑定动态口令；请先获取密钥（二维码），再输入应用显示的口令确认。',
      en: 'Setting up one-time codes has not started; get the secret (QR code) first, then confirm with a code the app shows.',
    },
  },
  SECURITY_POLICY_SCOPE: {
    status: 403,
    message: {
      zh: '安全策略适用于整个系统，只有管辖最高一级辖区的安全管理员可以修改。',
      en: 'The security policy applies to the whole installation; only a security administrator over a top-level jurisdiction may change it.',
    },
  },
  // Single sign-on: OpenID Connect, CAS tickets, linked identities, local passwords turned off
  // (src/server/auth/sso.ts, src/app/sso/, src/server/auth/login.ts).
  SSO_NOT_CONFIGURED: {
    status: 404,
    message: {
      zh: '本系统未配置该统一身份认证方式。请使用登录页上提供的登录方式，或请系统管理员配置统一身份认证。',
      en: 'This way of signing in through the identity platform is not configured. Use a way the sign-in page offers, or ask the system administrator to configure it.',
    },
  },
  SSO_STATE_INVALID: {
    status: 400,
    message: {
      zh: '统一身份认证的登录请求已失效或不是从本浏览器发起的（可能已超过 10 分钟，或在另一窗口重复登录）。请回到登录页重新点击“统一身份认证登录”。',
      en: 'The sign-in through the identity platform has expired or was not started in this browser (more than 10 minutes, or signed in again in another window). Go back to the sign-in page and start again.',
    },
  },
  SSO_PROVIDER_ERROR: {
    status: 502,
    message: {
      zh: '统一身份认证平台未能完成认证，或其应答无法校验。请稍后重试；如持续出现，请系统管理员核对统一身份认证配置并查看服务日志。',
      en: 'The identity platform did not complete the sign-in, or its answer could not be verified. Try again later; if it persists, the system administrator should check the single sign-on settings and the server log.',
    },
  },
  SSO_TICKET_INVALID: {
    status: 401,
    message: {
      zh: '统一身份认证平台未确认该登录票据（票据只能使用一次，且很快过期）。请回到登录页重新登录。',
      en: 'The identity platform did not confirm the sign-in ticket (a ticket is used once and expires quickly). Go back to the sign-in page and sign in again.',
    },
  },
  SSO_IDENTITY_UNLINKED: {
    status: 403,
    message: {
      zh: '您的统一身份认证账号尚未关联本系统用户，不能登录。请将下方的身份标识告知安全管理员，由其在用户管理中关联后再登录。',
      en: 'Your identity-platform account is not linked to a rongcuo user, so it cannot sign in. Give the id below to the security administrator, who links it in user administration; then sign in again.',
    },
  },
  SSO_ACCOUNT_DISABLED: {
    status: 403,
    message: {
      zh: '与您的统一身份认证账号关联的本系统用户已停用，不能登录。如有疑问，请联系系统管理员。',
      en: 'The rongcuo user linked to your identity-platform account is disabled, so it cannot sign in. Ask the system administrator if in doubt.',
    },
  },
  SSO_LINK_ROLE_REQUIRED: {
    status: 403,
    message: {
      zh: '只有安全管理员可以关联或解除统一身份认证账号（系统管理员可以查看）。',
      en: 'Only a security administrator may link or unlink identity-platform accounts (an administrator may read them).',
    },
  },
  SSO_IDENTITY_TAKEN: {
    status: 409,
    message: {
      zh: '该统一身份认证账号已关联另一用户。一个外部身份只能关联一个用户；如需改关联，请先在原用户处解除。',
      en: 'This identity-platform account is already linked to another user. An external identity links to one user only; unlink it from that user first.',
    },
  },
  SSO_IDENTITY_NOT_FOUND: {
    status: 404,
    message: {
      zh: '该用户没有关联此统一身份认证账号，请刷新页面后查看。',
      en: 'This user has no such identity-platform account linked; reload the page to see the links.',
    },
  },
  LOCAL_PASSWORDS_OFF: {
    status: 403,
    message: {
      zh: '本系统已关闭用户名和密码登录，请点击“统一身份认证登录”，经统一身份认证平台登录。',
      en: 'Signing in with a username and password is turned off here; use “Sign in through the identity platform”.',
    },
  },
  INTERNAL: {
    status: 500,
    message: {
      zh: '服务器内部错误，已记录。请稍后重试。',
      en: 'Internal error; it has been logged. Please try again later.',
    },
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof CATALOGUE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly text: I18nText;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, details: Record<string, unknown> = {}, text?: I18nText) {
    const entry: CatalogueEntry = CATALOGUE[code];
    super(`${code}: ${(text ?? entry.message).en}`);
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    this.text = text ?? entry.message;
    this.details = details;
  }

  /**
   * The user a refusal concerns when no one is signed in yet (a wrong one-time code at sign-in),
   * for the security event; never part of the answer.
   */
  subject: string | undefined;

  /** Names the user the refusal concerns (see `subject`). */
  about(userId: string): this {
    this.subject = userId;
    return this;
  }
}

/** A validation error naming the field and how to fix it. */
export function invalid(field: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION', { field }, { zh: `${field}：${zh}`, en: `${field}: ${en}` });
}
