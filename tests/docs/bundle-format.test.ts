import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../core/bundle/read-bundle';

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
