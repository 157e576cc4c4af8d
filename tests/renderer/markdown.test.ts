// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../renderer/src/lib/markdown';

describe('Markdown rendering', () => {
  it('renders headings, lists, emphasis and tables', () => {
    const html = renderMarkdown('## Ziel\n\n- **eins**\n- _zwei_\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<h2>Ziel</h2>');
    expect(html).toContain('<strong>eins</strong>');
    expect(html).toContain('<em>zwei</em>');
    expect(html).toContain('<table>');
  });

  it('keeps http(s) and mailto links, without targets and with rel=noopener', () => {
    const html = renderMarkdown(
      '[CROW](https://www.crow.nl) [mail](mailto:info@example.org) <a href="https://x.test" target="_blank">x</a>',
    );
    expect(html).toContain('href="https://www.crow.nl"');
    expect(html).toContain('href="mailto:info@example.org"');
    expect(html).not.toContain('target=');
    expect(html).toMatch(/rel="noopener noreferrer"/);
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>', /<script/i],
    ['an onerror handler', '<img src="x" onerror="alert(1)">', /onerror/i],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/i],
    ['a javascript: link in HTML', '<a href="JaVaScRiPt:alert(1)">x</a>', /javascript:/i],
    ['a data: link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', /href="data:/i],
    ['SVG with script', '<svg><script>alert(1)</script><circle onload="alert(1)"/></svg>', /script|onload/i],
    ['an iframe', '<iframe src="https://evil.test"></iframe>', /iframe/i],
    [
      'inline CSS',
      '<p style="background:url(https://evil.test/x.png)">x</p><style>*{color:red}</style>',
      /style|evil/i,
    ],
    ['a form', '<form action="https://evil.test"><button>go</button></form>', /form|button/i],
    ['a remote image', '![tracker](https://evil.test/pixel.png)', /evil\.test/],
  ])('strips %s', (_name, markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });

  it('keeps an inline data image', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(renderMarkdown(`![dot](${png})`)).toContain(`src="${png}"`);
  });

  it('shows an attached image from the app’s own origin, with its caption as alt text', () => {
    const hash = 'ab'.repeat(32);
    const html = renderMarkdown(`![Turbo-Kreisel](attachment:${hash})`);
    expect(html).toContain(`src="/attachments/${hash}"`);
    expect(html).toContain('alt="Turbo-Kreisel"');
  });

  it.each([
    ['a file path', '![x](file:///etc/passwd)'],
    ['a path out of the attachments', '![x](/attachments/../twinning-kb.json)'],
    ['a reference that is no hash', '![x](attachment:../../etc/passwd)'],
    ['a raw image with a srcset', `<img src="/attachments/${'cd'.repeat(32)}" srcset="https://evil.test/a.png 2x">`],
  ])('does not load %s', (_what, markdown) => {
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(/passwd|twinning-kb\.json|evil\.test/);
  });
});
