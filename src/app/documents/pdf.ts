/**
 * An official document (公文) of a case as a PDF laid out after GB/T 9704-2012: A4; margins top
 * 37 mm, left 28 mm, a 156 × 225 mm text block of 22 lines; the issuing body in red at the top
 * (发文机关标志), the document number (发文字号) centred under it and the red separator line
 * (版头中的分隔线) 4 mm below; the title (2号) centred; the addressee; the body in 3号仿宋 with a
 * two-character first-line indent and first-level headings in 黑体; the signature and the date
 * (成文日期, Arabic numerals) bottom-right under the seal — an electronic seal image when
 * RONGCUO_SEAL_IMAGE names a PNG or JPEG, else the body's name where the seal goes; the closing
 * block (版记: 抄送, 印发机关 and 印发日期 between rules) at the foot of the last page; page numbers
 * "— n —" (4号) under the block, odd pages right, even pages left. The signature never stands alone
 * on a page: the last lines of the body go with it.
 *
 * Fonts: 仿宋 for the body (RONGCUO_FANGSONG_FONT, else a FangSong found in known places), 黑体
 * for headings (RONGCUO_HEITI_FONT), 楷体 (RONGCUO_KAITI_FONT); each falls back to the system's
 * Noto CJK faces (Debian/Ubuntu `fonts-noto-cjk`) or to RONGCUO_CJK_FONT, and the fallback is
 * stated in the PDF's metadata (`FontNotice`) and returned to the caller, who says it in a
 * response header. No CJK font at all: a catalogue error (503) says how to fix it, and the text
 * version stays available.
 */
