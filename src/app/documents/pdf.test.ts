import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { OfficialDocument as DecisionDocument } from './document.js';
import {
  breakCjkLines,
  FANGSONG_ENV,
  findDocumentFonts,
  FONT_ENV,
  fontNotice,
  KAITI_ENV,
  STANDARD_FACES,
  KNOWN_FONTS,
  parseFontSpec,
  pdfFilename,
  renderDecisionDocumentPdf,
} from './pdf.js';
import { pdfText } from './testing/pdf-text.js';

/** CI installs fonts-noto-cjk (.ci/run); without a CJK font these tests say how to get one. */
const fonts = findDocumentFonts({});
const NO_FONT =
  'no CJK font on this machine: apt-get install fonts-noto-cjk, or set RONGCUO_CJK_FONT';

function document(over: Partial<DecisionDocument> = {}): DecisionDocument {
  return {
    type: 'determination',
    lang: 'zh',
    issuingBody: 'X新区容错纠错认定机构',
    title: '关于张三同志容错申请的认定决定',
    documentNumber: 'X新容认〔2025〕1号',
    addressee: '张三同志',
    sections: [
      {
        heading: '',
        paragraphs: ['2025年2月10日提出的关于你在“招商项目提前开工”事项中的容错申请收悉。'],
      },
      { heading: '一、基本事实', paragraphs: ['经核实，张三同志于2024年11月5日组织开工。'] },
      { heading: '二、认定结论', paragraphs: ['经本机构集体研究，认定：免予问责（容错免责）。'] },
    ],
    signature: 'X新区容错纠错认定机构',
    date: '2025年3月3日',
    closing: { cc: ['招商科'], printer: 'X新区容错纠错认定机构', printedOn: '2025年3月3日' },
    text: '',
    ...over,
  };
}

describe('finding a CJK font', () => {
  it('takes RONGCUO_CJK_FONT (path or path#Face) when the file exists, else the first known place', () => {
    expect(parseFontSpec('/f/a.ttc#NotoSerifCJKsc-Regular')).toEqual({
      path: '/f/a.ttc',
      face: 'NotoSerifCJKsc-Regular',
    });
    expect(parseFontSpec('/f/a.ttf')).toEqual({ path: '/f/a.ttf' });
    const only =
      (...paths: string[]) =>
      (p: string) =>
        paths.includes(p);
    const env = { [FONT_ENV]: '/opt/fonts/noto.ttf' };
    const noto = { path: '/opt/fonts/noto.ttf' };
    expect(findDocumentFonts(env, only('/opt/fonts/noto.ttf'))).toEqual({
      body: noto,
      heading: noto,
      kai: noto,
      title: noto,
      fallbacks: ['FangSong -> noto.ttf', 'HeiTi -> noto.ttf', 'KaiTi -> noto.ttf'],
    });
    // A named file that is not there is not silently replaced by another font.
    expect(findDocumentFonts(env, only(KNOWN_FONTS[0]!.body.path))).toBeUndefined();
    expect(findDocumentFonts({}, only())).toBeUndefined();
    // Heading and title faces fall back to the body face when missing.
    const body = KNOWN_FONTS[1]!.body;
    expect(findDocumentFonts({}, only(body.path))).toMatchObject({
      body,
      heading: body,
      kai: body,
      title: body,
    });
    const first = KNOWN_FONTS[0]!;
    expect(
      findDocumentFonts({}, only(first.body.path, first.heading!.path, first.title!.path)),
    ).toMatchObject({ body: first.body, heading: first.heading, title: first.title });
  });

  it('uses 仿宋, 黑体 and 楷体 where installed or named, and names each face it had to replace', () => {
    const only =
      (...paths: string[]) =>
      (p: string) =>
        paths.includes(p);
    const first = KNOWN_FONTS[0]!;
    const noto = [first.body.path, first.heading!.path, first.title!.path];
    const env = {
      [FANGSONG_ENV]: '/opt/fonts/simfang.ttf',
      [KAITI_ENV]: '/opt/fonts/simkai.ttf',
    };
    const fonts = findDocumentFonts(
      env,
      only(...noto, '/opt/fonts/simfang.ttf', '/opt/fonts/simkai.ttf'),
    );
    expect(fonts).toEqual({
      body: { path: '/opt/fonts/simfang.ttf' },
      heading: first.heading,
      kai: { path: '/opt/fonts/simkai.ttf' },
      title: first.title,
      fallbacks: ['HeiTi -> NotoSansCJKsc-Bold'],
    });
    expect(fontNotice(fonts!)).toBe('standard faces not installed: HeiTi -> NotoSansCJKsc-Bold');
    // Windows' own faces are found where Windows (or a copy of its fonts) keeps them.
    const win = findDocumentFonts({}, only(...noto, ...STANDARD_FACES.fangsong.slice(0, 1)));
    expect(win!.body.path).toBe(STANDARD_FACES.fangsong[0]);
    expect(win!.fallbacks).not.toContain('FangSong -> NotoSerifCJKsc-Regular');
  });

  it('names the file after the document number', () => {
    expect(pdfFilename(document())).toBe('X新容认〔2025〕1号.pdf');
    expect(pdfFilename(document({ documentNumber: '' }))).toBe(
      '关于张三同志容错申请的认定决定.pdf',
    );
    expect(pdfFilename(document({ documentNumber: 'X容认〔2025〕7/1号' }))).toBe(
      'X容认〔2025〕7_1号.pdf',
    );
  });
});

