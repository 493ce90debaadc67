/**
 * The whole-structure check of an evidence file, after add-evidence.ts has matched its leading
 * bytes to the type it claims: a file that starts like a PDF but is an HTML page (`%PDF-<html>…`)
 * passed that first check. Each accepted type is read by a parser for it:
 *
 * - PDF: the header at the start, `%%EOF` at the end, and a real parse by pdf-lib (pure
 *   JavaScript, no native build; it reads every object, follows the cross-reference data and
 *   recovers the catalogue), which must find the document catalogue and its page tree.
 * - PNG and JPEG: decoded in full by pngjs (checks every chunk's CRC and inflates the image data)
 *   and jpeg-js (decodes every scan, strictly). Both are pure JavaScript, widely used and kept up;
 *   sharp would decode faster but brings a native build. The size in pixels is read from the header
 *   first and capped, so that a small file cannot make the decoder allocate gigabytes.
 * - DOCX, XLSX, ODT: ZIP archives, read by fflate from the central directory; only the package's
 *   own description is decompressed ([Content_Types].xml naming the main part of that type, or
 *   ODF's `mimetype` entry), so an archive bomb costs nothing.
 * - OFD (GB/T 33190): a ZIP whose entry OFD.xml is read (only it) and must have the OFD root
 *   element `<ofd:OFD …>` in the OFD namespace.
 * - WPS documents (.wps, .et, .dps): either an OLE compound file (the older formats), read by
 *   `oleStreams` below — header, FAT from the header's DIFAT, the directory followed along its FAT
 *   chain — which must hold the main stream of that kind (WordDocument, Workbook, PowerPoint
 *   Document); or, in newer versions, an OOXML package checked as DOCX/XLSX/PPTX are.
 * - Plain text: no NUL byte anywhere (a binary file is not text).
 *
 * A file that fails is refused with EVIDENCE_UNREADABLE, naming the file, the type and what was
 * wrong, and saying how to fix it (export or scan it again).
 */
import { unzipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import type { I18nText } from '../policy/model.js';
import { AppError } from './errors.js';

/** The largest image accepted, in pixels (a 40-megapixel photograph). */
export const MAX_IMAGE_PIXELS = 40_000_000;

type Problem = I18nText;

const latin1 = (b: Uint8Array, from: number, to: number) =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', from, to);

async function pdfProblem(b: Uint8Array): Promise<Problem | undefined> {
  if (!/^%PDF-\d\.\d/.test(latin1(b, 0, 8))) {
    return { zh: '文件头不是“%PDF-版本号”', en: "the header is not '%PDF-<version>'" };
  }
  if (!latin1(b, Math.max(0, b.byteLength - 1024), b.byteLength).includes('%%EOF')) {
    return {
      zh: '文件末尾缺少结束标记 %%EOF（文件可能不完整）',
      en: 'no %%EOF at the end (the file may be cut short)',
    };
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(b, {
      ignoreEncryption: true,
      throwOnInvalidObject: true,
      updateMetadata: false,
    });
  } catch {
    return { zh: '内容无法按 PDF 格式解析', en: 'its content does not parse as PDF' };
  }
  try {
    doc.getPageCount();
  } catch {
    return { zh: '缺少文档目录或页面树', en: 'it has no document catalogue or page tree' };
  }
  return undefined;
}

function pixelsProblem(width: number, height: number): Problem | undefined {
  if (width <= 0 || height <= 0) {
    return { zh: '图像宽度或高度为零', en: 'the image has no width or height' };
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    return {
      zh: `图像为 ${width}×${height} 像素，超过 4000 万像素的上限，请缩小后再上传`,
      en: `the image is ${width}×${height} pixels, above the 40-megapixel limit; scale it down`,
    };
  }
  return undefined;
}

function pngProblem(b: Uint8Array): Problem | undefined {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  // IHDR is the first chunk: width and height at bytes 16–23.
  if (buf.byteLength < 33 || buf.toString('latin1', 12, 16) !== 'IHDR') {
    return { zh: '缺少图像头（IHDR）', en: 'the image header (IHDR) is missing' };
  }
  const size = pixelsProblem(buf.readUInt32BE(16), buf.readUInt32BE(20));
  if (size) return size;
  try {
    PNG.sync.read(buf, { checkCRC: true });
  } catch {
    return {
      zh: '图像数据无法解码（文件损坏或不完整）',
      en: 'the image data does not decode (damaged or cut short)',
    };
  }
  return undefined;
}

function jpegProblem(b: Uint8Array): Problem | undefined {
  try {
    jpeg.decode(b, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 512,
    });
  } catch (e) {
    if (e instanceof Error && /maxResolutionInMP|maxMemoryUsage/.test(e.message)) {
      return {
        zh: '图像像素过多（超过 4000 万像素），请缩小后再上传',
        en: 'the image has too many pixels (above 40 megapixels); scale it down',
      };
    }
    return {
      zh: '图像数据无法解码（文件损坏或不完整）',
      en: 'the image data does not decode (damaged or cut short)',
    };
  }
  return undefined;
}