import { existsSync, readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type PDFKitDocument from 'pdfkit';
import type { Actor } from '../../domain/roles.js';
import type { Lang } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { cases, readLog } from '../tables.js';
import { loadDecisionDocument } from './decision-document.js';
import type { OfficialDocument } from './document.js';

/** A font file, and the face to use when it is a collection (.ttc). */
export interface FontFile {
  readonly path: string;
  readonly face?: string;
}

/**
 * The faces of an official document: body (仿宋), headings (黑体), second-level headings (楷体),
 * title and mark (小标宋); `fallbacks` names each standard face replaced by another font.
 */
export interface DocumentFonts {
  readonly body: FontFile;
  readonly heading: FontFile;
  readonly kai?: FontFile;
  readonly title: FontFile;
  readonly fallbacks?: readonly string[];
}

interface Candidate {
  readonly body: FontFile;
  readonly heading?: FontFile;
  readonly title?: FontFile;
}

/** Noto CJK (Simplified Chinese faces) in a directory, as the distributions install it. */
function noto(dir: string): Candidate {
  return {
    body: { path: `${dir}/NotoSerifCJK-Regular.ttc`, face: 'NotoSerifCJKsc-Regular' },
    heading: { path: `${dir}/NotoSansCJK-Bold.ttc`, face: 'NotoSansCJKsc-Bold' },
    title: { path: `${dir}/NotoSerifCJK-Bold.ttc`, face: 'NotoSerifCJKsc-Bold' },
  };
}

function notoSans(dir: string): Candidate {
  return {
    body: { path: `${dir}/NotoSansCJK-Regular.ttc`, face: 'NotoSansCJKsc-Regular' },
    heading: { path: `${dir}/NotoSansCJK-Bold.ttc`, face: 'NotoSansCJKsc-Bold' },
  };
}
/** Where CJK fonts are found, best first: Debian/Ubuntu, Fedora, Arch, Alpine, macOS, Windows. */
export const KNOWN_FONTS: readonly Candidate[] = [
  noto('/usr/share/fonts/opentype/noto'),
  noto('/usr/share/fonts/noto-cjk'),
  {
    body: {
      path: '/usr/share/fonts/google-noto-serif-cjk-fonts/NotoSerifCJK-Regular.ttc',
      face: 'NotoSerifCJKsc-Regular',
    },
    heading: {
      path: '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Bold.ttc',
      face: 'NotoSansCJKsc-Bold',
    },
    title: {
      path: '/usr/share/fonts/google-noto-serif-cjk-fonts/NotoSerifCJK-Bold.ttc',
      face: 'NotoSerifCJKsc-Bold',
    },
  },
  noto('/usr/share/fonts/noto'),
  notoSans('/usr/share/fonts/opentype/noto'),
  notoSans('/usr/share/fonts/google-noto-sans-cjk-fonts'),
  { body: { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' } },
  { body: { path: '/System/Library/Fonts/Supplemental/Songti.ttc', face: 'STSongti-SC-Regular' } },
  {
    body: { path: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' },
    heading: { path: 'C:\\Windows\\Fonts\\simhei.ttf' },
  },
];

export const FONT_ENV = 'RONGCUO_CJK_FONT';

/** `path` or `path#Face` (a face of a collection). */
export function parseFontSpec(spec: string): FontFile {
  const hash = spec.lastIndexOf('#');
  if (hash > 0 && hash < spec.length - 1) {
    return { path: spec.slice(0, hash), face: spec.slice(hash + 1) };
  }
  return { path: spec };
}

/** The standard faces, each settable by its own variable and searched in known places. */
export const FANGSONG_ENV = 'RONGCUO_FANGSONG_FONT';
export const HEITI_ENV = 'RONGCUO_HEITI_FONT';
export const KAITI_ENV = 'RONGCUO_KAITI_FONT';
export const SEAL_ENV = 'RONGCUO_SEAL_IMAGE';

/** Windows' fonts directory, and where Windows fonts are copied on Linux. */
const places = (file: string): string[] => [
  `C:\\Windows\\Fonts\\${file}`,
  `/usr/share/fonts/truetype/windows/${file}`,
  `/usr/share/fonts/winfonts/${file}`,
  `/usr/share/fonts/chinese/${file}`,
];
/** Where the standard faces are installed: 仿宋, 黑体, 楷体 (the GB 2312 faces Windows ships). */
export const STANDARD_FACES = {
  fangsong: places('simfang.ttf'),
  heiti: places('simhei.ttf'),
  kaiti: places('simkai.ttf'),
} as const;

function standardFace(
  env: NodeJS.ProcessEnv,
  name: string,
  known: readonly string[],
  exists: (path: string) => boolean,
): FontFile | undefined {
  const spec = env[name]?.trim();
  if (spec) {
    const f = parseFontSpec(spec);
    return exists(f.path) ? f : undefined;
  }
  const found = known.find((p) => exists(p));
  return found ? { path: found } : undefined;
}

/** The CJK font every face falls back to: RONGCUO_CJK_FONT, else the first known place. */
function fallbackFonts(
  env: NodeJS.ProcessEnv,
  exists: (path: string) => boolean,
): Omit<DocumentFonts, 'fallbacks'> | undefined {
  const spec = env[FONT_ENV]?.trim();
  if (spec) {
    const f = parseFontSpec(spec);
    return exists(f.path) ? { body: f, heading: f, title: f } : undefined;
  }
  for (const c of KNOWN_FONTS) {
    if (!exists(c.body.path)) continue;
    const heading = c.heading && exists(c.heading.path) ? c.heading : c.body;
    const title = c.title && exists(c.title.path) ? c.title : heading;
    return { body: c.body, heading, title };
  }
  return undefined;
}

const fontName = (f: FontFile) => f.face ?? f.path.split(/[\\/]/).pop() ?? f.path;

/**
 * The fonts to use: 仿宋, 黑体 and 楷体 where found (their variables, else known places); each
 * one missing replaced by the fallback CJK font, and named in `fallbacks`. Undefined when no CJK
 * font is found at all.
 */
export function findDocumentFonts(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): DocumentFonts | undefined {
  const base = fallbackFonts(env, exists);
  const fangsong = standardFace(env, FANGSONG_ENV, STANDARD_FACES.fangsong, exists);
  const heiti = standardFace(env, HEITI_ENV, STANDARD_FACES.heiti, exists);
  const kaiti = standardFace(env, KAITI_ENV, STANDARD_FACES.kaiti, exists);
  const body = fangsong ?? base?.body;
  if (!body) return undefined;
  const heading = heiti ?? base?.heading ?? body;
  const fallbacks = [
    ...(fangsong ? [] : [`FangSong -> ${fontName(body)}`]),
    ...(heiti ? [] : [`HeiTi -> ${fontName(heading)}`]),
    ...(kaiti ? [] : [`KaiTi -> ${fontName(body)}`]),
  ];
  return {
    body,
    heading,
    kai: kaiti ?? body,
    title: base?.title ?? heading,
    fallbacks,
  };
}

/**
 * The notice of a fallback, for metadata, headers and logs ('' when every face was found); ASCII,
 * so that it can travel in an HTTP header.
 */
export function fontNotice(fonts: DocumentFonts): string {
  return fonts.fallbacks?.length
    ? `standard faces not installed: ${fonts.fallbacks.join('; ')}`
    : '';
}

function fontMissing(detail: string): AppError {
  return new AppError('DOCUMENT_FONT_MISSING', { detail });
}

/** Points to the millimetre. */
export const MM = 72 / 25.4;
/** GB/T 9704: text block 156 × 225 mm, top margin 37 mm, left 28 mm. */
export const MARGIN = {
  top: 37 * MM,
  left: 28 * MM,
  right: (210 - 28 - 156) * MM,
  bottom: 35 * MM,
};
/** 红色 (C0 M100 Y100 K0 in print). */
const RED = '#E60012';
export const BODY_SIZE = 16; // 三号
export const TITLE_SIZE = 22; // 二号
const MARK_SIZE = 30;
const PAGE_NO_SIZE = 14; // 四号
const CLOSING_SIZE = 14; // 版记: 四号仿宋
/** 22 lines to the 225 mm block. */
export const LINE_PITCH = (225 * MM) / 22;
export const LINE_GAP = LINE_PITCH - BODY_SIZE * 1.2;
/** The seal: 42 mm across, as official seals are. */
const SEAL_SIZE = 42 * MM;

/** pdfkit and its font engine take a few hundred milliseconds to load: only when a PDF is asked for. */
let pdfkit: Promise<typeof PDFKitDocument> | undefined;
const loadPdfKit = () => (pdfkit ??= import('pdfkit').then((m) => m.default));

export interface PdfOptions {
  /** The CreationDate written in the metadata (default: now). */
  readonly createdAt?: Date;
  /** An electronic seal (PNG or JPEG) placed over the signature and date. */
  readonly seal?: Buffer;
}

export type Doc = PDFKit.PDFDocument;

/** Renders an official document to PDF bytes with the given fonts. */
export async function renderDocumentPdf(
  d: OfficialDocument,
  fonts: DocumentFonts,
  opts: PdfOptions = {},
): Promise<Buffer> {
  const { doc, done } = await openPdf(fonts, {
    lang: d.lang,
    title: d.title,
    author: d.issuingBody,
    subject: d.documentNumber,
    createdAt: opts.createdAt ?? new Date(),
  });
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const x = MARGIN.left;
  header(doc, d, x, width);
  body(doc, d, x, width, opts);
  pageNumbers(doc, x, width);
  doc.end();
  return done;
}

/** What a PDF's information dictionary says of it. */
export interface PdfInfo {
  readonly lang: Lang;
  readonly title: string;
  readonly author: string;
  /** Subject and keywords (a document's number). */
  readonly subject?: string;
  readonly createdAt: Date;
}

/**
 * An A4 page set to GB/T 9704's text block, its pages buffered (for page numbers), with the faces
 * `body`, `heading`, `kai` and `title` registered; `done` gives the bytes once `doc.end()` is
 * called. A font that cannot be opened is DOCUMENT_FONT_MISSING.
 */
export async function openPdf(
  fonts: DocumentFonts,
  info: PdfInfo,
): Promise<{ readonly doc: Doc; readonly done: Promise<Buffer> }> {
  const PDFDocument = await loadPdfKit();
  const notice = fontNotice(fonts);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: info.lang === 'zh' ? 'zh-CN' : 'en',
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      Creator: 'rongcuo',
      ...(info.subject !== undefined ? { Subject: info.subject, Keywords: info.subject } : {}),
      CreationDate: info.createdAt,
      ...(notice ? { FontNotice: notice } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const faces: [string, FontFile | undefined][] = [
    ['body', fonts.body],
    ['heading', fonts.heading],
    ['kai', fonts.kai ?? fonts.body],
    ['title', fonts.title],
  ];
  for (const [name, f] of faces) {
    try {
      doc.registerFont(name, f!.path, f!.face);
      doc.font(name); // opens the file now, so that a wrong file or face is caught here
    } catch (e) {
      doc.end();
      await done.catch(() => undefined);
      throw fontMissing(`${f!.path}${f!.face ? '#' + f!.face : ''}: ${(e as Error).message}`);
    }
  }
  return { doc, done };
}

/** The decision document (认定书) is rendered like any other. */
export const renderDecisionDocumentPdf = renderDocumentPdf;

/** 版头 and title: the red mark, the number, the red rule, the title, the addressee. */
function header(doc: Doc, d: OfficialDocument, x: number, width: number): void {
  // 发文机关标志: red, centred, on one line (the font shrinks for a long name).
  let markSize = MARK_SIZE;
  doc.font('title');
  while (markSize > BODY_SIZE && doc.fontSize(markSize).widthOfString(d.issuingBody) > width) {
    markSize -= 1;
  }
  doc
    .fillColor(RED)
    .fontSize(markSize)
    .text(d.issuingBody, x, MARGIN.top, { width, align: 'center' });

  // 发文字号 two lines under the mark, then the red separator line 4 mm under it.
  doc.moveDown(0.8);
  doc
    .fillColor('black')
    .font('body')
    .fontSize(BODY_SIZE)
    .text(d.documentNumber || ' ', x, doc.y, { width, align: 'center' });
  const lineY = doc.y + 4 * MM;
  doc
    .save()
    .moveTo(x, lineY)
    .lineTo(x + width, lineY)
    .lineWidth(1.5)
    .strokeColor(RED)
    .stroke()
    .restore();

  // 标题: two lines under the separator, centred, larger.
  doc
    .font('title')
    .fontSize(TITLE_SIZE)
    .text(d.title, x, lineY + 2 * LINE_PITCH - TITLE_SIZE, {
      width,
      align: 'center',
      lineGap: 6,
    });

  // 主送 (the addressee), one blank line under the title.
  doc.moveDown(1);
  if (d.addressee) {
    doc
      .font('body')
      .fontSize(BODY_SIZE)
      .text(`${d.addressee}${d.lang === 'zh' ? '：' : ':'}`, x, doc.y, {
        width,
        lineGap: LINE_GAP,
      });
  }
}

/** The height the signature, seal, notice and closing block need below the body. */
function tailHeight(doc: Doc, d: OfficialDocument, width: number): number {
  const noticeHeight = d.notice
    ? doc.font('body').fontSize(12).heightOfString(d.notice, { width }) + LINE_PITCH
    : 0;
  doc.fontSize(BODY_SIZE);
  // A blank line, the signature and the date; the notice; the closing block.
  return 3 * LINE_PITCH + noticeHeight + closingHeight(d);
}

function closingHeight(d: OfficialDocument): number {
  return (d.closing.cc.length ? 2 : 1) * LINE_PITCH + 2 * MM;
}

/** 正文, 署名 and 成文日期 (under the seal), the notice, then 版记 at the foot of the last page. */
function body(doc: Doc, d: OfficialDocument, x: number, width: number, opts: PdfOptions): void {
  const zh = d.lang === 'zh';
  const indent = 2 * BODY_SIZE; // two characters, in English too
  const paragraphs: [font: 'heading' | 'body', text: string][] = d.sections.flatMap((s) => [
    ...(s.heading ? [['heading', s.heading] as ['heading', string]] : []),
    ...s.paragraphs.map((p) => ['body', p] as ['body', string]),
  ]);
  const tail = tailHeight(doc, d, width);
  doc.fontSize(BODY_SIZE);
  paragraphs.forEach(([font, text], i) => {
    // The last paragraph keeps its last lines with the signature and closing block.
    const reserve = i === paragraphs.length - 1 ? tail : 0;
    doc.font(font);
    if (zh) setCjkParagraph(doc, text, x, width, indent, reserve);
    else setParagraph(doc, text, x, width, indent, reserve);
  });

  // 成文日期 four characters in from the right; 发文机关署名 centred over it; the seal (or, without
  // an image, the body's name where it goes) centred over both (GB/T 9704-2012 7.3.5.1).
  const after = tailHeight(doc, d, width);
  doc.font('body').fontSize(BODY_SIZE);
  // One blank line under the body: the seal's top stays within a line of the text.
  let y = doc.y + LINE_PITCH;
  if (doc.y + after > doc.page.height - MARGIN.bottom) {
    doc.addPage();
    y = MARGIN.top;
  }
  const centre = signAndDate(doc, d.signature, d.date, x, width, y);
  if (opts.seal) {
    const cy = y + LINE_PITCH / 2 + BODY_SIZE / 2;
    doc.image(opts.seal, centre - SEAL_SIZE / 2, cy - SEAL_SIZE / 2, { width: SEAL_SIZE });
  }
  y += 2 * LINE_PITCH;
  if (d.notice) {
    doc.fontSize(12).text(`${zh ? '注：' : 'Note: '}${d.notice}`, x, y + LINE_PITCH / 2, { width });
  }
  closing(doc, d, x, width);
}

/**
 * 署名 and 成文日期 at `y` in the current font: the date four characters in from the right, the
 * signature centred over it (GB/T 9704-2012 7.3.5.1). Gives the centre line, where a seal goes.
 */
export function signAndDate(
  doc: Doc,
  signature: string,
  date: string,
  x: number,
  width: number,
  y: number,
): number {
  const dateWidth = doc.widthOfString(date);
  const dateRight = x + width - 4 * BODY_SIZE;
  const centre = dateRight - dateWidth / 2;
  const signWidth = doc.widthOfString(signature);
  const signX = Math.max(x, Math.min(centre - signWidth / 2, x + width - signWidth));
  doc.text(signature, signX, y, { lineBreak: false });
  doc.text(date, dateRight - dateWidth, y + LINE_PITCH, { lineBreak: false });
  return centre;
}

/** 版记 at the foot of the last page: 抄送, then 印发机关 and 印发日期, between rules. */
function closing(doc: Doc, d: OfficialDocument, x: number, width: number): void {
  const zh = d.lang === 'zh';
  const bottom = doc.page.height - MARGIN.bottom;
  const top = bottom - closingHeight(d);
  const rule = (y: number, w: number) =>
    doc
      .save()
      .moveTo(x, y)
      .lineTo(x + width, y)
      .lineWidth(w)
      .strokeColor('black')
      .stroke()
      .restore();
  doc.font('body').fontSize(CLOSING_SIZE).fillColor('black');
  rule(top, 1);
  let y = top + (LINE_PITCH - CLOSING_SIZE) / 2 + 1 * MM;
  if (d.closing.cc.length) {
    const cc = `${zh ? '抄送：' : 'Copy to: '}${d.closing.cc.join(zh ? '，' : ', ')}${zh ? '。' : '.'}`;
    doc.text(cc, x + CLOSING_SIZE, y, { width: width - 2 * CLOSING_SIZE, lineBreak: false });
    y += LINE_PITCH;
    rule(top + LINE_PITCH + 1 * MM, 0.7);
  }
  doc.text(d.closing.printer, x + CLOSING_SIZE, y, { lineBreak: false });
  const printed = `${d.closing.printedOn}${zh ? '印发' : ''}`;
  doc.text(printed, x, y, { width: width - CLOSING_SIZE, align: 'right', lineBreak: false });
  rule(bottom, 1);
}

/** 页码: "— n —" under the text block, odd pages right, even pages left, one character in. */
export function pageNumbers(doc: Doc, x: number, width: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    const n = i - range.start + 1;
    doc
      .font('body')
      .fontSize(PAGE_NO_SIZE)
      .fillColor('black')
      .text(`— ${n} —`, x + PAGE_NO_SIZE, doc.page.height - MARGIN.bottom + 7 * MM, {
        width: width - 2 * PAGE_NO_SIZE,
        align: n % 2 === 1 ? 'right' : 'left',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** Characters a line may not start with (closing punctuation), and may not end with (opening). */
const NO_LINE_START = new Set('，。、；：！？）》〉」』】〕”’…—·%,.;:!?)]}');
const NO_LINE_END = new Set('（《〈「『【〔“‘([{');

/**
 * Breaks Chinese text into lines of `width` (the first `first` wide) as Chinese typesetting does:
 * between any two characters, except that a Latin word or number stays whole, no line starts
 * with closing punctuation and none ends with opening punctuation (禁则). pdfkit's own wrapper
 * follows an older Unicode line-breaking table that forbids breaks around “ and ”, which leaves
 * ragged gaps in Chinese paragraphs.
 */
export function breakCjkLines(
  text: string,
  measure: (s: string) => number,
  width: number,
  first: number = width,
): string[] {
  const tokens = text.match(/[A-Za-z0-9][A-Za-z0-9.,:/_%-]*|\s+|[\s\S]/gu) ?? [];
  const lines: string[][] = [[]];
  let used = 0;
  const limit = () => (lines.length === 1 ? first : width);
  for (const tok of tokens) {
    let line = lines[lines.length - 1]!;
    const w = measure(tok);
    if (used + w <= limit() + 0.01 || line.length === 0) {
      line.push(tok);
      used += w;
      continue;
    }
    // Break here, moving characters down so that neither line breaks a rule.
    const carry: string[] = [];
    if (NO_LINE_START.has(tok[0]!) && line.length > 1) carry.unshift(line.pop()!);
    while (line.length > 1 && NO_LINE_END.has(line[line.length - 1]!.slice(-1))) {
      carry.unshift(line.pop()!);
    }
    while (line.length > 0 && /^\s+$/.test(line[line.length - 1]!)) line.pop();
    line = [...carry, tok].filter((t, i) => i > 0 || !/^\s+$/.test(t));
    lines.push(line);
    used = line.reduce((sum, t) => sum + measure(t), 0);
  }
  return lines.map((l) => l.join('')).filter((l, i, all) => l !== '' || all.length === 1);
}

/**
 * Sets a Chinese paragraph line by line at the current y: the first line indented, every line
 * but the last justified to the full width by spacing its characters, a new page when the text
 * block is full. `reserve`: room kept under the paragraph's last two lines (for the signature and
 * closing block), so that they move to the next page together rather than leave it without body.
 */
export function setCjkParagraph(
  doc: Doc,
  text: string,
  x: number,
  width: number,
  indent: number,
  reserve = 0,
): void {
  const lines = breakCjkLines(text, (s) => doc.widthOfString(s), width, width - indent);
  let y = doc.y;
  const bottom = doc.page.height - MARGIN.bottom;
  lines.forEach((line, i) => {
    const left = lines.length - i;
    const need = reserve > 0 && left <= 2 ? left * LINE_PITCH + reserve : BODY_SIZE * 1.2;
    if (y + need > bottom && y > MARGIN.top) {
      doc.addPage();
      y = MARGIN.top;
    }
    const lineX = x + (i === 0 ? indent : 0);
    const room = width - (i === 0 ? indent : 0);
    const chars = [...line].length;
    const slack = room - doc.widthOfString(line);
    // Justify all but the last line; never squeeze, and leave a nearly empty line alone.
    const spacing =
      i < lines.length - 1 && chars > 1 && slack > 0 && slack < room / 4 ? slack / (chars - 1) : 0;
    doc.text(line, lineX, y, { lineBreak: false, characterSpacing: spacing });
    y += LINE_PITCH;
  });
  doc.x = x;
  doc.y = y;
}

/** An English paragraph (pdfkit's own wrapping, ragged right), kept with `reserve` below it. */
export function setParagraph(
  doc: Doc,
  text: string,
  x: number,
  width: number,
  indent: number,
  reserve = 0,
): void {
  const opts = { width, lineGap: LINE_GAP, indent, align: 'left' as const };
  const bottom = doc.page.height - MARGIN.bottom;
  // The whole paragraph goes with what follows it (unless it starts a page already).
  if (
    reserve > 0 &&
    doc.y > MARGIN.top &&
    doc.y + doc.heightOfString(text, opts) + reserve > bottom
  ) {
    doc.addPage();
  }
  doc.text(text, x, doc.y, opts);
}

/** The file name of a document: its number, else its title. */
export function pdfFilename(d: Pick<OfficialDocument, 'documentNumber' | 'title'>): string {
  const base = (d.documentNumber || d.title).replace(/[\\/:*?"<>|\r\n]+/g, '_');
  return `${base}.pdf`;
}

/** The fonts, or the catalogue error that says how to install one. */
export function requireDocumentFonts(env: NodeJS.ProcessEnv = process.env): DocumentFonts {
  const fonts = findDocumentFonts(env);
  if (!fonts) {
    throw fontMissing(
      env[FONT_ENV]?.trim() ? `${FONT_ENV}=${env[FONT_ENV]} not found` : 'no known CJK font',
    );
  }
  return fonts;
}

/** The electronic seal named by RONGCUO_SEAL_IMAGE, when it is there. */
export function sealImage(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const path = env[SEAL_ENV]?.trim();
  if (!path || !existsSync(path)) return undefined;
  return readFileSync(path);
}

/** A rendered PDF with its file name and the font notice ('' when the standard faces were used). */
export interface RenderedPdf {
  readonly filename: string;
  readonly pdf: Buffer;
  readonly fontNotice: string;
}

/** Renders a document with the fonts and seal the environment gives. */
export async function documentPdf(
  d: OfficialDocument,
  createdAt: Date,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RenderedPdf> {
  const fonts = requireDocumentFonts(env);
  const seal = sealImage(env);
  const pdf = await renderDocumentPdf(d, fonts, { createdAt, ...(seal ? { seal } : {}) });
  return { filename: pdfFilename(d), pdf, fontNotice: fontNotice(fonts) };
}

/**
 * The decision document of a case as a PDF, for an actor who may read it (the same rule as the
 * structured document: loadDecisionDocument authorizes and logs the read). The download itself is
 * logged too, so that the read log shows who took a copy away.
 */
export async function loadDecisionDocumentPdf(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  lang: Lang,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RenderedPdf & { readonly document: OfficialDocument }> {
  // The fonts first: without them nothing is read or logged.
  requireDocumentFonts(env);
  const document = await loadDecisionDocument(ctx, actor, caseId, lang);
  const rendered = await documentPdf(document, ctx.now(), env);
  await ctx.store.tx(async (tx) => {
    const [c] = await tx
      .select({ jurisdictionId: cases.jurisdictionId })
      .from(cases)
      .where(eq(cases.id, caseId));
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId,
      jurisdictionId: c?.jurisdictionId ?? null,
      what: 'decision.document.pdf',
      at: ctx.now(),
    });
  });
  return { ...rendered, document };
}
