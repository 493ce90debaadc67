/**
 * The decision document (认定书) as a PDF laid out like a Chinese official document (公文, after
 * GB/T 9704-2012): A4; margins top 37 mm, left 28 mm, a 156 × 225 mm text block; the issuing
 * body in red at the top (发文机关标志), the document number (文号) centred under it, a red
 * separator line, the title centred in a larger font, the addressee, body paragraphs with a
 * two-character first-line indent, the issuing body and the date (成文日期) bottom-right, and
 * page numbers "— n —" at the foot (odd pages right, even pages left).
 *
 * A CJK font is embedded (subset by pdfkit): no font ships with npm here, so the system's Noto
 * CJK fonts (Debian/Ubuntu `fonts-noto-cjk`, and the same files on other systems) are searched
 * in known places, or the file named by RONGCUO_CJK_FONT (`path` or `path#PostScriptName` for a
 * font collection). Without one the PDF cannot be made: a catalogue error (503) says how to fix
 * it, and the text version stays available.
 */
import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type PDFKitDocument from 'pdfkit';
import type { Actor } from '../../domain/roles.js';
import type { Lang } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { cases, readLog } from '../tables.js';
import { loadDecisionDocument, type DecisionDocument } from './decision-document.js';

/** A font file, and the face to use when it is a collection (.ttc). */
export interface FontFile {
  readonly path: string;
  readonly face?: string;
}

/** The three faces of an official document: body (仿宋), headings (黑体), title and mark (小标宋). */
export interface DocumentFonts {
  readonly body: FontFile;
  readonly heading: FontFile;
  readonly title: FontFile;
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

/**
 * The fonts to use: RONGCUO_CJK_FONT for every face when set (and present), else the first known
 * place holding a body font, with its heading and title faces when they are there too.
 */
export function findDocumentFonts(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): DocumentFonts | undefined {
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

function fontMissing(detail: string): AppError {
  return new AppError('DOCUMENT_FONT_MISSING', { detail });
}

const MM = 72 / 25.4;
/** GB/T 9704: text block 156 × 225 mm, top margin 37 mm, left 28 mm. */
const MARGIN = { top: 37 * MM, left: 28 * MM, right: (210 - 28 - 156) * MM, bottom: 35 * MM };
/** 红色 (C0 M100 Y100 K0 in print). */
const RED = '#E60012';
const BODY_SIZE = 16; // 三号
const TITLE_SIZE = 22; // 二号
const MARK_SIZE = 30;
const PAGE_NO_SIZE = 14; // 四号
/** 22 lines to the 225 mm block. */
const LINE_PITCH = (225 * MM) / 22;
const LINE_GAP = LINE_PITCH - BODY_SIZE * 1.2;

/** pdfkit and its font engine take a few hundred milliseconds to load: only when a PDF is asked for. */
let pdfkit: Promise<typeof PDFKitDocument> | undefined;
const loadPdfKit = () => (pdfkit ??= import('pdfkit').then((m) => m.default));

export interface PdfOptions {
  /** The CreationDate written in the metadata (default: now). */
  readonly createdAt?: Date;
}

/** Renders a decision document to PDF bytes with the given fonts. */
export async function renderDecisionDocumentPdf(
  d: DecisionDocument,
  fonts: DocumentFonts,
  opts: PdfOptions = {},
): Promise<Buffer> {
  const zh = d.lang === 'zh';
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: zh ? 'zh-CN' : 'en',
    displayTitle: true,
    info: {
      Title: d.title,
      Subject: d.documentNumber,
      Author: d.issuingBody,
      Creator: 'rongcuo',
      Keywords: d.documentNumber,
      CreationDate: opts.createdAt ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const [name, f] of Object.entries(fonts) as [keyof DocumentFonts, FontFile][]) {
    try {
      doc.registerFont(name, f.path, f.face);
      doc.font(name); // opens the file now, so that a wrong file or face is caught here
    } catch (e) {
      doc.end();
      await done.catch(() => undefined);
      throw fontMissing(`${f.path}${f.face ? '#' + f.face : ''}: ${(e as Error).message}`);
    }
  }

  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const x = MARGIN.left;
  const indent = 2 * BODY_SIZE; // two characters, in English too

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

  // 文号, then the red separator line 4 mm under it.
  doc.moveDown(0.8);
  doc
    .fillColor('black')
    .font('body')
    .fontSize(BODY_SIZE)
    .text(d.documentNumber, x, doc.y, { width, align: 'center' });
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

  // 主送机关 (here the addressee), one blank line under the title.
  doc.moveDown(1);
  doc
    .font('body')
    .fontSize(BODY_SIZE)
    .text(`${d.addressee}${zh ? '：' : ':'}`, x, doc.y, { width, lineGap: LINE_GAP });

  // English (set by pdfkit) ragged-right: Chinese names and titles in it make justified lines gappy.
  const para = { width, lineGap: LINE_GAP, indent, align: 'left' as const };
  for (const s of d.sections) {
    const paragraphs: [font: 'heading' | 'body', text: string][] = [
      ...(s.heading ? [['heading', s.heading] as ['heading', string]] : []),
      ...s.paragraphs.map((p) => ['body', p] as ['body', string]),
    ];
    for (const [font, text] of paragraphs) {
      doc.font(font);
      if (zh) setCjkParagraph(doc, text, x, width, indent);
      else doc.text(text, x, doc.y, para);
    }
  }

  // 发文机关署名 and 成文日期, right-aligned with a margin of four characters, kept together.
  const signatureHeight = 4 * LINE_PITCH;
  if (doc.y + signatureHeight > doc.page.height - MARGIN.bottom) doc.addPage();
  doc.moveDown(2);
  const right = { width: width - 4 * BODY_SIZE, align: 'right' as const, lineGap: LINE_GAP };
  doc.text(d.signature, x, doc.y, right);
  doc.text(d.date, x, doc.y, right);
  if (d.notice) {
    doc.moveDown(1);
    doc.fontSize(12).text(`${zh ? '注：' : 'Note: '}${d.notice}`, x, doc.y, { width });
  }

  // 页码: "— n —" under the text block, odd pages right, even pages left, one character in.
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
  doc.end();
  return done;
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
 * block is full.
 */
function setCjkParagraph(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  width: number,
  indent: number,
): void {
  const lines = breakCjkLines(text, (s) => doc.widthOfString(s), width, width - indent);
  let y = doc.y;
  lines.forEach((line, i) => {
    if (y + BODY_SIZE * 1.2 > doc.page.height - MARGIN.bottom) {
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

/** The file name of a document: its number, else its title. */
export function pdfFilename(d: DecisionDocument): string {
  const base = (d.documentNumber || d.title).replace(/[\\/:*?"<>|\r\n]+/g, '_');
  return `${base}.pdf`;
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
): Promise<{
  readonly filename: string;
  readonly pdf: Buffer;
  readonly document: DecisionDocument;
}> {
  // The fonts first: without them nothing is read or logged.
  const fonts = findDocumentFonts(env);
  if (!fonts) {
    throw fontMissing(
      env[FONT_ENV]?.trim() ? `${FONT_ENV}=${env[FONT_ENV]} not found` : 'no known CJK font',
    );
  }
  const document = await loadDecisionDocument(ctx, actor, caseId, lang);
  const pdf = await renderDecisionDocumentPdf(document, fonts, { createdAt: ctx.now() });
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
  return { filename: pdfFilename(document), pdf, document };
}