/** The entry of a ZIP that describes an office package, and what it must contain. */
const PACKAGES: Record<string, { entry: string; mustContain: string }> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    entry: '[Content_Types].xml',
    mustContain: 'wordprocessingml.document.main+xml',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    entry: '[Content_Types].xml',
    mustContain: 'spreadsheetml.sheet.main+xml',
  },
  'application/vnd.oasis.opendocument.text': {
    entry: 'mimetype',
    mustContain: 'application/vnd.oasis.opendocument.text',
  },
};

/** The package description is small; a larger one is not what it claims. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

function packageProblem(mediaType: string, b: Uint8Array): Problem | undefined {
  const pkg = PACKAGES[mediaType]!;
  return zipEntryProblem(b, pkg.entry, pkg.mustContain);
}

/** The ZIP's entry `entry` (only it is decompressed) must name `mustContain`. */
function zipEntryProblem(b: Uint8Array, entry: string, mustContain: string): Problem | undefined {
  const pkg = { entry, mustContain };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(b, {
      filter: (f) => f.name === pkg.entry && f.originalSize <= MAX_MANIFEST_BYTES,
    });
  } catch {
    return {
      zh: '压缩包结构无法读取（文件损坏或不完整）',
      en: 'its ZIP structure does not read (damaged or cut short)',
    };
  }
  const manifest = files[pkg.entry];
  if (!manifest || !new TextDecoder().decode(manifest).includes(pkg.mustContain)) {
    return {
      zh: `压缩包中没有该类型文档应有的说明（${pkg.entry}）`,
      en: `the archive lacks the description (${pkg.entry}) a document of this type has`,
    };
  }
  return undefined;
}

const OFD_NS = 'http://www.ofdspec.org/2016';

function ofdProblem(b: Uint8Array): Problem | undefined {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(b, {
      filter: (f) => f.name === 'OFD.xml' && f.originalSize <= MAX_MANIFEST_BYTES,
    });
  } catch {
    return {
      zh: '压缩包结构无法读取（文件损坏或不完整）',
      en: 'its ZIP structure does not read (damaged or cut short)',
    };
  }
  const root = files['OFD.xml'];
  const text = root ? new TextDecoder().decode(root) : '';
  // The root element, after the XML declaration and comments, is ofd:OFD in the OFD namespace.
  const body = text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '').trimStart();
  if (!/^<([A-Za-z_][\w.-]*:)?OFD[\s>]/.test(body) || !text.includes(OFD_NS)) {
    return {
      zh: '压缩包中没有以 OFD 为根元素的 OFD.xml 入口文件',
      en: 'the archive has no OFD.xml entry whose root element is OFD',
    };
  }
  return undefined;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const FREE_SECT = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;

/**
 * The names of the entries of an OLE compound file (MS-CFB), or undefined when its header, FAT
 * or directory chain is not sound. Only the first 109 FAT sectors (those the header lists) are
 * read: 7 MiB of FAT at 512-byte sectors covers any evidence file under the upload limit.
 */
