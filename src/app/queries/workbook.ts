/**
 * A list as an Excel workbook, written as a stream (exceljs's streaming writer): a title row, a
 * line saying who exported what and when, a bold header frozen above the rows, column widths and
 * date formats, and an optional note row at the end (a list cut at its cap says so there).
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface WorkbookColumn {
  readonly header: string;
  /** In characters. */
  readonly width: number;
  /** 'date' for a day, 'time' for a day and time (cells are Date values). */
  readonly kind?: 'date' | 'time';
}

export interface ListWorkbook {
  readonly title: string;
  /** Who exported the list, when, with which filters. */
  readonly byLine: string;
  readonly columns: readonly WorkbookColumn[];
  readonly rows: Iterable<readonly unknown[]>;
  /** A last row in italics (e.g. that the list was cut at its cap). */
  readonly note?: string;
  readonly creator: string;
  readonly created: Date;
}

const FORMAT = { date: 'yyyy-mm-dd', time: 'yyyy-mm-dd hh:mm' } as const;

/** The workbook as a stream; an error while writing ends the stream with it. */
export function workbookStream(book: ListWorkbook): Readable {
  const stream = new PassThrough();
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  writer.creator = book.creator;
  writer.created = book.created;
  const sheet = writer.addWorksheet(book.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  sheet.columns = book.columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    ...(c.kind ? { style: { numFmt: FORMAT[c.kind] } } : {}),
  }));
  const last = book.columns.length;
  const title = sheet.addRow([book.title]);
  title.font = { bold: true, size: 16 };
  sheet.mergeCells(1, 1, 1, last);
  title.commit();
  const byLine = sheet.addRow([book.byLine]);
  sheet.mergeCells(2, 1, 2, last);
  byLine.commit();
  const header = sheet.addRow(book.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for (const row of book.rows) sheet.addRow([...row]).commit();
  if (book.note) {
    const note = sheet.addRow([book.note]);
    note.font = { italic: true };
    note.commit();
  }
  sheet.commit();
  writer.commit().catch((e: unknown) => stream.destroy(e as Error));
  return stream;
}

/** An instant in China as "YYYY-MM-DD HH:mm". */
export function chinaStamp(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** An instant as the Excel date-time it reads in China (Excel dates have no zone). */
export function excelChinaTime(at: Date): Date {
  return new Date(at.getTime() + 8 * 3600_000);
}

/** A China day (YYYY-MM-DD) as an Excel date, or null. */
export function excelDay(day: string | null): Date | null {
  return day === null ? null : new Date(`${day}T00:00:00Z`);
}
