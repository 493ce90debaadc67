/**
 * Keeps the web app from restating what src/shared defines. It reads every source file of web/src
 * with the TypeScript parser and fails on:
 * - a list or union of string literals that all belong to one shared list (case states, steps,
 *   roles, scope kinds, the six elements, ratings, statuses, locales, media types, …): import the
 *   list from web/src/shared.ts instead;
 * - a number written as a validation limit (`max`, `min`, `maxLength`, … above 1), a constant
 *   named like a limit (`…MAX…`, `…PAGE_SIZE…`, `…_BYTES`, …) set to a number, a `pageSize=20` in
 *   an address, or a pattern with `{m,n}` bounds: use TEXT_LIMITS and the other shared limits;
 * - an i18n file that copies a label the server defines (states, steps, roles, six elements).
 * A second check runs the finder on planted copies, so that it is known to catch them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as shared from './index.js';

const ROOT = process.cwd();
const WEB = join(ROOT, 'web', 'src');

/**
 * Files not checked yet, each with the reason. web/src/types.ts holds the API's view types that
 * the api-shapes change replaces with types inferred from the server's schemas.
 */
const NOT_YET: Readonly<Record<string, string>> = {};

/** The shared lists of strings, by name (exported arrays, and the evidence file extensions). */
function sharedLists(): ReadonlyMap<string, ReadonlySet<string>> {
  const lists = new Map<string, ReadonlySet<string>>();
  for (const [name, value] of Object.entries(shared)) {
    if (Array.isArray(value) && value.length >= 2 && value.every((v) => typeof v === 'string')) {
      lists.set(name, new Set(value as string[]));
    }
  }
  const extensions = Object.values(shared.EVIDENCE_TYPES).flatMap((t) => [...t.extensions]);
  lists.set('EVIDENCE_TYPES (extensions)', new Set(extensions));
  // The smallest list that holds a copy names it best ('review' is a step and a challenge kind).
  return new Map([...lists].sort(([, a], [, b]) => a.size - b.size));
}

/** The shared label records ({ key: { zh, en } }), by name. */
function sharedLabels(): ReadonlyMap<string, Readonly<Record<string, { zh: string; en: string }>>> {
  const labels = new Map<string, Readonly<Record<string, { zh: string; en: string }>>>();
  for (const [name, value] of Object.entries(shared)) {
    if (name.endsWith('_LABEL') && typeof value === 'object' && value !== null) {
      labels.set(name, value as Record<string, { zh: string; en: string }>);
    }
  }
  return labels;
}

const LIMIT_PROPERTY = /^(max|min|maxLength|minLength|maxItems|minItems|maxCount)$/;
const LIMIT_CONSTANT = /(^|_)(MAX|MIN|LIMIT|LIMITS|PAGE_SIZE|SIZE|BYTES|DAYS|LENGTH)(_|$)/;

export interface Copy {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

function stringItems(n: ts.Node): string[] | null {
  if (ts.isArrayLiteralExpression(n)) {
    const items = n.elements.map((e) => (ts.isStringLiteralLike(e) ? e.text : null));
    return items.every((x) => x !== null) ? (items as string[]) : null;
  }
  if (ts.isObjectLiteralExpression(n)) {
    // A map onto shared values ({ pdf: 'application/pdf', … }) restates the list of values.
    const items = n.properties.map((p) =>
      ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer)
        ? p.initializer.text
        : null,
    );
    return items.every((x) => x !== null) ? [...new Set(items as string[])] : null;
  }
  if (ts.isUnionTypeNode(n)) {
    const items = n.types.map((t) =>
      ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : null,
    );
    return items.every((x) => x !== null) ? (items as string[]) : null;
  }
  return null;
}

function numberOf(node: ts.Node | undefined): number | null {
  if (!node) return null;
  if (ts.isJsxExpression(node)) return numberOf(node.expression);
  if (ts.isNumericLiteral(node)) return Number(node.text.replaceAll('_', ''));
  if (ts.isBinaryExpression(node)) {
    const a = numberOf(node.left);
    const b = numberOf(node.right);
    if (a === null || b === null) return null;
    if (node.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return a * b;
    if (node.operatorToken.kind === ts.SyntaxKind.PlusToken) return a + b;
  }
  return null;
}

function nameOf(name: ts.Node): string | null {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null;
}

/** What in one node restates a shared list or limit, if anything. */
function copyIn(node: ts.Node, lists: ReadonlyMap<string, ReadonlySet<string>>): string | null {
  const items = stringItems(node);
  if (items && items.length >= 2 && !ts.isUnionTypeNode(node.parent)) {
    for (const [name, list] of lists) {
      if (items.every((x) => list.has(x))) return `the list [${items.join(', ')}] (${name})`;
    }
  }
  if (ts.isPropertyAssignment(node) || ts.isJsxAttribute(node)) {
    const name = nameOf(node.name);
    const value = numberOf(node.initializer);
    if (name && LIMIT_PROPERTY.test(name) && value !== null && value > 1) {
      return `the limit ${name}: ${value}`;
    }
  }
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
    const value = numberOf(node.initializer);
    if (LIMIT_CONSTANT.test(node.name.text) && value !== null) {
      return `the constant ${node.name.text} = ${value}`;
    }
  }
  if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
    if (/pageSize=\d/.test(node.text)) return `a page size in '${node.text}'`;
  }
  if (ts.isRegularExpressionLiteral(node) && /\{\d+,\d+\}/.test(node.text)) {
    return `the length bounds of ${node.text}`;
  }
  return null;
}

