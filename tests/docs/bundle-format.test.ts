import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../core/bundle/read-bundle';
import { smallBundle, withChecksum } from '../helpers/bundles';

const example = readFileSync(new URL('../../docs/bundle-example.twinning-kb.json', import.meta.url));
const page = readFileSync(new URL('../../docs/bundle-format.md', import.meta.url), 'utf8');

describe('the documented bundle format', () => {
  it('ships an example bundle that the app accepts', () => {
    const bundle = readBundle(example);
    expect(bundle.content.practices).toHaveLength(1);
    expect(bundle.content.annotations).toHaveLength(1);
  });

  it('documents a checksum recipe that computes the checksum the app expects', () => {
    const recipe = /```js\n([\s\S]*?)```/.exec(page)![1]!;
    const bundle = JSON.parse(example.toString('utf8'));
    const value = new Function('bundle', 'require', `${recipe}; return value;`)(bundle, (id: string) =>
      id === 'node:crypto' ? crypto : undefined,
    );
    expect(value).toBe(bundle.checksum.value);
  });
});

describe('the documented Python checksum recipe', () => {
  const python = ['python3', '/usr/bin/python3'].find((cmd) => spawnSync(cmd, ['--version']).status === 0);
  const run = (bundleText: string): string => {
    const recipe = /```python\n([\s\S]*?)```/.exec(page)![1]!;
    const script = `${recipe}\nimport sys\nprint(checksum(sys.stdin.read()))\n`;
    const result = spawnSync(python!, ['-c', script], { input: bundleText, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return result.stdout.trim();
  };

  it.skipIf(!python)('computes the checksum the app expects, for the example', () => {
    const bundle = JSON.parse(example.toString('utf8')) as { checksum: { value: string } };
    expect(run(example.toString('utf8'))).toBe(bundle.checksum.value);
  });

  it.skipIf(!python)('computes it over non-ASCII text and numbers written as 1.0, as the app does', () => {
    const bundle = smallBundle();
    bundle.content.practices[0]!.texts.de!.title = 'Grünflächen – „Straße“ 😀 \u2028';
    const text = JSON.stringify(withChecksum(bundle)).replace(/":1\}/g, '":1.0}');
    expect(text).toContain(':1.0}');
    const read = readBundle(new TextEncoder().encode(text));
    expect(run(text)).toBe(read.checksum.value);
  });
});
