/** Reading back a workbook a test made (queries/workbook.ts): its first sheet. */
import ExcelJS from 'exceljs';

export async function firstSheetOf(stream: NodeJS.ReadableStream): Promise<ExcelJS.Worksheet> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}
