import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { checkEvidenceContent, evidenceProblem } from './evidence-check.js';
import { DOCX_FILE, JPEG_FILE, ODT_FILE, PDF_FILE, PNG_FILE } from './testing/files.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODT = 'application/vnd.oasis.opendocument.text';
const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('the evidence file check reads the whole structure of each type', () => {
  it('accepts whole files of every type', async () => {
    expect(await evidenceProblem('application/pdf', PDF_FILE)).toBeUndefined();
    expect(await evidenceProblem('image/png', PNG_FILE)).toBeUndefined();
    expect(await evidenceProblem('image/jpeg', JPEG_FILE)).toBeUndefined();
    expect(await evidenceProblem(DOCX, DOCX_FILE)).toBeUndefined();
    expect(await evidenceProblem(ODT, ODT_FILE)).toBeUndefined();
    expect(await evidenceProblem('text/plain', bytes('核实笔录'))).toBeUndefined();
  });

  it('refuses a PDF that only starts like one: HTML, cut short, no catalogue', async () => {
    const html = await evidenceProblem('application/pdf', bytes('%PDF-<html><script>x</script>'));
    expect(html?.en).toContain('header');
    const htmlEof = bytes('%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n');
    expect((await evidenceProblem('application/pdf', htmlEof))?.en).toContain('catalogue');
    const cut = PDF_FILE.subarray(0, PDF_FILE.length - 20);
    expect((await evidenceProblem('application/pdf', cut))?.en).toContain('%%EOF');
    const noCatalog = bytes('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
    expect(await evidenceProblem('application/pdf', noCatalog)).toBeDefined();
  });

  it('refuses images that do not decode, and images too large in pixels', async () => {
    const badCrc = Buffer.from(PNG_FILE);
    badCrc[badCrc.length - 20]! ^= 0xff; // inside the IDAT chunk
    expect((await evidenceProblem('image/png', badCrc))?.en).toContain('decode');
    expect(await evidenceProblem('image/png', PNG_FILE.subarray(0, 40))).toBeDefined();
    const huge = Buffer.from(PNG_FILE);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect((await evidenceProblem('image/png', huge))?.en).toContain('40-megapixel');
    const cutJpeg = JPEG_FILE.subarray(0, JPEG_FILE.length - 40);
    expect((await evidenceProblem('image/jpeg', cutJpeg))?.en).toContain('decode');
    expect(await evidenceProblem('image/jpeg', bytes('\xff\xd8\xff<html>'))).toBeDefined();
  });

  it('refuses an archive that is not the office document it claims', async () => {
    expect((await evidenceProblem(DOCX, bytes('PK\x03\x04 not a zip')))?.en).toContain('ZIP');
    // A DOCX is not an XLSX, and a ZIP of anything is neither.
    expect((await evidenceProblem(XLSX, DOCX_FILE))?.en).toContain('[Content_Types].xml');
    const other = zipSync({ 'a.txt': new TextEncoder().encode('x') });
    expect(await evidenceProblem(ODT, other)).toBeDefined();
  });

  it('refuses text with NUL bytes anywhere, not only at the start', async () => {
    const late = Buffer.concat([Buffer.alloc(10_000, 'a'), Buffer.from([0])]);
    expect((await evidenceProblem('text/plain', late))?.en).toContain('NUL');
  });

  it('the error names the file and the type and says how to fix it, in zh and en', async () => {
    const err = await checkEvidenceContent(
      '纪要.pdf',
      'application/pdf',
      'PDF',
      bytes('%PDF-<html>'),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('EVIDENCE_UNREADABLE');
    expect(e.status).toBe(422);
    expect(e.details).toEqual({ field: 'content', mediaType: 'application/pdf' });
    expect(e.text.zh).toContain('纪要.pdf');
    expect(e.text.zh).toContain('重新导出');
    expect(e.text.en).toContain('not a whole, readable PDF file');
  });
});
