/**
 * Sets a campaign's report (report-pdf-text.ts) on A4 as the official documents are set
 * (src/app/documents/pdf.ts: GB/T 9704's text block, 仿宋 body with a two-character indent,
 * 一、 headings in 黑体 and （一） in 楷体, Chinese line breaking, page numbers "— n —"): the title
 * (2号) centred at the top of the block, the body, tables ruled in lines with their captions
 * (a table that runs on repeats its header row on the next page), then the signature and date.
 * A report is no issued document: no red mark, number or closing block.
 */
import {
  BODY_SIZE,
  LINE_PITCH,
  MARGIN,
  MM,
  openPdf,
  pageNumbers,
  setCjkParagraph,
  setParagraph,
  signAndDate,
  TITLE_SIZE,
  type DocumentFonts,
  type Doc,
} from '../documents/pdf.js';
import type { ReportBlock, ReportDocument, TableColumn } from './report-pdf-text.js';

/** Tables in 五号 (10.5 pt), captions in 四号 (14 pt). */
const TABLE_SIZE = 10.5;
const CAPTION_SIZE = 14;
const CELL_PAD = { x: 1.5 * MM, y: 1.2 * MM };

type Table = Extract<ReportBlock, { kind: 'table' }>;

/** The report as PDF bytes, with the given fonts. */
export async function renderReportPdf(
  d: ReportDocument,
  fonts: DocumentFonts,
  createdAt: Date,
): Promise<Buffer> {
  const { doc, done } = await openPdf(fonts, {
    lang: d.lang,
    title: d.title,
    author: d.signature,
    createdAt,
  });
  const x = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  doc
    .font('title')
    .fontSize(TITLE_SIZE)
    .text(d.title, x, MARGIN.top, { width, align: 'center', lineGap: 6 });
  doc.moveDown(1);
  // The last paragraph keeps room under it for the signature and date.
  d.blocks.forEach((b, i) => block(doc, d, b, x, width, i === d.blocks.length - 1));
  doc.font('body').fontSize(BODY_SIZE).fillColor('black');
  let y = doc.y + LINE_PITCH;
  if (y + 2 * LINE_PITCH > bottom(doc)) {
    doc.addPage();
    y = MARGIN.top;
  }
  signAndDate(doc, d.signature, d.date, x, width, y);
  pageNumbers(doc, x, width);
  doc.end();
  return done;
}

const bottom = (doc: Doc) => doc.page.height - MARGIN.bottom;

function block(
  doc: Doc,
  d: ReportDocument,
  b: ReportBlock,
  x: number,
  width: number,
  last: boolean,
) {
  if (b.kind === 'table') return table(doc, b, x, width);
  if (b.kind === 'caption') return caption(doc, b.text, x, width);
  const font = b.kind === 'heading' ? 'heading' : b.kind === 'subheading' ? 'kai' : 'body';
  // A heading keeps at least two lines of what follows with it.
  if (b.kind !== 'paragraph') keepRoom(doc, 3 * LINE_PITCH);
  doc.font(font).fontSize(BODY_SIZE).fillColor('black');
  const reserve = last ? 3 * LINE_PITCH : 0;
  if (d.lang === 'zh') setCjkParagraph(doc, b.text, x, width, 2 * BODY_SIZE, reserve);
  else setParagraph(doc, b.text, x, width, 2 * BODY_SIZE, reserve);
}

/** A new page unless `room` is left on this one. */
function keepRoom(doc: Doc, room: number): void {
  if (doc.y + room > bottom(doc) && doc.y > MARGIN.top) {
    doc.addPage();
    doc.y = MARGIN.top;
  }
}

/** A table's caption, centred in 黑体, kept with the table's header and first rows. */
function caption(doc: Doc, text: string, x: number, width: number): void {
  keepRoom(doc, LINE_PITCH + 4 * TABLE_SIZE * 2);
  doc.y += LINE_PITCH / 4;
  doc
    .font('heading')
    .fontSize(CAPTION_SIZE)
    .fillColor('black')
    .text(text, x, doc.y, { width, align: 'center' });
  doc.y += 1 * MM;
}

/** A table ruled in lines: header row in 黑体, cells wrapped in their column, rows never split. */
function table(doc: Doc, t: Table, x: number, width: number): void {
  const widths = t.columns.map((c) => c.width * width);
  const header = t.columns.map((c) => c.title);
  const head = (y: number) => row(doc, header, t.columns, widths, x, y, 'heading');
  let y = head(doc.y);
  for (const cells of t.rows) {
    const h = rowHeight(doc, cells, widths, 'body');
    if (y + h > bottom(doc)) {
      doc.addPage();
      y = head(MARGIN.top);
    }
    y = row(doc, cells, t.columns, widths, x, y, 'body', h);
  }
  doc.x = x;
  doc.y = y + LINE_PITCH / 2;
}

/**
 * The size a cell is set in: 五号, smaller (down to 8 pt) when a Latin word would not fit the
 * column whole — pdfkit would otherwise break it inside the word.
 */
function cellSize(doc: Doc, text: string, room: number): number {
  const words = text.match(/[A-Za-z0-9][\w.,'’()–-]*/g) ?? [];
  let size = TABLE_SIZE;
  const widest = () => Math.max(0, ...words.map((w) => doc.fontSize(size).widthOfString(w)));
  while (size > 8 && widest() > room) size -= 0.5;
  return size;
}

function rowHeight(
  doc: Doc,
  cells: readonly string[],
  widths: readonly number[],
  font: 'heading' | 'body',
): number {
  doc.font(font);
  const heights = cells.map((c, i) => {
    const room = widths[i]! - 2 * CELL_PAD.x;
    return doc.fontSize(cellSize(doc, c, room)).heightOfString(c, { width: room });
  });
  return Math.max(...heights) + 2 * CELL_PAD.y;
}

/** Draws one row at `y` (cells framed, text top-aligned in its column); gives the y under it. */
function row(
  doc: Doc,
  cells: readonly string[],
  columns: readonly TableColumn[],
  widths: readonly number[],
  x: number,
  y: number,
  font: 'heading' | 'body',
  h = rowHeight(doc, cells, widths, font),
): number {
  doc.font(font);
  let cx = x;
  cells.forEach((text, i) => {
    const w = widths[i]!;
    const room = w - 2 * CELL_PAD.x;
    doc.save().lineWidth(0.5).strokeColor('black').rect(cx, y, w, h).stroke().restore();
    doc.fontSize(cellSize(doc, text, room)).text(text, cx + CELL_PAD.x, y + CELL_PAD.y, {
      width: room,
      align: font === 'heading' ? 'center' : columns[i]!.align,
    });
    cx += w;
  });
  return y + h;
}
