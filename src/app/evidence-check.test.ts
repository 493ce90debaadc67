import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { checkEvidenceContent, evidenceProblem, oleStreams } from './evidence-check.js';
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

/**
 * A small but real OLE compound file (MS-CFB, version 3, 512-byte sectors): the header, one FAT
 * sector and one directory sector holding the root entry and the given streams (empty).
 */
function compoundFile(streams: readonly string[]): Uint8Array {
  const b = Buffer.alloc(512 * 3, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.writeUInt16LE(0x3e, 24);
  b.writeUInt16LE(3, 26);
  b.writeUInt16LE(0xfffe, 28);
  b.writeUInt16LE(9, 30);
  b.writeUInt16LE(6, 32);
  b.writeUInt32LE(1, 44); // one FAT sector
  b.writeUInt32LE(1, 48); // the directory starts at sector 1
  b.writeUInt32LE(4096, 56);
  b.writeUInt32LE(0xfffffffe, 60);
  b.writeUInt32LE(0xfffffffe, 68);
  for (let i = 0; i < 109; i++) b.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + i * 4);
  const fat = 512;
  for (let i = 0; i < 128; i++) b.writeUInt32LE(0xffffffff, fat + i * 4);
  b.writeUInt32LE(0xfffffffd, fat); // sector 0 holds the FAT
  b.writeUInt32LE(0xfffffffe, fat + 4); // the directory is one sector long
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const e = 1024 + i * 128;
    b.write(name, e, 'utf16le');
    b.writeUInt16LE((name.length + 1) * 2, e + 64);
    b[e + 66] = i === 0 ? 5 : 2;
    b.writeUInt32LE(0xfffffffe, e + 116);
  });
  return new Uint8Array(b);
}

const OFD_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>';

describe('OFD and WPS documents are known by their real structure', () => {
  const enc = (t: string) => new TextEncoder().encode(t);

  it('accepts an OFD package whose OFD.xml has the OFD root, and refuses other ZIPs', async () => {
    const ofd = zipSync({ 'OFD.xml': enc(OFD_XML), 'Doc_0/Document.xml': enc('<ofd:Document/>') });
    expect(await evidenceProblem('application/ofd', ofd)).toBeUndefined();
    expect((await evidenceProblem('application/ofd', DOCX_FILE))?.en).toContain('OFD.xml');
    const wrongRoot = zipSync({
      'OFD.xml': enc('<html xmlns:ofd="http://www.ofdspec.org/2016"/>'),
    });
    expect(await evidenceProblem('application/ofd', wrongRoot)).toBeDefined();
    expect((await evidenceProblem('application/ofd', ofd.subarray(0, 40)))?.en).toContain('ZIP');
  });

  it('reads the directory of a compound file, and refuses a damaged one', () => {
    expect(oleStreams(compoundFile(['WordDocument', '1Table']))).toEqual([
      'Root Entry',
      'WordDocument',
      '1Table',
    ]);
    const badOrder = compoundFile(['WordDocument']);
    badOrder[28] = 0;
    expect(oleStreams(badOrder)).toBeUndefined();
    expect(oleStreams(compoundFile(['WordDocument']).subarray(0, 1024))).toBeUndefined();
    const loop = Buffer.from(compoundFile(['WordDocument']));
    loop.writeUInt32LE(1, 512 + 4); // the directory chain points to itself
    expect(oleStreams(new Uint8Array(loop))).toBeUndefined();
  });

  it('accepts .wps/.et/.dps as compound files with their main stream, or as OOXML packages', async () => {
    expect(
      await evidenceProblem('application/kswps', compoundFile(['WordDocument'])),
    ).toBeUndefined();
    expect(await evidenceProblem('application/kset', compoundFile(['Workbook']))).toBeUndefined();
    expect(
      await evidenceProblem('application/ksdps', compoundFile(['PowerPoint Document'])),
    ).toBeUndefined();
    expect(await evidenceProblem('application/kswps', DOCX_FILE)).toBeUndefined();
    const sheetAsText = await evidenceProblem('application/kswps', compoundFile(['Workbook']));
    expect(sheetAsText?.en).toContain('WordDocument');
    expect(await evidenceProblem('application/kset', DOCX_FILE)).toBeDefined();
    const cut = compoundFile(['WordDocument']).subarray(0, 600);
    expect((await evidenceProblem('application/kswps', cut))?.en).toContain('compound');
  });
});
