/**
 * Small, real files of each evidence type, for tests: each is whole and parses with the check of
 * src/app/evidence-check.ts (a PDF with one blank page and a correct cross-reference table, a 2×2
 * PNG and JPEG, the package descriptions of DOCX and ODT).
 */
import { zipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { PNG as PngImage } from 'pngjs';
import { pdfOfObjects } from '../demo-files.js';

/** A PDF of one blank A4 page. */
function onePagePdf(): Buffer {
  return pdfOfObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>',
  ]);
}

const RGBA = Buffer.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);

function smallPng(): Buffer {
  const png = new PngImage({ width: 2, height: 2 });
  RGBA.copy(png.data);
  return PngImage.sync.write(png);
}

export const PDF_FILE: Buffer = onePagePdf();
export const PNG_FILE: Buffer = smallPng();
export const JPEG_FILE: Buffer = jpeg.encode({ width: 2, height: 2, data: RGBA }, 90).data;

const enc = (s: string) => new TextEncoder().encode(s);

export const DOCX_FILE: Uint8Array = zipSync({
  '[Content_Types].xml': enc(
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ),
  'word/document.xml': enc('<w:document/>'),
});

export const ODT_FILE: Uint8Array = zipSync({
  mimetype: [enc('application/vnd.oasis.opendocument.text'), { level: 0 }],
  'content.xml': enc('<office:document-content/>'),
});
