#!/usr/bin/env node
// Runs the TypeScript command line directly (jiti compiles it on the fly), so it works right after `npm install`.
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { runCli } = await jiti.import('../cli/twinning-kb.ts');
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${process.stderr.isTTY ? '\r\u001b[K' : ''}${line}\n`),
  env: process.env,
  ...(process.stderr.isTTY ? { progress: (line) => process.stderr.write(`\r${line}\u001b[K`) } : {}),
});
if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
process.exitCode = code;