describe('breaking Chinese lines', () => {
  const one = (t: string) => [...t].length; // every character one unit wide

  it('breaks between characters, keeps Latin words and numbers whole, indents the first line', () => {
    expect(breakCjkLines('一二三四五六七', one, 3, 1)).toEqual(['一', '二三四', '五六七']);
    expect(breakCjkLines('案件x-2025-0007号', one, 12)).toEqual(['案件', 'x-2025-0007号']);
    expect(breakCjkLines('', one, 3)).toEqual(['']);
  });

  it('starts no line with closing punctuation and ends none with opening punctuation (禁则)', () => {
    expect(breakCjkLines('一二三，四', one, 3)).toEqual(['一二', '三，四']);
    expect(breakCjkLines('一二“三四”', one, 3)).toEqual(['一二', '“三', '四”']);
    for (const line of breakCjkLines(
      '经核实，张三同志于2024年11月5日在“招商项目提前开工”事项中（含审批）。',
      one,
      7,
    )) {
      expect(line).not.toMatch(/^[，。、；：）”]/);
      expect(line).not.toMatch(/[（“]$/);
    }
  });
});

describe('the decision document as a PDF', () => {
  it('is an A4 PDF with the Chinese font embedded and the document in it, in order', async () => {
    expect(fonts, NO_FONT).toBeDefined();
    const pdf = await renderDecisionDocumentPdf(document(), fonts!, {
      createdAt: new Date('2025-03-03T08:00:00Z'),
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const read = pdfText(pdf);
    expect(read.embeddedFonts.some((f) => f === 'FontFile2' || f === 'FontFile3')).toBe(true);
    expect(read.title).toBe('关于张三同志容错申请的认定决定');
    expect(read.pages).toBe(1);
    const lines = read.lines;
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    // Mark, number, title, addressee, body, signature, date, closing block, page number.
    const order = [
      'X新区容错纠错认定机构',
      'X新容认〔2025〕1号',
      '关于张三同志容错申请的认定决定',
      '张三同志：',
      '一、基本事实',
      '经本机构集体研究',
      '2025年3月3日',
      '抄送：招商科。',
      '2025年3月3日印发',
      '— 1 —',
    ].map(at);
    expect(
      order.every((i) => i >= 0),
      JSON.stringify(lines),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Mark, signature and 印发机关.
    expect(lines.filter((l) => l.includes('X新区容错纠错认定机构'))).toHaveLength(3);
    // The issuing body is printed in red, and a red rule is drawn under the number.
    const redFill = read.content.search(/0\.90196\d* 0 0\.07058\d* scn/);
    expect(redFill).toBeGreaterThanOrEqual(0);
    expect(redFill).toBeLessThan(read.content.indexOf('BT')); // the first text drawn is red
    expect(read.content).toMatch(
      / m\s+[\d.]+ [\d.]+ l\s+1\.5 w\s+\/DeviceRGB CS\s+0\.90196\d* 0 0\.07058\d* SCN\s+S/,
    );
  });

  it('numbers every page and writes English documents too', async () => {
    expect(fonts, NO_FONT).toBeDefined();
    const long = Array.from(
      { length: 40 },
      (_, i) =>
        `(${i + 1}) The committee examined item ${i + 1} of the record and found it consistent with the facts stated by the official.`,
    );
    const pdf = await renderDecisionDocumentPdf(
      document({
        lang: 'en',
        issuingBody: 'Tolerance and Correction Committee of X New Area',
        title: 'Decision on the tolerance application of Comrade Zhang San',
        addressee: 'Comrade Zhang San',
        sections: [{ heading: '1. Facts', paragraphs: long }],
        signature: 'Tolerance and Correction Committee of X New Area',
        date: '3 March 2025',
        notice: 'This pack is a sample.',
      }),
      fonts!,
    );
    const read = pdfText(pdf);
    expect(read.pages).toBeGreaterThanOrEqual(2);
    for (let n = 1; n <= read.pages; n++) expect(read.lines).toContain(`— ${n} —`);
    expect(read.lines).not.toContain(`— ${read.pages + 1} —`);
    const all = read.lines.join('\n');
    expect(all).toContain('Tolerance and Correction Committee of X New Area');
    expect(all).toContain('X新容认〔2025〕1号');
    // The signature is never alone on its page: the last lines of the body go with it.
    const lastPage = all.slice(all.lastIndexOf(`— ${read.pages - 1} —`));
    expect(lastPage).toContain('(40) The committee examined item 40');
    expect(all).toContain('Note: This pack is a sample.');
    expect(read.title).toBe('Decision on the tolerance application of Comrade Zhang San');
  });

  it('places a configured electronic seal over the signature and date', async () => {
    expect(fonts, NO_FONT).toBeDefined();
    const seal = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    const without = await renderDecisionDocumentPdf(document(), fonts!);
    const withSeal = await renderDecisionDocumentPdf(document(), fonts!, { seal });
    expect(without.toString('latin1')).not.toContain('/Subtype /Image');
    expect(withSeal.toString('latin1')).toContain('/Subtype /Image');
    // The signature and date are there either way.
    expect(pdfText(withSeal).lines).toContain('2025年3月3日');
  });

  it('answers DOCUMENT_FONT_MISSING when the named font cannot be opened', async () => {
    const bad = { path: '/nonexistent/font.ttc', face: 'Nope' };
    const err = await renderDecisionDocumentPdf(document(), {
      body: bad,
      heading: bad,
      title: bad,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DOCUMENT_FONT_MISSING');
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).text.zh).toContain('fonts-noto-cjk');
  });
});
