/**
 * Checks of what a screen shows, for the tests that walk the screens: text
 * that runs into other text, off the window or out of a box that cuts it
 * off, and browser-native widgets that would speak English. They read the
 * rendered boxes, not pixels.
 */
import type { Page } from 'playwright-core';

/** What is wrong with the layout of the open screen (the open dialog alone, if one is open), one line each. */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const viewport = document.documentElement.clientWidth;
    const describe = (element: Element, text: string) =>
      `${element.tagName.toLowerCase()}${element.className ? '.' + String(element.className).split(' ')[0] : ''} “${text.trim().slice(0, 40)}”`;
    if (document.documentElement.scrollWidth > viewport + 1) {
      // Name the innermost boxes that reach past the window's edge.
      const wide = [...document.body.querySelectorAll('*')].filter(
        (element) => element.getBoundingClientRect().right > viewport + 1,
      );
      const innermost = wide.filter((element) => !wide.some((other) => other !== element && element.contains(other)));
      problems.push(
        `the page scrolls sideways: ${innermost.map((element) => describe(element, element.textContent ?? '')).join(', ')}`,
      );
    }
    const dialogs = document.querySelectorAll('dialog[open], [role=dialog], [role=alertdialog]');
    const root = dialogs[dialogs.length - 1] ?? document.body;

    /**
     * The part of `rect` not cut off by an ancestor that clips its overflow; null when nothing shows.
     * With `scrolled` false, what a region that scrolls hides counts as shown: it is reachable.
     */
    const visiblePart = (element: Element, rect: DOMRect, scrolled = true): DOMRect | null => {
      const scrolls = (overflow: string) => overflow === 'auto' || overflow === 'scroll';
      let { left, top, right, bottom } = rect;
      for (let parent: Element | null = element; parent && parent !== document.documentElement;) {
        const style = getComputedStyle(parent);
        const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible' || style.clip !== 'auto';
        if (clips && (scrolled || !(scrolls(style.overflowX) || scrolls(style.overflowY)))) {
          const box = parent.getBoundingClientRect();
          left = Math.max(left, box.left);
          right = Math.min(right, box.right);
          top = Math.max(top, box.top);
          bottom = Math.min(bottom, box.bottom);
        }
        parent = parent.parentElement;
      }
      return right - left >= 1 && bottom - top >= 1 ? new DOMRect(left, top, right - left, bottom - top) : null;
    };

    /** In a layer that floats over the screen by design (a toast): it may cover text for its few seconds. */
    const floats = (element: Element) => {
      for (let e: Element | null = element; e && e !== root; e = e.parentElement)
        if (getComputedStyle(e).position === 'fixed') return true;
      return false;
    };
    const boxes: { element: Element; text: string; rect: DOMRect }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const element = node.parentElement;
      const text = node.textContent ?? '';
      if (!element || text.trim() === '' || element.closest('option, script, style, [aria-hidden=true]')) continue;
      // Hidden, transparent, or in a closed <details> (whose content Chromium keeps but skips).
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }))
        continue;
      const style = getComputedStyle(element);
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        const shown = visiblePart(element, rect);
        if (!shown) continue;
        const reachable = visiblePart(element, rect, false);
        if ((reachable?.width ?? 0) < rect.width - 1 && style.textOverflow !== 'ellipsis')
          problems.push(`${describe(element, text)} is cut off`);
        if (shown.right > viewport + 1) problems.push(`${describe(element, text)} runs off the window`);
        if (!floats(element)) boxes.push({ element, text, rect: shown });
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.element === b.element) continue;
        const width = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const height = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        // Lines of one paragraph touch; text that runs into other text covers a good part of it.
        if (width > 2 && height > Math.min(a.rect.height, b.rect.height) / 3)
          problems.push(`${describe(a.element, a.text)} runs into ${describe(b.element, b.text)}`);
      }
    }
    return [...new Set(problems)];
  });
}

/**
 * Browser-native widgets that would speak English inside the German or Dutch
 * interface: a file chooser ("Choose File / No file chosen"), the date and time
 * pickers, and forms the browser validates itself ("Please fill out this field").
 */
export function englishSpeakingWidgets(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...[...document.querySelectorAll('form:not([novalidate])')].map(
      (form) => `a form the browser validates: ${form.className || form.textContent?.slice(0, 40)}`,
    ),
    ...[...document.querySelectorAll<HTMLInputElement>('input')]
      .filter((input) => ['file', 'date', 'time', 'datetime-local', 'month', 'week'].includes(input.type))
      .filter((input) => input.checkVisibility())
      .map((input) => `a visible native ${input.type} input: ${input.name || input.id}`),
  ]);
}
