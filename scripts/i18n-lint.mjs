#!/usr/bin/env node
/**
 * `i18next-cli lint` with the project's i18next.config.ts: fails on UI text
 * hard-coded in a component. Runs the CLI's own linter module because the
 * CLI's entry point needs Node 22 (a dependency of its other commands uses
 * Set.prototype.union) and the project supports Node 20. Reads files only.
 *
 * Usage: node scripts/i18n-lint.mjs [file or glob ...]   (default: extract.input of the config)
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';

const ROOT = path.resolve(import.meta.dirname, '..');
const inputs = process.argv.slice(2).map((input) => path.resolve(input).split(path.sep).join('/'));
process.chdir(ROOT); // the config's globs and locale paths are relative to the project

const config = await createJiti(import.meta.url).import(path.join(ROOT, 'i18next.config.ts'), { default: true });
if (inputs.length > 0) config.extract = { ...config.extract, input: inputs };

const linter = path.join(ROOT, 'node_modules/i18next-cli/dist/esm/linter.js');
const { runLinterCli } = await import(pathToFileURL(linter).href);
await runLinterCli(config); // prints every issue; exits 1 on errors
