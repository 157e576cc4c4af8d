/**
 * The relevance set: what staff would type, with the records that answer it,
 * written from the starter content (data/starter.json) before running them.
 * German, Dutch, across languages, compounds typed joined and apart, typos of
 * one and two edits, words still being typed, comparison cells, and queries
 * the knowledge base holds nothing for. `measureRelevance` scores an index
 * against it (success@3 and MRR); the relevance test asserts a floor and
 * `npm run bench` prints the figures.
 */
import type { SearchIndex } from '../../../core/search/index';
import type { SearchSource } from '../../../core/search/types';
import { loadStarterContent } from '../../../core/store/starter-content';
import type { SearchKind } from '../../../shared/search';

export interface RelevanceCase {
  /** As typed: a trailing space means the last word is finished, none that it is still being typed. */
  query: string;
  /** Records any of which is a right answer; empty when nothing should be found. */
  expect: readonly string[];
  /** What the case is about. */
  about:
    | 'de'
    | 'nl'
    | 'cross-language'
    | 'compound joined'
    | 'compound apart'
    | 'typo 1'
    | 'typo 2'
    | 'typing'
    | 'comparison'
    | 'nothing';
}

const ROUNDABOUT = 'practice-nl-roundabout-cyclist-priority';
const TURBO = 'practice-nl-turbo-roundabout';
const FIETSSTRAAT = 'practice-nl-fietsstraat';
const ABW = 'practice-nl-activity-based-working';
const STRESS_TEST = 'practice-nl-climate-stress-test';
const HEEMPARKEN = 'practice-nl-heemparken';
const TILES = 'practice-nl-tiles-out-green-in';
const SPONGE = 'practice-de-sponge-city';
const GREEN_ROOFS = 'practice-de-green-roofs';
const STREET_TREES = 'practice-de-street-trees';
const ENCOUNTER = 'practice-de-encounter-zone';
const MOBILITY = 'practice-de-mobility-act';
const SCRUM = 'practice-de-scrum-public-projects';
const KANBAN = 'practice-de-kanban-teams';
const CLIMATE = [STRESS_TEST, HEEMPARKEN, TILES, SPONGE, GREEN_ROOFS, STREET_TREES, 'term-klimaanpassung'];

