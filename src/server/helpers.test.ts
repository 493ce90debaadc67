import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.js';
import { contentDisposition } from './download.js';
import { preferredLang } from './errors.js';
import { decodeBase64 } from './routes/evidence.js';
import { describeProblem } from './validation.js';

const withLang = (v?: string) => ({ headers: { 'accept-language': v } }) as FastifyRequest;

describe('server helpers', () => {
  it('prefers zh unless the client ranks English above Chinese', () => {
    expect(preferredLang(withLang())).toBe('zh');
    expect(preferredLang(withLang('en-US,en;q=0.9'))).toBe('en');
    expect(preferredLang(withLang('zh-CN,zh;q=0.9,en;q=0.8'))).toBe('zh');
    expect(preferredLang(withLang('en;q=0.4,zh-TW;q=0.6'))).toBe('zh');
    expect(preferredLang(withLang('fr-FR,de'))).toBe('zh');
  });

  it('names a download by its real name, with an ASCII stand-in', () => {
    expect(contentDisposition('a "b".pdf')).toBe(
      `attachment; filename="a _b_.pdf"; filename*=UTF-8''a%20%22b%22.pdf`,
    );
    expect(contentDisposition('说明(1).txt')).toBe(
      `attachment; filename="__(1).txt"; filename*=UTF-8''%E8%AF%B4%E6%98%8E%281%29.txt`,
    );
  });

  it('decodes strict Base64 only', () => {
    expect(Buffer.from(decodeBase64('f', 'aGVsbG8=')).toString()).toBe('hello');
    for (const bad of ['aGVsbG8', 'aGV sbG8=', 'aGVsbG8=\n', '****']) {
      const e = (() => {
        try {
          decodeBase64('contentBase64', bad);
        } catch (err) {
          return err;
        }
      })();
      expect(e, bad).toBeInstanceOf(AppError);
      expect((e as AppError).details).toEqual({ field: 'contentBase64' });
    }
  });

  it('words every schema problem with its field, in zh and en', () => {
    const p = (keyword: string, instancePath: string, params: Record<string, unknown>) =>
      describeProblem({ keyword, instancePath, params, schemaPath: '', message: '' }, 'body');
    expect(p('maxLength', '/reason', { limit: 2000 }).message).toEqual({
      zh: 'reason：不能超过 2000 个字符。',
      en: 'reason: must not be longer than 2000 characters.',
    });
    expect(p('enum', '/element', { allowedValues: ['motive', 'nature'] })).toMatchObject({
      field: 'element',
      message: {
        zh: 'element：应为以下之一：motive, nature。',
        en: 'element: must be one of: motive, nature.',
      },
    });
    expect(p('required', '/facts', { missingProperty: 'x' }).field).toBe('facts.x');
    expect(p('type', '/value', { type: 'boolean,string,number,null' }).message.en).toBe(
      'value: must be a boolean, a string, a number or null.',
    );
    expect(p('type', '', { type: 'object' }).message).toEqual({
      zh: '请求体：应为对象。',
      en: 'request body: must be an object.',
    });
  });
});
