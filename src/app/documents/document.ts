/**
 * An official document (公文) of a case, whatever its type: the parts GB/T 9704-2012 lays out —
 * issuer mark, number, title, addressee, body, signature and date, closing block (版记: 抄送,
 * 印发机关 and 印发日期) — as structured data with a plain-text rendering. Pure.
 */
import type { Lang } from '../../policy/model.js';
import type { DocumentType } from './numbers.js';
import { writtenDate } from '../../shared/time.js';

export interface DocumentSection {
  /** '' for paragraphs without a heading. */
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

/** 版记: who receives a copy, who prints and issues it, and when. */
export interface ClosingBlock {
  readonly cc: readonly string[];
  readonly printer: string;
  readonly printedOn: string;
}

export interface OfficialDocument {
  readonly type: DocumentType;
  readonly lang: Lang;
  /** 发文机关标志. */
  readonly issuingBody: string;
  readonly title: string;
  /** 发文字号 ('' in a preview, before the document is issued). */
  readonly documentNumber: string;
  /** 主送: the person or body addressed. */
  readonly addressee: string;
  readonly sections: readonly DocumentSection[];
  /** 发文机关署名. */
  readonly signature: string;
  /** 成文日期, as written: 2026年12月4日. */
  readonly date: string;
  readonly closing: ClosingBlock;
  /** A warning when the policy applied is a sample, not a measure in force. */
  readonly notice?: string;
  /** The whole document as plain text. */
  readonly text: string;
}

/**
 * A date as an official document writes it: GB/T 9704-2012 (7.3.5.1) writes the 成文日期 in
 * Arabic numerals with the year in full and no leading zeros, 2026年12月4日.
 */
export function zhDocumentDate(iso: string): string {
  return writtenDate(iso).zh;
}

export function documentDate(iso: string, lang: Lang): string {
  return writtenDate(iso)[lang];
}

/** What the text rendering needs: the document without its text. */
export type DocumentParts = Omit<OfficialDocument, 'text'>;

/** The document as plain text: mark, number, title, addressee, body, signature, closing block. */
export function documentText(d: DocumentParts): string {
  const zh = d.lang === 'zh';
  const indent = zh ? '\u3000\u3000' : '';
  const colon = zh ? '：' : ': ';
  const rule = '—'.repeat(20);
  const cc = d.closing.cc.length
    ? [`${zh ? '抄送' : 'Copy to'}${colon}${d.closing.cc.join(zh ? '，' : ', ')}${zh ? '。' : '.'}`]
    : [];
  const lines = [
    d.issuingBody,
    d.documentNumber,
    '',
    d.title,
    '',
    ...(d.addressee ? [`${d.addressee}${zh ? '：' : ':'}`] : []),
    ...d.sections.flatMap((s) => [
      ...(s.heading ? [`${indent}${s.heading}`] : []),
      ...s.paragraphs.map((p) => `${indent}${p}`),
    ]),
    '',
    d.signature,
    d.date,
    ...(d.notice ? ['', `${zh ? '注：' : 'Note: '}${d.notice}`] : []),
    '',
    rule,
    ...cc,
    `${d.closing.printer}${zh ? '\u3000\u3000' : ', '}${d.closing.printedOn}${zh ? '印发' : ''}`,
    rule,
  ];
  return lines.join('\n') + '\n';
}

/** The document with its text. */
export function withText(d: DocumentParts): OfficialDocument {
  return { ...d, text: documentText(d) };
}