export const RELEVANCE_CASES: readonly RelevanceCase[] = [
  // German
  { about: 'de', query: 'Kreisverkehr Radfahrer Vorrang ', expect: [ROUNDABOUT] },
  { about: 'de', query: 'Turbokreisel ', expect: [TURBO, 'term-turbokreisel'] },
  { about: 'de', query: 'Fahrradstraße ', expect: [FIETSSTRAAT, 'term-fahrradstrasse'] },
  { about: 'de', query: 'Schwammstadt ', expect: [SPONGE, 'term-schwammstadt'] },
  { about: 'de', query: 'Regenwasser versickern ', expect: [SPONGE] },
  { about: 'de', query: 'Dachbegrünung Förderprogramm ', expect: [GREEN_ROOFS] },
  { about: 'de', query: 'Straßenbäume gießen ', expect: [STREET_TREES] },
  { about: 'de', query: 'Begegnungszone Maaßenstraße ', expect: [ENCOUNTER] },
  { about: 'de', query: 'Mobilitätsgesetz ', expect: [MOBILITY] },
  { about: 'de', query: 'Scrum Verwaltung ', expect: [SCRUM] },
  { about: 'de', query: 'Kanban ', expect: [KANBAN, 'term-kanban'] },
  { about: 'de', query: 'Klimastresstest ', expect: [STRESS_TEST, 'term-klimastresstest'] },
  { about: 'de', query: 'heimische Pflanzen im Park ', expect: [HEEMPARKEN] },
  { about: 'de', query: 'Pflastersteine aus dem Garten entfernen ', expect: [TILES] },
  { about: 'de', query: 'keine festen Schreibtische ', expect: [ABW] },
  // Dutch
  { about: 'nl', query: 'fietsers voorrang rotonde ', expect: [ROUNDABOUT] },
  { about: 'nl', query: 'turborotonde ', expect: [TURBO, 'term-turbokreisel'] },
  { about: 'nl', query: 'fietsstraat auto te gast ', expect: [FIETSSTRAAT] },
  { about: 'nl', query: 'sponsstad ', expect: [SPONGE, 'term-schwammstadt'] },
  { about: 'nl', query: 'groene daken subsidie ', expect: [GREEN_ROOFS] },
  { about: 'nl', query: 'straatbomen ', expect: [STREET_TREES, 'term-strassenbaum'] },
  { about: 'nl', query: 'ontmoetingszone ', expect: [ENCOUNTER, 'term-begegnungszone'] },
  { about: 'nl', query: 'mobiliteitswet ', expect: [MOBILITY] },
  { about: 'nl', query: 'kanbanbord ', expect: [KANBAN] },
  { about: 'nl', query: 'klimaatstresstest ', expect: [STRESS_TEST, 'term-klimastresstest'] },
  { about: 'nl', query: 'heemparken ', expect: [HEEMPARKEN, 'term-heemtuin'] },
  { about: 'nl', query: 'tegelwippen ', expect: [TILES] },
  { about: 'nl', query: 'activiteitgerelateerd werken ', expect: [ABW, 'term-activity-based-working'] },
  { about: 'nl', query: 'regenwater riool ', expect: [SPONGE] },
  { about: 'nl', query: 'scrum bij de overheid ', expect: [SCRUM] },
  // Across languages, through the glossary
  { about: 'cross-language', query: 'Fahrradabstellanlage ', expect: ['term-fahrradabstellanlage'] },
  { about: 'cross-language', query: 'fietsenstalling ', expect: ['term-fahrradabstellanlage'] },
  { about: 'cross-language', query: 'Hitzeaktionsplan ', expect: ['term-hitzeaktionsplan'] },
  { about: 'cross-language', query: 'hitteplan ', expect: ['term-hitzeaktionsplan'] },
  { about: 'cross-language', query: 'Beigeordnete ', expect: ['term-wethouder', 'cmp-executive-av'] },
  { about: 'cross-language', query: 'wethouder ', expect: ['term-wethouder', 'cmp-executive-av'] },
  { about: 'cross-language', query: 'Entsiegelung ', expect: [TILES, 'term-entsiegelung'] },
  { about: 'cross-language', query: 'ontharding ', expect: [TILES, 'term-entsiegelung'] },
  { about: 'cross-language', query: 'inspraak ', expect: ['term-buergerbeteiligung'] },
  { about: 'cross-language', query: 'aanbesteding ', expect: ['term-ausschreibung', SCRUM] },
  { about: 'cross-language', query: 'verkeersluw ', expect: ['term-verkehrsberuhigung', ENCOUNTER] },
  { about: 'cross-language', query: 'fietsstrook ', expect: ['term-radfahrstreifen', 'term-schutzstreifen'] },
  { about: 'cross-language', query: 'Radfahrstreifen ', expect: ['term-radfahrstreifen'] },
  { about: 'cross-language', query: 'Wärmeinsel ', expect: ['term-hitzeinsel'] },
  { about: 'cross-language', query: 'wolkbreuk ', expect: ['term-starkregen'] },
  { about: 'cross-language', query: 'stedelijk hitte-eiland ', expect: ['term-hitzeinsel'] },
  { about: 'cross-language', query: 'Bezirksstadtrat ', expect: ['term-bezirksstadtrat', 'cmp-executive-ts'] },
  { about: 'cross-language', query: 'Stadtrat ', expect: ['term-bezirksstadtrat', 'cmp-executive-ts'] },
  { about: 'cross-language', query: 'districtsraad ', expect: ['term-bvv', 'cmp-council-ts'] },
  { about: 'cross-language', query: 'gemeentesecretaris ', expect: ['term-gemeentesecretaris'] },
  // Compounds typed as one word, of parts the content has
  { about: 'compound joined', query: 'Gründachförderung ', expect: [GREEN_ROOFS] },
  { about: 'compound joined', query: 'rotondeontwerp ', expect: [ROUNDABOUT, TURBO] },
  { about: 'compound joined', query: 'Kanbanboard ', expect: [KANBAN] },
  { about: 'compound joined', query: 'Kreisverkehrsregel ', expect: [ROUNDABOUT] },
  { about: 'compound joined', query: 'Regenwasserversickerung ', expect: [SPONGE, 'term-versickerung'] },
  { about: 'compound joined', query: 'fietsersvoorrang ', expect: [ROUNDABOUT] },
  { about: 'compound joined', query: 'Baumspenden ', expect: [STREET_TREES] },
  { about: 'compound joined', query: 'Fassadenbegrünungsprogramm ', expect: [GREEN_ROOFS] },
  // Compounds typed apart, of a compound the content has
  { about: 'compound apart', query: 'Gründach Förderung ', expect: [GREEN_ROOFS] },
  { about: 'compound apart', query: 'Kanban Board ', expect: [KANBAN] },
  { about: 'compound apart', query: 'Klima Stresstest ', expect: [STRESS_TEST, 'term-klimastresstest'] },
  { about: 'compound apart', query: 'Fassaden Begrünung ', expect: [GREEN_ROOFS] },
  { about: 'compound apart', query: 'fiets straat ', expect: [FIETSSTRAAT, 'term-fahrradstrasse'] },
  { about: 'compound apart', query: 'turbo rotonde ', expect: [TURBO, 'term-turbokreisel'] },
  // One edit
  { about: 'typo 1', query: 'Schwamstadt ', expect: [SPONGE, 'term-schwammstadt'] },
  { about: 'typo 1', query: 'Mobilitätsgestz ', expect: [MOBILITY] },
  { about: 'typo 1', query: 'turborotnde ', expect: [TURBO, 'term-turbokreisel'] },
  { about: 'typo 1', query: 'klimaatstrestest ', expect: [STRESS_TEST, 'term-klimastresstest'] },
  { about: 'typo 1', query: 'Begegnugszone ', expect: [ENCOUNTER, 'term-begegnungszone'] },
  { about: 'typo 1', query: 'Onlinezugangsgestz ', expect: [SCRUM] },
  // Two edits
  { about: 'typo 2', query: 'klimaatadaptie ', expect: CLIMATE },
  { about: 'typo 2', query: 'Mobiltätsgestz ', expect: [MOBILITY] },
  { about: 'typo 2', query: 'Dachbegrunnug ', expect: [GREEN_ROOFS, 'term-dachbegruenung'] },
  { about: 'typo 2', query: 'ontmoetingzsone ', expect: [ENCOUNTER, 'term-begegnungszone'] },
  { about: 'typo 2', query: 'Klimaanpasssung ', expect: CLIMATE },
  { about: 'typo 2', query: 'heemparkn tuinen ', expect: [HEEMPARKEN, TILES] },
  // Still being typed
  { about: 'typing', query: 'Hitzeaktionspl', expect: ['term-hitzeaktionsplan'] },
  { about: 'typing', query: 'Begegnungsz', expect: [ENCOUNTER, 'term-begegnungszone'] },
  { about: 'typing', query: 'turborot', expect: [TURBO, 'term-turbokreisel'] },
  { about: 'typing', query: 'Mobilitätsg', expect: [MOBILITY] },
  // The comparison of the two administrations
  { about: 'comparison', query: 'Gemeinderat ', expect: ['cmp-council-av', 'term-gemeenteraad'] },
  { about: 'comparison', query: 'Bürgermeister Amstelveen ', expect: ['cmp-executive-av', 'term-burgemeester'] },
  { about: 'comparison', query: 'legal status ', expect: ['cmp-legal-status-ts', 'cmp-legal-status-av'] },
  { about: 'comparison', query: 'Bezirksverordnetenversammlung ', expect: ['cmp-council-ts', 'term-bvv'] },
  { about: 'comparison', query: 'Stadtstaat ', expect: ['cmp-legal-status-ts'] },
  { about: 'comparison', query: 'Rechtspersönlichkeit der Bezirke ', expect: ['cmp-legal-status-ts'] },
  { about: 'comparison', query: 'gemeenteraad ', expect: ['cmp-council-av', 'term-gemeenteraad'] },
  {
    about: 'comparison',
    query: 'college van burgemeester en wethouders ',
    expect: ['cmp-executive-av', 'term-college-bw'],
  },
  // Nothing in the knowledge base answers these
  { about: 'nothing', query: 'Parkausweis beantragen ', expect: [] },
  { about: 'nothing', query: 'parkeervergunning aanvragen ', expect: [] },
  { about: 'nothing', query: 'Hundesteuer ', expect: [] },
  { about: 'nothing', query: 'afvalinzameling ', expect: [] },
  { about: 'nothing', query: 'Sperrmüll abholen lassen ', expect: [] },
  { about: 'nothing', query: 'kinderopvangtoeslag aanvragen ', expect: [] },
  { about: 'nothing', query: 'Kita-Gutschein beantragen ', expect: [] },
  // Written as "nothing" at first; the glossary's Bürgeramt entry names both, so it answers them.
  { about: 'cross-language', query: 'Personalausweis verlängern ', expect: ['term-buergeramt'] },
  { about: 'cross-language', query: 'paspoort verlengen ', expect: ['term-buergeramt'] },
];

