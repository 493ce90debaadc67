/**
 * Title marks (书名号) around a document's title, once. A title written with its own marks
 * (《中国共产党问责条例》) is not wrapped again (no 《《…》》), and a title inside the title takes
 * the single marks 〈〉, as GB/T 15834-2011 (4.15) asks for a title within a title.
 */

/** 《title》 — whether or not `title` came with its own marks. */
export function inTitleMarks(title: string): string {
  return `《${bareTitle(title)}》`;
}

/** The title without outer marks, its inner titles in single marks: 关于贯彻〈问责条例〉的办法. */
export function bareTitle(title: string): string {
  let t = title.trim();
  while (t.startsWith('《') && t.endsWith('》') && closesAtEnd(t)) t = t.slice(1, -1).trim();
  return t.replace(/《/g, '〈').replace(/》/g, '〉');
}

/** Whether the mark opening `t` is the one that closes it at the end (not 《甲》和《乙》). */
function closesAtEnd(t: string): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '《') depth++;
    else if (ch === '》' && --depth === 0) return i === t.length - 1;
  }
  return false;
}
