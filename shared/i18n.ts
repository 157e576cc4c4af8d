/**
 * i18next set-up shared by main (menus, dialogs) and renderer: the same
 * locales/ files, the same options. Dates and numbers go through i18next's
 * Intl formatters, plurals through Intl.PluralRules.
 */
import type { InitOptions } from 'i18next';
import deApp from '../locales/de/app.json';
import deCli from '../locales/de/cli.json';
import deCompare from '../locales/de/compare.json';
import deErrors from '../locales/de/errors.json';
import deExchange from '../locales/de/exchange.json';
import deMenu from '../locales/de/menu.json';
import deSearch from '../locales/de/search.json';
import deVisits from '../locales/de/visits.json';
import nlApp from '../locales/nl/app.json';
import nlCli from '../locales/nl/cli.json';
import nlCompare from '../locales/nl/compare.json';
import nlErrors from '../locales/nl/errors.json';
import nlExchange from '../locales/nl/exchange.json';
import nlMenu from '../locales/nl/menu.json';
import nlSearch from '../locales/nl/search.json';
import nlVisits from '../locales/nl/visits.json';
import type { Lang } from './model';

export const resources = {
  de: {
    app: deApp,
    cli: deCli,
    compare: deCompare,
    errors: deErrors,
    exchange: deExchange,
    menu: deMenu,
    search: deSearch,
    visits: deVisits,
  },
  nl: {
    app: nlApp,
    cli: nlCli,
    compare: nlCompare,
    errors: nlErrors,
    exchange: nlExchange,
    menu: nlMenu,
    search: nlSearch,
    visits: nlVisits,
  },
} as const;

export const NAMESPACES = Object.keys(resources.de) as (keyof (typeof resources)['de'])[];

export function i18nOptions(language: Lang): InitOptions {
  return {
    lng: language,
    supportedLngs: ['de', 'nl'],
    fallbackLng: 'de',
    ns: NAMESPACES,
    defaultNS: 'app',
    resources,
    interpolation: { escapeValue: false }, // React and native dialogs escape for themselves
    returnNull: false,
    initAsync: false,
  };
}
