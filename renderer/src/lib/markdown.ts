/**
 * Markdown to sanitized HTML. Content may come from a partner's bundle, so it
 * is untrusted: DOMPurify strips scripts, handlers and styles; links keep only
 * http(s) and mailto targets; images only inline data or an attached image,
 * referred to as `attachment:<sha256>` and served on the app's own origin (no
 * request leaves the app, no file path is ever seen).
 * Glossary terms are marked afterwards, in the sanitized tree.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { ATTACHMENT_REF_PREFIX, ATTACHMENT_URL_PATH } from '../../../shared/attachments';
import type { GlossaryTerm, Lang } from '../../../shared/model';

const ATTACHMENT_REF = new RegExp(`^${ATTACHMENT_REF_PREFIX}([0-9a-f]{64})$`);
const ATTACHMENT_SRC = new RegExp(`^${ATTACHMENT_URL_PATH}[0-9a-f]{64}$`);
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);/i;

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  walkTokens(token) {
    // An attached image becomes its URL on the app's own origin.
    if (token.type === 'image') {
      const hash = ATTACHMENT_REF.exec(token.href)?.[1];
      if (hash) token.href = `${ATTACHMENT_URL_PATH}${hash}`;
    }
  },
});
const SAFE_LINK = /^(https?:|mailto:)/i;

const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_LINK.test(href)) node.removeAttribute('href');
    node.removeAttribute('target');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (node.tagName === 'IMG') {
    const src = node.getAttribute('src') ?? '';
    if (!DATA_IMAGE.test(src) && !ATTACHMENT_SRC.test(src)) node.removeAttribute('src');
    node.removeAttribute('srcset');
  }
});

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style', 'class', 'id'],
  });
}

export function isExternalUrl(href: string): boolean {
  return /^https?:/i.test(href);
}

/** Finds the glossary terms of one language in running text. */
export interface TermMatcher {
  /** Global; group 1 is the term as written, without its inflection. */
  pattern: RegExp;
  /** The id of the glossary term a match stands for, if any. */
  termOf(match: RegExpMatchArray): string | undefined;
}

/** Endings a term takes in running text (plural, genitive), per language. */
const INFLECTIONS: Record<Lang, string> = { de: 'e|en|n|s|es|er|ern', nl: "s|en|n|e|'s" };

/**
 * The forms a glossary label is written as in running text:
 * "Bürgermeister(in) (burgemeester)" → Bürgermeister, burgemeester;
 * "Vorfahrt / Vorrang" → Vorfahrt, Vorrang. Long explanations in brackets are no form.
 */
export function termVariants(label: string): string[] {
  const variants: string[] = [];
  for (const [, inner] of label.matchAll(/\(([^()]*)\)/g)) {
    for (const part of inner!.split(/[,;/]/)) if (part.trim().split(/\s+/).length <= 3) variants.push(part);
  }
  variants.push(...label.replace(/\([^()]*\)/g, ' ').split('/'));
  const cleaned = variants.map((v) => v.replace(/\s+/g, ' ').trim()).filter((v) => v.length >= 3 && /\p{L}/u.test(v));
  return [...new Set(cleaned)];
}

const isAcronym = (variant: string) => variant === variant.toUpperCase() && variant !== variant.toLowerCase();

export function glossaryMatcher(terms: readonly GlossaryTerm[], lang: Lang): TermMatcher | undefined {
  const byVariant = new Map<string, { termId: string; variant: string }>();
  for (const term of terms) {
    for (const variant of termVariants(term.term[lang])) {
      const key = variant.toLocaleLowerCase(lang);
      if (!byVariant.has(key)) byVariant.set(key, { termId: term.id, variant });
    }
  }
  if (byVariant.size === 0) return undefined;
  const alternatives = [...byVariant.values()]
    .map((v) => v.variant)
    .sort((a, b) => b.length - a.length) // the longest form wins: "Scrum Master" before "Scrum"
    .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${alternatives.join('|')})(?:${INFLECTIONS[lang]})?(?![\\p{L}\\p{N}])`,
    'giu',
  );
  return {
    pattern,
    termOf(match) {
      const written = match[1]!;
      const hit = byVariant.get(written.replace(/\s+/g, ' ').toLocaleLowerCase(lang));
      // Abbreviations count only as written: "BVV", not "bvv".
      if (!hit || (isAcronym(hit.variant) && written !== hit.variant)) return undefined;
      return hit.termId;
    },
  };
}

/**
 * Marks the first mention of each glossary term in sanitized HTML as a
 * focusable span described by the term's tooltip (`describedBy` names its
 * id). It works on the parsed, already sanitized tree and adds only elements
 * built here, never markup from content. Links, code and headings stay as they are.
 */
export function markGlossaryTerms(
  safeHtml: string,
  matcher: TermMatcher,
  describedBy: (termId: string) => string,
): { html: string; termIds: string[] } {
  const template = document.createElement('template');
  template.innerHTML = safeHtml;
  const textNodes: Text[] = [];
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('a, code, pre, h1, h2, h3, h4, h5, h6')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  while (walker.nextNode()) textNodes.push(walker.currentNode as Text);

  const found = new Set<string>();
  for (const node of textNodes) {
    const text = node.data;
    const pieces: (string | Node)[] = [];
    let last = 0;
    for (const match of text.matchAll(matcher.pattern)) {
      const termId = matcher.termOf(match);
      if (!termId || found.has(termId)) continue;
      found.add(termId);
      const mark = document.createElement('span');
      mark.className = 'glossary-term';
      mark.tabIndex = 0;
      mark.dataset.term = termId;
      mark.setAttribute('aria-describedby', describedBy(termId));
      mark.textContent = match[0];
      pieces.push(text.slice(last, match.index), mark);
      last = match.index + match[0].length;
    }
    if (last > 0) node.replaceWith(...pieces, text.slice(last));
  }
  return { html: template.innerHTML, termIds: [...found] };
}
