/**
 * Where a JSON text goes wrong: a small scanner following the JSON grammar, used only after
 * JSON.parse has refused a text (V8's messages do not always give a position).
 */
import type { I18nText } from '../policy/model.js';

export interface JsonSyntaxError {
  readonly offset: number;
  readonly reason: I18nText;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: I18nText,
  ) {}
}

export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const n = text.length;
  const show = (at: number) => {
    const ch = text[at];
    return ch === undefined ? '' : JSON.stringify(ch);
  };
  const fail = (zh: string, en: string): never => {
    throw new Stop(i, { zh, en });
  };
  const unexpected = (): never =>
    i >= n
      ? fail('内容不完整，意外结束', 'unexpected end of input')
      : fail(`意外的字符 ${show(i)}`, `unexpected character ${show(i)}`);
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r'))
      i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else unexpected();
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) fail('字符串缺少结尾的引号', 'unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20)
        fail(
          '字符串中有控制字符（换行须写作 \\n）',
          'control character in a string (write a line break as \\n)',
        );
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            fail('无效的 \\u 转义', 'bad \\u escape');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail('无效的转义字符', 'bad escape in a string');
        }
        continue;
      }
      i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') unexpected();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          if (text[i] === '}') fail('对象末尾多了逗号', 'trailing comma in an object');
          fail(
            `键名应是带双引号的字符串，这里是 ${show(i) || '结尾'}`,
            `a key must be a string in double quotes, found ${show(i) || 'the end'}`,
          );
        }
        string();
        ws();
        if (text[i] !== ':') fail(`键名后应有冒号`, `expected ':' after a key`);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        if (i >= n) unexpected();
        fail(`此处应为逗号或 }`, `expected ',' or '}'`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail('数组末尾多了逗号', 'trailing comma in an array');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        if (i >= n) unexpected();
        fail('此处应为逗号或 ]', "expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    unexpected();
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < n)
      fail(`JSON 值之后还有多余的内容 ${show(i)}`, `unexpected ${show(i)} after the JSON value`);
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}
