/**
 * Single sign-on (统一身份认证): an OpenID Connect provider and/or a CAS server of the province's
 * unified identity platform, how an external identity finds its rongcuo user, and whether local
 * passwords still open sessions. Read by src/app/sso/ and src/server/auth/login.ts.
 */
import { boolSetting, enumSetting, listSetting, stringSetting } from '../define.js';

export const SSO_SETTINGS = {
  oidcIssuer: stringSetting('RONGCUO_OIDC_ISSUER', {
    text: {
      zh: 'OpenID Connect 身份提供方的签发者地址（issuer），如 https://ids.example.gov.cn/oidc；系统在每次登录开始时读取其 /.well-known/openid-configuration。不设则不提供 OpenID Connect 登录。',
      en: 'The OpenID Connect provider’s issuer URL, e.g. https://ids.example.gov.cn/oidc; its /.well-known/openid-configuration is read when a sign-in starts. Unset → no OpenID Connect sign-in.',
    },
  }),
  oidcClientId: stringSetting('RONGCUO_OIDC_CLIENT_ID', {
    text: {
      zh: '在身份提供方登记的本系统客户端标识（client_id）。',
      en: 'The client id (client_id) rongcuo is registered under at the provider.',
    },
  }),
  oidcClientSecret: stringSetting('RONGCUO_OIDC_CLIENT_SECRET', {
    secret: true,
    text: {
      zh: '客户端密钥（client_secret），以 client_secret_basic 方式提交；不设则作为公开客户端（仅 PKCE）。',
      en: 'The client secret (client_secret), sent as client_secret_basic; unset → a public client (PKCE only).',
    },
  }),
  oidcRedirectUrl: stringSetting('RONGCUO_OIDC_REDIRECT_URL', {
    text: {
      zh: '在身份提供方登记的回调地址，须为 https://<本系统地址>/api/auth/oidc/callback。',
      en: 'The redirect URL registered at the provider: https://<this site>/api/auth/oidc/callback.',
    },
  }),
  oidcScopes: listSetting('RONGCUO_OIDC_SCOPES', {
    default: ['openid', 'profile'],
    text: {
      zh: '请求的授权范围（scope），逗号分隔；须含 openid。',
      en: 'The scopes asked for, comma-separated; must include openid.',
    },
  }),
  oidcSubjectClaim: stringSetting('RONGCUO_OIDC_SUBJECT_CLAIM', {
    default: 'sub',
    text: {
      zh: '作为外部身份标识的声明（claim），默认 sub；平台另有稳定的人员编号时可改用之。',
      en: 'The claim that is the external identity’s id; default sub. A platform with a stable staff number of its own may use that instead.',
    },
  }),
  oidcNameClaim: stringSetting('RONGCUO_OIDC_NAME_CLAIM', {
    default: 'name',
    text: {
      zh: '作为姓名显示的声明，默认 name；只用于显示与关联核对，不改变本系统的用户姓名。',
      en: 'The claim shown as the person’s name; default name. Shown and kept for matching only: it never changes the rongcuo user’s name.',
    },
  }),
  oidcAllowHttp: boolSetting('RONGCUO_OIDC_ALLOW_HTTP', {
    default: false,
    text: {
      zh: '允许以 http（非 TLS）访问身份提供方。仅供测试环境；生产环境保持 false。',
      en: 'Allow the provider to be reached over plain http. For test installations only; keep false in production.',
    },
  }),
  casBaseUrl: stringSetting('RONGCUO_CAS_BASE_URL', {
    text: {
      zh: 'CAS 服务器地址（其下有 /login 与 /serviceValidate），如 https://ids.example.gov.cn/cas。不设则不提供 CAS 登录。',
      en: 'The CAS server’s base URL (with /login and /serviceValidate below it), e.g. https://ids.example.gov.cn/cas. Unset → no CAS sign-in.',
    },
  }),
  casServiceUrl: stringSetting('RONGCUO_CAS_SERVICE_URL', {
    text: {
      zh: '在 CAS 服务器登记的服务地址，须为 https://<本系统地址>/api/auth/cas/callback。',
      en: 'The service URL registered at the CAS server: https://<this site>/api/auth/cas/callback.',
    },
  }),
  casProtocol: enumSetting('RONGCUO_CAS_PROTOCOL', {
    default: 'cas3',
    values: ['cas2', 'cas3'] as const,
    text: {
      zh: '票据校验协议：cas3 使用 /p3/serviceValidate（返回属性），cas2 使用 /serviceValidate。',
      en: 'The ticket validation protocol: cas3 uses /p3/serviceValidate (with attributes), cas2 uses /serviceValidate.',
    },
  }),
  casNameAttribute: stringSetting('RONGCUO_CAS_NAME_ATTRIBUTE', {
    default: 'name',
    text: {
      zh: '作为姓名显示的 CAS 属性，默认 name；只用于显示与关联核对。',
      en: 'The CAS attribute shown as the person’s name; default name. Shown and kept for matching only.',
    },
  }),
  autoLinkClaim: stringSetting('RONGCUO_SSO_AUTO_LINK_CLAIM', {
    text: {
      zh: '自动关联：首次经统一身份认证登录时，若该声明（OpenID Connect）或属性（CAS；user 表示 CAS 用户名）的值与本系统某用户的用户名相同，即自动关联。默认不设（关闭），由安全管理员逐一关联。',
      en: 'Automatic linking: on a first sign-in through the platform, an identity whose claim (OpenID Connect) or attribute (CAS; user means the CAS user name) equals a rongcuo username is linked to that user. Unset by default (off): the security administrator links each identity.',
    },
  }),
  secondFactor: enumSetting('RONGCUO_SSO_SECOND_FACTOR', {
    default: 'rongcuo',
    values: ['rongcuo', 'platform'] as const,
    text: {
      zh: '经统一身份认证登录的用户的第二因素：rongcuo（默认）为须使用动态口令的用户（三员，或按 RONGCUO_TOTP_REQUIRED_FOR 的全部用户）以及已绑定动态口令的用户，在平台认证后仍须输入本系统的动态口令（或先行绑定）方可登录；platform 为信任平台自身的第二因素，平台认证后直接登录。仅当统一身份认证平台对这些用户强制使用第二因素时方可设为 platform。',
      en: 'The second factor of a sign-in through the identity platform: rongcuo (default) = a user who must use one-time codes (the three administrators, or everyone under RONGCUO_TOTP_REQUIRED_FOR) or has them still enters rongcuo’s code (or enrols first) after the platform vouched; platform = trust the platform’s own second factor and sign in straight away. Set platform only when the identity platform enforces a second factor for these users.',
    },
  }),
  localPasswords: boolSetting('RONGCUO_LOCAL_PASSWORDS', {
    default: true,
    text: {
      zh: '是否允许以本系统的用户名和密码登录。设为 false 后只能经统一身份认证登录（应急账户除外）；命令行仍可管理用户。',
      en: 'Whether rongcuo’s own usernames and passwords sign in. false → sign-in only through the identity platform (except the break-glass accounts); the CLI still manages users.',
    },
  }),
  breakGlassUsers: listSetting('RONGCUO_BREAK_GLASS_USERS', {
    text: {
      zh: '应急账户：本地密码关闭时仍可以密码登录的用户名，逗号分隔（统一身份认证平台故障时使用）。默认无。',
      en: 'Break-glass accounts: usernames that may still sign in with a password when local passwords are off, comma-separated (for when the identity platform is down). Default none.',
    },
  }),
};
