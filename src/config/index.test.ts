import { describe, expect, it } from 'vitest';
import { ConfigError, defaultSettings, readSettings, settingDocs } from './index.js';

describe('settings', () => {
  it('reads the defaults when nothing is set', () => {
    const s = defaultSettings();
    expect(s.server.port).toBe(8080);
    expect(s.server.databaseUrl).toBeUndefined();
  });

  it('lets a flag win over the environment', () => {
    const s = readSettings({ RONGCUO_PORT: '9000' }, { port: '9100' });
    expect(s.server.port).toBe(9100);
  });

  it('names the variable and the allowed values of a bad value', () => {
    expect(() => readSettings({ RONGCUO_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readSettings({ RONGCUO_PORT: 'eighty' })).toThrow(/RONGCUO_PORT.*0 to 65535/);
  });

  it('declares every variable once', () => {
    const envs = settingDocs().map((d) => d.doc.env);
    expect(new Set(envs).size).toBe(envs.length);
  });
});