/** The group a record's hits are reported in, by its id. */
function kindOf(id: string): SearchKind | 'comparison' {
  if (id.startsWith('practice-')) return 'practices';
  if (id.startsWith('term-')) return 'glossary';
  if (id.startsWith('cmp-')) return 'comparison';
  if (id.startsWith('visit-')) return 'visits';
  return 'annotations';
}

export interface RelevanceFigures {
  cases: number;
  /** Share of queries with a right answer in the top 3 of its group (for "nothing": no result at all). */
  successAt3: number;
  /** Mean reciprocal rank of the first right answer in its group (for "nothing": 1 when nothing is found). */
  mrr: number;
  /** The queries that missed, with what came first instead. */
  misses: { query: string; expect: readonly string[]; got: string[] }[];
}

/** Scores an index against the relevance set. */
export function measureRelevance(
  index: SearchIndex,
  cases: readonly RelevanceCase[] = RELEVANCE_CASES,
): RelevanceFigures {
  let hits = 0;
  let reciprocal = 0;
  const misses: RelevanceFigures['misses'] = [];
  for (const { query, expect } of cases) {
    const results = index.search({ text: query }) as unknown as Record<string, { id: string }[] | undefined>;
    const groups = ['practices', 'comparison', 'glossary', 'visits', 'annotations'];
    const got = groups.flatMap((group) => (results[group] ?? []).slice(0, 3).map((hit) => hit.id));
    let rank = 0;
    if (expect.length === 0) {
      rank = got.length === 0 ? 1 : 0;
    } else {
      for (const id of expect) {
        const at = (results[kindOf(id)] ?? []).findIndex((hit) => hit.id === id);
        if (at >= 0 && (rank === 0 || at + 1 < rank)) rank = at + 1;
      }
    }
    if (rank >= 1 && rank <= 3) hits++;
    else misses.push({ query, expect, got });
    if (rank > 0) reciprocal += 1 / rank;
  }
  return { cases: cases.length, successAt3: hits / cases.length, mrr: reciprocal / cases.length, misses };
}

/** The starter content as a search source. */
export function starterSource(): SearchSource {
  const { release: _release, ...content } = loadStarterContent();
  const data: Record<string, readonly unknown[]> = { ...content, annotations: [] };
  return { all: (collection: string) => data[collection] ?? [] } as SearchSource;
}
