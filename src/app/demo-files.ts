/**
 * The demo's evidence files that preview in the browser: a one-page PDF (minutes, drawn with the
 * PDF's standard Helvetica font, so without Chinese text) and a PNG "site photograph". Both are
 * built byte for byte here, with no date inside, so that the same seed gives the same demo (the
 * files' SHA-256 are in the audit trail); both pass the evidence check (evidence-check.ts).
 */
import { PNG } from 'pngjs';

/**
 * A PDF of the given objects (numbered 1, 2, … in order; object 1 the catalog), its
 * cross-reference offsets computed: what the evidence check parses as a whole PDF.
 */
export function pdfOfObjects(objects: readonly string[]): Buffer {
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

/** A PDF of one A4 page whose content stream is `content`, in Helvetica. */
function pdfOf(content: string): Uint8Array {
  return new Uint8Array(
    pdfOfObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]),
  );
}

/** Minutes of a meeting: a heading, the case's reference in ASCII, and grey lines of text. */
export function demoMinutesPdf(reference: string): Uint8Array {
  // The number's year and serial (its Chinese characters are not in Helvetica).
  const m = /(\d{4})\D+(\d+)/.exec(reference);
  const safe = m ? `${m[1]}-${m[2]}` : '';
  const lines = Array.from({ length: 18 }, (_, i) => {
    const y = 680 - i * 22;
    const width = i % 6 === 5 ? 260 : 455;
    return `0.6 g 70 ${y} ${width} 8 re f`;
  });
  const content = [
    'BT /F1 20 Tf 70 760 Td (Minutes of the collective meeting) Tj ET',
    `BT /F1 11 Tf 70 730 Td (Case ${safe}) Tj ET`,
    ...lines,
    'BT /F1 10 Tf 70 250 Td (Demonstration document of rongcuo.) Tj ET',
  ].join('\n');
  return pdfOf(content);
}

/** A 480×320 picture of a building site: sky, a building, the ground. */
export function demoSitePng(shade: number): Uint8Array {
  const png = new PNG({ width: 480, height: 320 });
  for (let y = 0; y < 320; y++) {
    for (let x = 0; x < 480; x++) {
      const i = (y * 480 + x) * 4;
      const building = x > 140 && x < 340 && y > 90 && y < 250;
      const window = building && (x - 150) % 40 < 20 && (y - 100) % 40 < 20;
      const [r, g, b] =
        y >= 250
          ? [120 + (shade % 40), 96, 64]
          : window
            ? [70, 110, 160]
            : building
              ? [190, 180, 170]
              : [150 - y / 4, 190 - y / 6, 235];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}
