/**
 * How big the functions of some TypeScript code are, as ESLint's max-lines-per-function counts
 * them (blank lines and comment-only lines skipped), read with the TypeScript compiler's parser:
 * for closing notes that compare code before and after a restructuring.
 *
 *   node --experimental-strip-types tools/function-sizes.ts [--top N] [--limit N] DIR_OR_FILE...
 *
 * Prints, per argument, the number of .ts files and their lines; how many functions there are and
 * how many are over --limit lines (80, the project's ESLint limit); then the --top (10) largest of
 * them all as a Markdown table. A file named twice is counted once.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { countOption } from './load-options.ts';

export interface FunctionSize {
  /** What the function is called, or where it is passed when it has no name: `app.post('/comments') callback`. */
  name: string;
  /** 1-based line of its first line. */
  line: number;
  /** Lines with code on them, from its first to its last. */
  lines: number;
}

/** The name of a call's callee as written: `app.post`, `describe`. */
function calleeText(call: ts.CallExpression, source: ts.SourceFile): string {
  const first = call.arguments[0];
  const label = first && ts.isStringLiteralLike(first) ? `('${first.text}')` : '';
  return `${call.expression.getText(source)}${label}`;
}

function propertyName(name: ts.PropertyName | ts.BindingName, source: ts.SourceFile): string {
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) ? name.text : name.getText(source);
}

/** The class a method belongs to, as a prefix: `SqlStore.`. */
function owner(node: ts.Node): string {
  const parent = node.parent;
  return (ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) && parent.name ? `${parent.name.text}.` : '';
}

function functionName(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return `${owner(node)}constructor`;
  if (node.name) return `${ts.isFunctionDeclaration(node) ? '' : owner(node)}${propertyName(node.name, source)}`;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return `${ts.isPropertyDeclaration(parent) ? owner(parent) : ''}${propertyName(parent.name, source)}`;
  if (ts.isCallExpression(parent)) return `${calleeText(parent, source)} callback`;
  if (ts.isExportAssignment(parent)) return 'default export';
  return '(anonymous)';
}

/** Which lines of `source` hold a token that is not a comment: the lines ESLint counts. */
function codeLines(source: ts.SourceFile): Set<number> {
  const lines = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (ts.isJSDoc(node)) return;
    const children = node.getChildren(source);
    if (children.length > 0 || node.kind === ts.SyntaxKind.EndOfFileToken) {
      children.forEach(visit);
      return;
    }
    const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
    const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
    for (let line = first; line <= last; line++) lines.add(line);
  };
  visit(source);
  return lines;
}

/** Every function of one file (nested ones too, each counted with what it holds), in source order. */
export function functionSizes(fileName: string, text: string): FunctionSize[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const code = codeLines(source);
  const sizes: FunctionSize[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      let lines = 0;
      for (let line = first; line <= last; line++) if (code.has(line)) lines++;
      sizes.push({ name: functionName(node as ts.FunctionLikeDeclaration, source), line: first + 1, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sizes;
}

/** The .ts files at `target`: the file itself, or every one under the folder. */
async function typeScriptFiles(target: string): Promise<string[]> {
  if (!(await stat(target)).isDirectory()) return [target];
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string', default: '10' }, limit: { type: 'string', default: '80' } },
    allowPositionals: true,
  });
  const top = countOption('top', values.top!);
  const limit = countOption('limit', values.limit!);
  if (positionals.length === 0) throw new Error('name one or more folders or .ts files to measure');
  const all = new Map<string, FunctionSize[]>();
  for (const target of positionals) {
    const files = await typeScriptFiles(target);
    let lines = 0;
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      all.set(file, functionSizes(file, text));
    }
    console.log(`${target}: ${files.length} .ts files, ${lines} lines`);
  }
  const sizes = [...all].flatMap(([file, found]) => found.map((size) => ({ ...size, file })));
  const over = sizes.filter((size) => size.lines > limit).length;
  console.log(`${sizes.length} functions, ${over} of them over ${limit} lines`);
  console.log('\n| lines | function | where |\n| ---: | --- | --- |');
  for (const size of sizes.sort((a, b) => b.lines - a.lines).slice(0, top))
    console.log(`| ${size.lines} | \`${size.name}\` | ${size.file}:${size.line} |`);
}

if (import.meta.main) await main();