/** The places in one source text that restate a shared list or limit. */
export function copiesIn(file: string, text: string): Copy[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lists = sharedLists();
  const found: Copy[] = [];
  const visit = (node: ts.Node) => {
    const what = copyIn(node, lists);
    if (what) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ file, line, what });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The objects of an i18n file that hold the same texts as a shared label record. */
export function labelCopiesIn(file: string, texts: unknown, lang: 'zh' | 'en'): Copy[] {
  const found: Copy[] = [];
  const visit = (value: unknown, path: string) => {
    if (value === null || typeof value !== 'object') return;
    const entries = Object.entries(value as Record<string, unknown>);
    for (const [name, labels] of sharedLabels()) {
      const copied = entries.filter(([k, v]) => Object.hasOwn(labels, k) && labels[k]![lang] === v);
      // Most of a record: a few equal words ('复核' is a step and a kind of challenge) are not a copy.
      if (copied.length >= Math.max(3, Object.keys(labels).length / 2)) {
        found.push({ file, line: 0, what: `${path}: ${copied.length} texts of ${name}` });
      }
    }
    for (const [k, v] of entries) visit(v, path ? `${path}.${k}` : k);
  };
  visit(texts, '');
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

function i18nFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? i18nFiles(join(dir, e.name))
      : e.name.endsWith('.json')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the web app restates nothing src/shared defines', () => {
  it('no web source file declares a shared list or limit of its own', () => {
    const copies = sourceFiles(WEB)
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => !Object.hasOwn(NOT_YET, f))
      .flatMap((f) => copiesIn(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(copies.map((c) => `${c.file}:${c.line} ${c.what}`)).toEqual([]);
  });

  it('no i18n file copies a label the server defines', () => {
    const copies = i18nFiles(join(WEB, 'i18n')).flatMap((f) =>
      labelCopiesIn(
        relative(ROOT, f),
        JSON.parse(readFileSync(f, 'utf8')),
        f.endsWith('en.json') ? 'en' : 'zh',
      ),
    );
    expect(copies.map((c) => `${c.file} ${c.what}`)).toEqual([]);
  });

  it('the files left out still exist (remove an entry once its file is gone or clean)', () => {
    for (const f of Object.keys(NOT_YET)) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      expect(copiesIn(f, text), `${f} has no copies left: remove it from NOT_YET`).not.toEqual([]);
    }
  });

  it('finds planted copies of each kind', () => {
    const planted = [
      "const STATES = ['submitted', 'refused', 'closed'] as const;",
      "const DELIBERATED = new Set(['deliberation', 'determined']);",
      "type Kind = 'jurisdiction' | 'unit' | 'self';",
      "const roles = ['intake', 'auditor'];",
      "const accept = ['application/pdf', 'image/png'];",
      "const byExtension = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg' };",
      'const MAX_EXTENSION_DAYS = 90;',
      'const MAX_BYTES = 20 * 1024 * 1024;',
      'const PAGE_SIZE = 20;',
      "const rule = { max: 2000, message: 'too long' };",
      'const field = <Input maxLength={200} />;',
      "const url = '/api/officials?pageSize=20';",
      'const username = /^[A-Za-z0-9_.-]{2,64}$/;',
    ].join('\n');
    const found = copiesIn('planted.tsx', planted);
    expect(found.map((c) => c.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const roles = Object.fromEntries(
      Object.entries(shared.ROLE_LABEL).map(([role, label]) => [role, label.zh]),
    );
    const labels = labelCopiesIn('admin.zh.json', { admin: { roles } }, 'zh');
    expect(labels.map((c) => c.what)).toEqual([
      `admin.roles: ${shared.ROLES.length} texts of ROLE_LABEL`,
    ]);
  });

  it('leaves alone what is the web app’s own', () => {
    const own = [
      "const TABS = ['users', 'organization', 'calendars'] as const;",
      'const MONTH_CHOICES = [6, 12, 24] as const;',
      'const pagination = { pageSize: 10, hideOnSinglePage: true };',
      "const rule = { min: 1, max: TEXT_LIMITS.note.max, message: 'too long' };",
      "const one = ['submitted'];",
      "const names = { zh: '中文', en: 'English' };",
      'const delay = 250;',
    ].join('\n');
    expect(copiesIn('own.tsx', own)).toEqual([]);
  });
});
