/**
 * Browser-native widgets speak the browser's language, not the app's: a form the
 * browser validates says "Please fill out this field", a file input "Choose File".
 * Screens are walked in tests/ui/layout.test.ts; this catches the forms and inputs
 * that only show while editing, in the source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.join(import.meta.dirname, '../../renderer/src');
const sources = readdirSync(RENDERER, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.tsx'))
  .map((file) => ({ file, text: readFileSync(path.join(RENDERER, file), 'utf8') }));

/** Each JSX opening tag of `tag` in `text`, up to its closing `>` (attributes may span lines). */
const openingTags = (text: string, tag: string) => text.match(new RegExp(`<${tag}\\b[^>]*>`, 'g')) ?? [];

describe('the renderer', () => {
  it('leaves the checking of every form to the app, in the user language', () => {
    const validated = sources.flatMap(({ file, text }) =>
      openingTags(text, 'form')
        .filter((tag) => !/\bnoValidate\b/.test(tag))
        .map((tag) => `${file}: ${tag.slice(0, 60)}`),
    );
    expect(validated).toEqual([]);
  });

  it('shows no native file, date or time input, only hidden ones opened by a button of its own', () => {
    const shown = sources.flatMap(({ file, text }) =>
      openingTags(text, 'input')
        .filter((tag) => /type="(file|date|time|datetime-local|month|week)"/.test(tag) && !/\bhidden\b/.test(tag))
        .map((tag) => `${file}: ${tag.slice(0, 60)}`),
    );
    expect(shown).toEqual([]);
  });
});
