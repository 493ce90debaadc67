/**
 * Reads back what a PDF made by pdfkit says, for tests: pdfkit writes text as glyph ids of the
 * embedded subset (hex strings in TJ arrays), so the text is recovered the way a reader does it,
 * through each font's ToUnicode map. Enough for pdfkit's own output (uncompressed or Flate
 * streams, direct /Length, fonts named /Fn in the page resources); not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  readonly dict: string;
  readonly stream?: Buffer;
}

export interface PdfText {
  /** Each text-showing operation on its own line, in page order. */
  readonly lines: readonly string[];
  /** The page count (/Type /Page objects). */
  readonly pages: number;
  /** Names of the embedded font files' kinds found (FontFile, FontFile2, FontFile3). */
  readonly embeddedFonts: readonly string[];
  /** The document information dictionary's Title, decoded. */
  readonly title: string | undefined;
  /** The page content streams, decompressed, in object order. */
  readonly content: string;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    if (end < 0) break;
    const body = s.slice(start, end);
    const at = body.indexOf('stream');
    if (at < 0 || !/\/Length (\d+)/.test(body.slice(0, at))) {
      out.set(Number(m[1]), { dict: body });
      re.lastIndex = end;
      continue;
    }
    const dict = body.slice(0, at);
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    let dataStart = start + at + 'stream'.length;
    if (s[dataStart] === '\r') dataStart++;
    if (s[dataStart] === '\n') dataStart++;
    let data = pdf.subarray(dataStart, dataStart + length);
    if (/\/Filter\s*\/FlateDecode/.test(dict)) data = inflateSync(data);
    out.set(Number(m[1]), { dict, stream: data });
    re.lastIndex = s.indexOf('endobj', dataStart + length);
  }
  return out;
}

/** glyph id → text, from a ToUnicode CMap's bfrange and bfchar sections. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => {
    let t = '';
    for (let i = 0; i + 4 <= h.length; i += 4)
      t += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return t;
  };
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1]!;
    for (const r of body.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const lo = parseInt(r[1]!, 16);
      const hi = parseInt(r[2]!, 16);
      const dst = r[3]!;
      if (dst.startsWith('[')) {
        // A ligature maps to several code units: <0066 0066 0069>.
        const list = [...dst.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((x) =>
          hex(x[1]!.replace(/\s+/g, '')),
        );
        for (let g = lo; g <= hi; g++) map.set(g, list[g - lo] ?? '');
      } else {
        const base = parseInt(dst.slice(1, -1), 16);
        for (let g = lo; g <= hi; g++) map.set(g, String.fromCharCode(base + g - lo));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(parseInt(r[1]!, 16), hex(r[2]!));
    }
  }
  return map;
}

/** A PDF string literal or hex string as text (UTF-16BE with BOM, else PDFDocEncoding ≈ latin1). */
function decodeString(raw: string): string {
  let bytes: number[];
  if (raw.startsWith('<')) {
    const h = raw.slice(1, -1).replace(/\s+/g, '');
    bytes = [];
    for (let i = 0; i + 2 <= h.length; i += 2) bytes.push(parseInt(h.slice(i, i + 2), 16));
  } else {
    const inner = raw.slice(1, -1);
    bytes = [];
    for (let i = 0; i < inner.length; i++) {
      const c = inner[i]!;
      if (c !== '\\') {
        bytes.push(c.charCodeAt(0));
        continue;
      }
      const n = inner[++i]!;
      const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
      if (n in esc) bytes.push(esc[n]!);
      else if (/[0-7]/.test(n)) {
        let oct = n;
        while (oct.length < 3 && /[0-7]/.test(inner[i + 1] ?? '')) oct += inner[++i];
        bytes.push(parseInt(oct, 8));
      } else bytes.push(n.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  }
  return Buffer.from(bytes).toString('latin1');
}

export function pdfText(pdf: Buffer): PdfText {
  const objs = objects(pdf);
  const cmaps = new Map<string, Map<number, string>>();
  let pages = 0;
  const embedded = new Set<string>();
  for (const o of objs.values()) {
    if (/\/Type\s*\/Page\b(?!s)/.test(o.dict)) pages++;
    for (const f of o.dict.matchAll(/\/(FontFile[23]?)\s+\d+ 0 R/g)) embedded.add(f[1]!);
    const fonts = /\/Font\s*<<([\s\S]*?)>>/.exec(o.dict);
    if (!fonts) continue;
    for (const f of fonts[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objs.get(Number(f[2]));
      const ref = font && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict);
      const cmap = ref && objs.get(Number(ref[1]))?.stream;
      if (cmap) cmaps.set(f[1]!, toUnicode(cmap.toString('latin1')));
    }
  }
  const lines: string[] = [];
  const contents: string[] = [];
  for (const o of objs.values()) {
    const content = o.stream?.toString('latin1');
    if (!content || !/\bT[Jj]\b/.test(content) || content.includes('begincmap')) continue;
    contents.push(content);
    let current: Map<number, string> | undefined;
    for (const op of content.matchAll(
      /\/(\w+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g,
    )) {
      if (op[1] !== undefined) {
        current = cmaps.get(op[1]);
        continue;
      }
      const hexes =
        op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [op[3]!];
      let line = '';
      for (const h of hexes) {
        for (let i = 0; i + 4 <= h.length; i += 4)
          line += current?.get(parseInt(h.slice(i, i + 4), 16)) ?? '\ufffd';
      }
      lines.push(line);
    }
  }
  let title: string | undefined;
  const trailer = /\/Info\s+(\d+) 0 R/.exec(pdf.toString('latin1'));
  const info = trailer && objs.get(Number(trailer[1]));
  const t =
    info && /\/Title\s+(?:(\d+) 0 R|(\((?:\\.|[^\\)])*\)|<[0-9a-fA-F\s]*>))/.exec(info.dict);
  if (t) {
    const raw = t[1] !== undefined ? objs.get(Number(t[1]))?.dict.trim() : t[2];
    if (raw) title = decodeString(raw);
  }
  return { lines, pages, embeddedFonts: [...embedded].sort(), title, content: contents.join('\n') };
}
