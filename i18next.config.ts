/**
 * i18next-cli configuration, used for `lint` only (scripts/i18n-lint.mjs):
 * the locale files are written by hand, never by `extract` or `sync`.
 * The type import is erased, so loading this file needs no part of the CLI.
 */
import type { I18nextToolkitConfig } from 'i18next-cli';

export default {
  locales: ['de', 'nl'],
  extract: {
    // .ts too: hooks call t() and live in files of their own.
    input: ['renderer/src/**/*.{ts,tsx}'],
    output: 'locales/{{language}}/{{namespace}}.json',
    defaultNS: 'app',
    primaryLanguage: 'de',
  },
  lint: {
    // Text in every element, the app's own components included, not only in common HTML tags.
    acceptedTags: 'all',
    // No accept-list: every attribute string is UI text (props like `message` or `confirmLabel` too)
    // unless the tool knows it as technical (className, id, key, role, type, href…) or it is named here.
    acceptedAttributes: [],
    ignoredAttributes: [
      // ID references and enumerated values, never shown
      'aria-labelledby',
      'aria-describedby',
      'aria-controls',
      'aria-owns',
      'aria-activedescendant',
      'aria-errormessage',
      'aria-live',
      'aria-busy',
      'aria-autocomplete',
      'aria-current',
      'aria-haspopup',
      'aria-expanded',
      'aria-hidden',
      'aria-invalid',
      'aria-sort',
      'aria-relevant',
      'aria-modal',
      'aria-pressed',
      'aria-checked',
      'aria-selected',
      'aria-orientation',
      'scope',
      'value',
      'accept',
      'lang',
      'dir',
      'inputMode',
      'enterKeyHint',
      // the app's own props that take a key, not text
      'collection',
      'operation',
    ],
  },
} satisfies I18nextToolkitConfig;
