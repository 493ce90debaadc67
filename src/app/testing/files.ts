/**
 * Small, real files of each evidence type, for tests: each is whole and parses with the check of
 * src/app/evidence-check.ts (a PDF with one blank page and a correct cross-reference table, a 2×2
 * PNG and JPEG, the package descriptions of DOCX and ODT).
 */
import { zipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { PNG as PngImage } from 'pngjs';

/** A PDF of one blank A4 page, its xref offsets computed. */
function onePagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
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
