/**
 * CSV as RFC 4180 writes it (and as R's `write.csv`, Excel and survey tools export it): fields
 * separated by commas, optionally quoted with `"`, a quote inside a quoted field doubled, lines
 * ended by LF or CRLF, a UTF-8 byte-order mark ignored. Pure: text in, rows out.
 */

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** The rows of a CSV text, each a list of fields; blank lines are skipped. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) {
    throw new CsvError(
      rowLine,
      `第 ${rowLine} 行的引号没有闭合：带引号的字段须以 " 结束。`,
      `line ${rowLine}: a quoted field is not closed; end it with ".`,
    );
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}
