import { describe, expect, it } from 'vitest';
import { ConfigError, defaultSettings, readSettings, settingDocs } from '../index.js';

describe('the single sign-on settings', () => {
  it('offer no single sign-on and keep local passwords when nothing is set', () => {
    const s = defaultSettings().sso;
    expect(s.oidcIssuer).toBeUndefined();
    expect(s.casBaseUrl).toBeUndefined();
    expect(s.oidcScopes).toEqual(['openid', 'profile']);
    expect(s.oidcSubjectClaim).toBe('sub');
    expect(s.casProtocol).toBe('cas3');
    expect(s.autoLinkClaim).toBeUndefined();
    expect(s.localPasswords).toBe(true);
    expect(s.breakGlassUsers).toEqual([]);
    expect(s.oidcAllowHttp).toBe(false);
  });

  it('read local passwords off, break-glass accounts, and refuse an unknown CAS protocol', () => {
    const s = readSettings({
      RONGCUO_LOCAL_PASSWORDS: 'false',
      RONGCUO_BREAK_GLASS_USERS: ' sysadmin-1, sysadmin-2 ',
      RONGCUO_OIDC_CLIENT_SECRET: 's3cret',
    }).sso;
    expect(s.localPasswords).toBe(false);
    expect(s.breakGlassUsers).toEqual(['sysadmin-1', 'sysadmin-2']);
    expect(s.oidcClientSecret).toBe('s3cret');
    // The client secret is a secret: the configuration listing never prints it.
    const doc = settingDocs().find((d) => d.doc.env === 'RONGCUO_OIDC_CLIENT_SECRET');
    expect(doc?.doc.secret).toBe(true);
    expect(() => readSettings({ RONGCUO_CAS_PROTOCOL: 'saml' })).toThrow(ConfigError);
    expect(() => readSettings({ RONGCUO_CAS_PROTOCOL: 'saml' })).toThrow(/cas2, cas3/);
  });
});