export function oleStreams(b: Uint8Array): string[] | undefined {
  if (b.byteLength < 512 || !OLE_SIGNATURE.every((x, i) => b[i] === x)) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const major = v.getUint16(26, true);
  const shift = v.getUint16(30, true);
  if (v.getUint16(28, true) !== 0xfffe) return undefined;
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) return undefined;
  const size = 1 << shift;
  const sectors = Math.floor((b.byteLength - size) / size);
  const at = (s: number) => size + s * size;
  const fat: number[] = [];
  for (let i = 0; i < Math.min(v.getUint32(44, true), 109); i++) {
    const s = v.getUint32(76 + i * 4, true);
    if (s >= sectors) return undefined;
    for (let k = 0; k < size / 4; k++) fat.push(v.getUint32(at(s) + k * 4, true));
  }
  const names: string[] = [];
  let dir = v.getUint32(48, true);
  for (let hops = 0; dir !== END_OF_CHAIN; hops++) {
    if (dir >= sectors || hops > sectors || dir === FREE_SECT) return undefined;
    for (let e = at(dir); e < at(dir) + size; e += 128) {
      const len = v.getUint16(e + 64, true);
      if (b[e + 66] === 0 || len < 2 || len > 64) continue;
      names.push(Buffer.from(b.subarray(e, e + len - 2)).toString('utf16le'));
    }
    dir = fat[dir] ?? FREE_SECT;
  }
  return names[0] === 'Root Entry' ? names : undefined;
}

/** Each WPS type: the main stream of its OLE form, the main part of its OOXML form. */
const WPS_KINDS: Record<string, { stream: string; ooxml: string }> = {
  'application/kswps': { stream: 'WordDocument', ooxml: 'wordprocessingml.document.main+xml' },
  'application/kset': { stream: 'Workbook', ooxml: 'spreadsheetml.sheet.main+xml' },
  'application/ksdps': {
    stream: 'PowerPoint Document',
    ooxml: 'presentationml.presentation.main+xml',
  },
};

function wpsProblem(mediaType: string, b: Uint8Array): Problem | undefined {
  const kind = WPS_KINDS[mediaType]!;
  if (b[0] === 0x50 && b[1] === 0x4b) {
    return zipEntryProblem(b, '[Content_Types].xml', kind.ooxml);
  }
  const streams = oleStreams(b);
  if (!streams) {
    return {
      zh: '复合文档结构无法读取（文件损坏或不完整）',
      en: 'its compound-file structure does not read (damaged or cut short)',
    };
  }
  if (!streams.includes(kind.stream)) {
    return {
      zh: `复合文档中没有该类型文档的主数据流（${kind.stream}）`,
      en: `the compound file lacks the main stream (${kind.stream}) of a document of this type`,
    };
  }
  return undefined;
}

function textProblem(b: Uint8Array): Problem | undefined {
  return b.includes(0)
    ? {
        zh: '含有空字节，是二进制文件而不是文本',
        en: 'it contains NUL bytes: a binary file, not text',
      }
    : undefined;
}

/** What is wrong with `content` as a file of `mediaType` (a normalized, accepted type), if anything. */
export async function evidenceProblem(
  mediaType: string,
  content: Uint8Array,
): Promise<Problem | undefined> {
  if (mediaType === 'application/pdf') return pdfProblem(content);
  if (mediaType === 'image/png') return pngProblem(content);
  if (mediaType === 'image/jpeg') return jpegProblem(content);
  if (mediaType === 'text/plain') return textProblem(content);
  if (Object.hasOwn(PACKAGES, mediaType)) return packageProblem(mediaType, content);
  if (mediaType === 'application/ofd') return ofdProblem(content);
  if (Object.hasOwn(WPS_KINDS, mediaType)) return wpsProblem(mediaType, content);
  return undefined;
}

/** Throws EVIDENCE_UNREADABLE when `content` is not a whole, readable file of its type. */
export async function checkEvidenceContent(
  filename: string,
  mediaType: string,
  label: string,
  content: Uint8Array,
): Promise<void> {
  const problem = await evidenceProblem(mediaType, content);
  if (!problem) return;
  throw new AppError(
    'EVIDENCE_UNREADABLE',
    { field: 'content', mediaType },
    {
      zh: `文件“${filename}”不是完整可读的 ${label} 文件：${problem.zh}。请用原软件重新导出（或重新扫描）后再上传。`,
      en: `'${filename}' is not a whole, readable ${label} file: ${problem.en}. Export (or scan) it again from the original and upload that.`,
    },
  );
}
