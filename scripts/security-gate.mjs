#!/usr/bin/env node
/**
 * Security gate: runs Doyensec Electronegativity over the app's sources and
 * fails on every finding of medium severity or above that is not justified in
 * place, on the reported line, with a comment `eng-disable CHECK_ID — why`.
 * Electronegativity itself exits 0 whatever it finds, so the gate reads its
 * results. It also fails on an eng-disable that gives no reason or that
 * justifies no finding (left over after a fix), and on a file the tool could
 * not parse (a file it did not check).
 *
 * Usage: node scripts/security-gate.mjs [folder ...]   (default: electron renderer shared)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const tool = require('@doyensec/electronegativity');
const electronegativity = tool.default ?? tool;
const { severity } = require('@doyensec/electronegativity/dist/finder/attributes');

const DEFAULT_FOLDERS = ['electron', 'core', 'cli', 'renderer', 'shared'];
const SCANNED = /\.(jsx?|tsx?|html?)$/;
const ENG_DISABLE = /(?:\/\*|\/\/|<!--)[ \t]*eng-disable[ \t]+(.*)$/;
const CHECK_NAME = /^([A-Z0-9]+_)+CHECK$|^[a-z][A-Za-z0-9]*Check$/;
// Needs the network and is about dependency freshness, not the code: it fetches Electron's release list on every run.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const folders = (process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FOLDERS).map((folder) =>
  path.resolve(ROOT, folder),
);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(file);
    else if (SCANNED.test(entry.name)) yield file;
  }
}

/** The eng-disable comment on one line, if any: the checks it names and the reason written after them. */
function engDisable(file, text, index) {
  const match = ENG_DISABLE.exec(text);
  if (!match) return null;
  let rest = match[1].replace(/\s*(\*\/|-->)\s*$/, '');
  const checks = [];
  for (let word = /^[\s,]*(\w+)/.exec(rest); word && CHECK_NAME.test(word[1]); word = /^[\s,]*(\w+)/.exec(rest)) {
    checks.push(word[1]);
    rest = rest.slice(word[0].length);
  }
  const reason = rest.replace(/^[^\p{L}\p{N}]+/u, '').trim();
  return { file, line: index + 1, checks, reason, used: new Set() };
}

const names = (check) => check.toLowerCase();
const justifies = (comment, issue) =>
  comment.checks.find((check) => [issue.id, issue.constructorName].filter(Boolean).map(names).includes(names(check)));

/**
 * Scans copies of the folders side by side, so that global checks (CSP, navigation limits…) see the
 * whole app at once. In the copies the eng-disable comments are neutralised: the gate, not the tool,
 * matches them to findings, so that it can show each justification and catch stale ones.
 */
async function scan() {
  const workDir = mkdtempSync(path.join(tmpdir(), 'security-gate-'));
  const originals = new Map();
  const comments = [];
  try {
    for (const folder of folders) {
      const name = path.basename(folder);
      if (originals.has(name)) throw new Error(`two folders named ${name}`);
      originals.set(name, folder);
      for (const file of sourceFiles(folder)) {
        const lines = readFileSync(file, 'utf8').split('\n');
        lines.forEach((text, index) => {
          const comment = engDisable(file, text, index);
          if (comment) comments.push(comment);
        });
        const copy = path.join(workDir, name, path.relative(folder, file));
        mkdirSync(path.dirname(copy), { recursive: true });
        writeFileSync(copy, lines.map((text) => text.replace(/eng-disable/g, 'eng-justified')).join('\n'));
      }
    }
    const result = await electronegativity({
      input: workDir,
      isRelative: true,
      electronVersionOverride: require('electron/package.json').version,
      excludeFromScan: EXCLUDED_CHECKS,
    });
    const original = (relative) => {
      const [name, ...rest] = relative.split(path.sep);
      return path.join(originals.get(name), ...rest);
    };
    return {
      comments,
      issues: result.issues.map((issue) => ({ ...issue, file: issue.file === 'N/A' ? null : original(issue.file) })),
      errors: result.errors.map((error) => ({ ...error, file: original(path.relative(workDir, error.file)) })),
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

const show = (file, line) => {
  const relative = path.relative(process.cwd(), file);
  return `${relative.startsWith('..') ? file : relative}${line ? `:${line}` : ''}`;
};

const { comments, issues, errors } = await scan();
const failures = [];
const notes = [];

for (const error of errors) {
  (error.tolerable ? notes : failures).push(`${show(error.file)}: could not be parsed (${error.message})`);
}

for (const issue of issues) {
  const where = issue.file ? show(issue.file, issue.location.line) : 'the whole app';
  const text = `${issue.severity.name} ${issue.id} at ${where}: ${issue.description}`;
  // A global finding has no line to annotate, so its justification sits where the thing is actually done.
  const candidates = issue.file
    ? comments.filter((comment) => comment.file === issue.file && comment.line === issue.location.line)
    : comments;
  const comment = candidates.find((candidate) => justifies(candidate, issue));
  if (comment) {
    comment.used.add(justifies(comment, issue));
    notes.push(`${text}\n    justified at ${show(comment.file, comment.line)}: ${comment.reason}`);
  } else {
    const sample = issue.sample ? `\n    ${issue.sample.replace(/eng-justified/g, 'eng-disable')}` : '';
    (issue.severity.value >= severity.MEDIUM.value ? failures : notes).push(text + sample);
  }
}

for (const comment of comments) {
  const where = `${show(comment.file, comment.line)}: eng-disable`;
  if (comment.checks.length === 0) failures.push(`${where} names no check`);
  else if (comment.reason.split(/\s+/).length < 3)
    failures.push(`${where} ${comment.checks.join(' ')} does not say why`);
  for (const check of comment.checks.filter((check) => !comment.used.has(check)))
    failures.push(`${where} ${check} justifies no finding on this line; remove it`);
}

for (const note of notes) console.log(`note: ${note}`);
for (const failure of failures) console.error(`FAIL: ${failure}`);
if (failures.length > 0) {
  console.error(
    `security gate: ${failures.length} problem(s); fix each finding of medium severity or above, or justify it on its line with "// eng-disable CHECK_ID — why"`,
  );
  process.exitCode = 1;
} else {
  const justified = comments.reduce((sum, comment) => sum + comment.used.size, 0);
  console.log(
    `security gate: passed, no unjustified finding of medium severity or above (${justified} justified in place)`,
  );
}
