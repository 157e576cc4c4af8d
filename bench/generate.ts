/**
 * A deterministic generator of a synthetic bilingual knowledge base for
 * benchmarks. Same options and seed → same records. The text is built from
 * German and Dutch vocabulary of the partnership's topics, with inflected
 * forms, umlauts, ß, Dutch diacritics and compounds (generated from aligned
 * German/Dutch parts, so the glossary can link them), so that search is
 * exercised as real content would.
 *
 * Records are valid against shared/model.ts (versions `{}`).
 */
import { z } from 'zod';
import { StoreData } from '../core/store/store';
import { textHash } from '../core/store/translation';
import type {
  Annotation,
  AnnotationKind,
  ComparisonEntry,
  GlossaryTerm,
  Lang,
  Organisation,
  Practice,
  PracticeText,
  Topic,
  Visit,
} from '../shared/model';

export interface GenerateOptions {
  practices: number;
  annotationsPerPractice: number;
  seed?: number;
}

/** The collections the generator fills, checked with the store's own schemas. */
const GeneratedKnowledgeBase = StoreData.pick({
  organisations: true,
  topics: true,
  practices: true,
  annotations: true,
  visits: true,
  glossary: true,
  comparison: true,
});
export type GeneratedKnowledgeBase = z.infer<typeof GeneratedKnowledgeBase>;

export const GENERATED_TS = 'org-tempelhof-schoeneberg';
export const GENERATED_AV = 'org-amstelveen';
/**
 * The installation the generated records were made on: each carries its first
 * version, as any record that is not starter content must to travel in a bundle.
 */
export const GENERATOR_INSTALLATION = '00000000-0000-4000-8000-0000000000ee';
const FIRST_VERSION = { version: { [GENERATOR_INSTALLATION]: 1 }, changedBy: GENERATOR_INSTALLATION };

// --- vocabulary ---------------------------------------------------------------

interface TopicWords {
  id: string;
  name: Record<Lang, string>;
  /** Nouns as [singular, plural]. */
  nouns: Record<Lang, [string, string][]>;
}

/** The starter content's topics (same ids), so that opening a generated store adds none beside them. */
const TOPICS: TopicWords[] = [
  {
    id: 'topic-roundabouts',
    name: { de: 'Kreisverkehre', nl: 'Rotondes' },
    nouns: {
      de: [
        ['Kreisverkehr', 'Kreisverkehre'],
        ['Kreisel', 'Kreisel'],
        ['Verkehrsinsel', 'Verkehrsinseln'],
        ['Kreuzung', 'Kreuzungen'],
        ['Vorfahrt', 'Vorfahrtsregeln'],
        ['Fahrbahn', 'Fahrbahnen'],
        ['Zebrastreifen', 'Zebrastreifen'],
        ['Fußgängerüberweg', 'Fußgängerüberwege'],
      ],
      nl: [
        ['rotonde', 'rotondes'],
        ['turborotonde', 'turborotondes'],
        ['verkeerseiland', 'verkeerseilanden'],
        ['kruispunt', 'kruispunten'],
        ['voorrang', 'voorrangsregels'],
        ['rijbaan', 'rijbanen'],
        ['zebrapad', 'zebrapaden'],
        ['oversteekplaats', 'oversteekplaatsen'],
      ],
    },
  },
  {
    id: 'topic-traffic-infrastructure',
    name: { de: 'Verkehrsinfrastruktur', nl: 'Verkeersinfrastructuur' },
    nouns: {
      de: [
        ['Straße', 'Straßen'],
        ['Radweg', 'Radwege'],
        ['Haltestelle', 'Haltestellen'],
        ['Brücke', 'Brücken'],
        ['Ampel', 'Ampeln'],
        ['Fahrradstraße', 'Fahrradstraßen'],
        ['Parkplatz', 'Parkplätze'],
        ['Gehweg', 'Gehwege'],
      ],
      nl: [
        ['straat', 'straten'],
        ['fietspad', 'fietspaden'],
        ['halte', 'haltes'],
        ['brug', 'bruggen'],
        ['verkeerslicht', 'verkeerslichten'],
        ['fietsstraat', 'fietsstraten'],
        ['parkeerplaats', 'parkeerplaatsen'],
        ['stoep', 'stoepen'],
      ],
    },
  },
  {
    id: 'topic-green-spaces',
    name: { de: 'Grünflächen', nl: 'Groenvoorzieningen' },
    nouns: {
      de: [
        ['Grünfläche', 'Grünflächen'],
        ['Straßenbaum', 'Straßenbäume'],
        ['Park', 'Parks'],
        ['Blühwiese', 'Blühwiesen'],
        ['Spielplatz', 'Spielplätze'],
        ['Gemeinschaftsgarten', 'Gemeinschaftsgärten'],
        ['Hecke', 'Hecken'],
        ['Baumscheibe', 'Baumscheiben'],
      ],
      nl: [
        ['groenstrook', 'groenstroken'],
        ['straatboom', 'straatbomen'],
        ['park', 'parken'],
        ['bloemenweide', 'bloemenweides'],
        ['speeltuin', 'speeltuinen'],
        ['buurttuin', 'buurttuinen'],
        ['haag', 'hagen'],
        ['boomspiegel', 'boomspiegels'],
      ],
    },
  },
  {
    id: 'topic-office-design',
    name: { de: 'Bürogestaltung', nl: 'Kantoorinrichting' },
    nouns: {
      de: [
        ['Büro', 'Büros'],
        ['Arbeitsplatz', 'Arbeitsplätze'],
        ['Besprechungsraum', 'Besprechungsräume'],
        ['Ruhezone', 'Ruhezonen'],
        ['Schreibtisch', 'Schreibtische'],
        ['Großraumbüro', 'Großraumbüros'],
        ['Teeküche', 'Teeküchen'],
        ['Homeoffice', 'Homeoffices'],
      ],
      nl: [
        ['kantoor', 'kantoren'],
        ['werkplek', 'werkplekken'],
        ['vergaderruimte', 'vergaderruimtes'],
        ['stilteruimte', 'stilteruimtes'],
        ['bureau', 'bureaus'],
        ['kantoortuin', 'kantoortuinen'],
        ['pantry', "pantry's"],
        ['thuiswerkplek', 'thuiswerkplekken'],
      ],
    },
  },
  {
    id: 'topic-agile',
    name: { de: 'Agiles Projektmanagement', nl: 'Agile projectmanagement' },
    nouns: {
      de: [
        ['Sprint', 'Sprints'],
        ['Projektgruppe', 'Projektgruppen'],
        ['Rückblick', 'Rückblicke'],
        ['Aufgabenliste', 'Aufgabenlisten'],
        ['Arbeitspaket', 'Arbeitspakete'],
        ['Zwischenergebnis', 'Zwischenergebnisse'],
        ['Lenkungsausschuss', 'Lenkungsausschüsse'],
        ['Besprechung', 'Besprechungen'],
      ],
      nl: [
        ['sprint', 'sprints'],
        ['projectgroep', 'projectgroepen'],
        ['terugblik', 'terugblikken'],
        ['takenlijst', 'takenlijsten'],
        ['werkpakket', 'werkpakketten'],
        ['tussenresultaat', 'tussenresultaten'],
        ['stuurgroep', 'stuurgroepen'],
        ['overleg', 'overleggen'],
      ],
    },
  },
  {
    id: 'topic-climate-adaptation',
    name: { de: 'Klimaanpassung', nl: 'Klimaatadaptatie' },
    nouns: {
      de: [
        ['Versickerungsmulde', 'Versickerungsmulden'],
        ['Gründach', 'Gründächer'],
        ['Hitzewelle', 'Hitzewellen'],
        ['Starkregen', 'Starkregenereignisse'],
        ['Regenwasser', 'Regenwässer'],
        ['Zisterne', 'Zisternen'],
        ['Entsiegelung', 'Entsiegelungen'],
        ['Schattenplatz', 'Schattenplätze'],
      ],
      nl: [
        ['wadi', "wadi's"],
        ['groendak', 'groendaken'],
        ['hittegolf', 'hittegolven'],
        ['wolkbreuk', 'wolkbreuken'],
        ['regenwater', 'regenwateren'],
        ['regenton', 'regentonnen'],
        ['ontharding', 'ontharding'],
        ['schaduwplek', 'schaduwplekken'],
      ],
    },
  },
  {
    id: 'topic-administration',
    name: { de: 'Verwaltungsstruktur', nl: 'Bestuursstructuur' },
    nouns: {
      de: [
        ['Bezirksamt', 'Bezirksämter'],
        ['Bezirksverordnetenversammlung', 'Bezirksverordnetenversammlungen'],
        ['Stadtrat', 'Stadträte'],
        ['Abteilung', 'Abteilungen'],
        ['Fachbereich', 'Fachbereiche'],
        ['Zuständigkeit', 'Zuständigkeiten'],
        ['Haushalt', 'Haushalte'],
        ['Bürgerbeteiligung', 'Bürgerbeteiligungen'],
      ],
      nl: [
        ['gemeente', 'gemeenten'],
        ['gemeenteraad', 'gemeenteraden'],
        ['wethouder', 'wethouders'],
        ['afdeling', 'afdelingen'],
        ['team', 'teams'],
        ['bevoegdheid', 'bevoegdheden'],
        ['begroting', 'begrotingen'],
        ['burgerparticipatie', 'burgerparticipaties'],
      ],
    },
  },
];

/** Aligned compound parts: German head (with linking element) + tail ↔ Dutch head + tail. */
const HEADS: [string, string][] = [
  ['Verkehrs', 'verkeers'],
  ['Straßen', 'straat'],
  ['Grünflächen', 'groen'],
  ['Klima', 'klimaat'],
  ['Büro', 'kantoor'],
  ['Projekt', 'project'],
  ['Bezirks', 'wijk'],
  ['Rad', 'fiets'],
  ['Regenwasser', 'regenwater'],
  ['Baum', 'bomen'],
  ['Spielplatz', 'speeltuin'],
  ['Park', 'park'],
  ['Stadt', 'stads'],
  ['Bürger', 'burger'],
  ['Arbeits', 'werk'],
];
const TAILS: [string, string][] = [
  ['planung', 'planning'],
  ['konzept', 'concept'],
  ['sicherheit', 'veiligheid'],
  ['infrastruktur', 'infrastructuur'],
  ['amt', 'dienst'],
  ['management', 'management'],
  ['gestaltung', 'inrichting'],
  ['pflege', 'onderhoud'],
  ['anpassung', 'aanpassing'],
  ['beteiligung', 'participatie'],
  ['netz', 'netwerk'],
  ['versuch', 'proef'],
  ['bericht', 'rapport'],
  ['kosten', 'kosten'],
  ['leitung', 'leiding'],
];

/** Aligned middle parts for three-part compounds ("Straßenbaumpflege", "straatboomonderhoud"). */
const MIDDLES: [string, string][] = [
  ['baum', 'boom'],
  ['rad', 'fiets'],
  ['park', 'park'],
  ['regen', 'regen'],
  ['schul', 'school'],
  ['spiel', 'speel'],
  ['markt', 'markt'],
  ['wasser', 'water'],
  ['licht', 'licht'],
  ['lärm', 'geluids'],
  ['bus', 'bus'],
  ['wohn', 'woon'],
  ['energie', 'energie'],
  ['dach', 'dak'],
  ['müll', 'afval'],
  ['hitze', 'hitte'],
  ['bau', 'bouw'],
  ['sport', 'sport'],
  ['kinder', 'kinder'],
  ['brücken', 'brug'],
];
/** Streets and places: the long tail of names every real text has. */
const PLACE_ROOTS = [
  'Linden',
  'Eichen',
  'Birken',
  'Kastanien',
  'Ahorn',
  'Rosen',
  'Tulpen',
  'Mühlen',
  'Kirch',
  'Schul',
  'Bahnhof',
  'Markt',
  'Wiesen',
  'Garten',
  'Brunnen',
  'Sonnen',
  'Mond',
  'Stern',
  'Feld',
  'Berg',
  'Tal',
  'See',
  'Fluss',
  'Wald',
  'Heide',
  'Dorf',
  'Burg',
  'Schloss',
  'Hafen',
  'Insel',
  'Amstel',
  'Bovenkerk',
  'Westwijk',
  'Keizer',
  'Poort',
  'Zonne',
  'Molen',
  'Kerk',
  'Dijk',
  'Polder',
];
const PLACE_ENDINGS: Record<Lang, string[]> = {
  de: ['straße', 'weg', 'platz', 'allee', 'damm', 'ufer', 'park', 'ring'],
  nl: ['straat', 'weg', 'plein', 'laan', 'dijk', 'kade', 'park', 'singel'],
};

const GERMAN = {
  adjectives: [
    'neu',
    'sicher',
    'grün',
    'öffentlich',
    'barrierefrei',
    'schnell',
    'gemeinsam',
    'nachhaltig',
    'günstig',
    'groß',
    'klein',
    'flexibel',
    'übersichtlich',
    'ruhig',
  ],
  endings: ['', 'e', 'en', 'er', 'es'],
  verbs: [
    'plant',
    'baut',
    'prüft',
    'verbessert',
    'entwickelt',
    'pflegt',
    'finanziert',
    'gestaltet',
    'beschließt',
    'testet',
    'begleitet',
    'misst',
    'erneuert',
    'öffnet',
  ],
  subjects: [
    'Das Bezirksamt',
    'Die Abteilung',
    'Das Team',
    'Die Verwaltung',
    'Die Projektgruppe',
    'Der Fachbereich',
    'Die Nachbarschaft',
    'Das Straßen- und Grünflächenamt',
  ],
  connectors: [
    'Dabei',
    'Außerdem',
    'Zuerst',
    'Danach',
    'Seit dem Frühjahr',
    'Im nächsten Jahr',
    'Gemeinsam mit Anwohnern',
    'Nach der Ausschreibung',
  ],
  prepositions: ['mit', 'für', 'an', 'in', 'nach', 'über', 'ohne', 'entlang'],
  articles: ['die', 'den', 'der', 'das', 'eine', 'einen'],
  titles: ['Erfahrungen mit', 'Neue Wege für', 'Leitfaden:', 'Pilotprojekt', 'Wie wir', 'Bilanz:'],
  kinds: { lesson: 'Gelernt:', question: 'Frage:', comment: 'Anmerkung:' } as Record<AnnotationKind, string>,
};
const DUTCH = {
  adjectives: [
    'nieuw',
    'veilig',
    'groen',
    'openbaar',
    'toegankelijk',
    'snel',
    'gezamenlijk',
    'duurzaam',
    'goedkoop',
    'groot',
    'klein',
    'flexibel',
    'overzichtelijk',
    'rustig',
  ],
  endings: ['', 'e'],
  verbs: [
    'plant',
    'bouwt',
    'onderzoekt',
    'verbetert',
    'ontwikkelt',
    'onderhoudt',
    'financiert',
    'richt in',
    'besluit over',
    'test',
    'begeleidt',
    'meet',
    'vernieuwt',
    'opent',
  ],
  subjects: [
    'De gemeente',
    'De afdeling',
    'Het team',
    'Het college',
    'De projectgroep',
    'De wethouder',
    'De buurt',
    'De dienst',
  ],
  connectors: [
    'Daarbij',
    'Bovendien',
    'Eerst',
    'Daarna',
    'Sinds het voorjaar',
    'Volgend jaar',
    'Samen met bewoners',
    'Na de aanbesteding',
  ],
  prepositions: ['met', 'voor', 'aan', 'in', 'na', 'over', 'zonder', 'langs'],
  articles: ['de', 'het', 'een'],
  titles: ['Ervaringen met', 'Nieuwe wegen voor', 'Handreiking:', 'Pilot', 'Hoe wij', 'Balans:'],
  kinds: { lesson: 'Geleerd:', question: 'Vraag:', comment: 'Opmerking:' } as Record<AnnotationKind, string>,
  /** Words with ë/ï/é, so Dutch diacritics occur. */
  diacritics: [
    'ideeën',
    'coördinatie',
    'geïnteresseerd',
    'financiële',
    'reünie',
    'café',
    'privé',
    'zeeën',
    'naïef',
    'efficiënt',
  ],
};

const FIRST_NAMES = {
  de: ['Anna', 'Jonas', 'Fatma', 'Lukas', 'Marie', 'Deniz', 'Sabine', 'Thomas'],
  nl: ['Jan', 'Sanne', 'Daan', 'Fleur', 'Mohamed', 'Eva', 'Pieter', 'Lotte'],
};
const LAST_NAMES = {
  de: ['Schmidt', 'Yılmaz', 'Müller', 'Weiß', 'Krüger', 'Öztürk', 'Becker', 'Hoffmann'],
  nl: ['de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'El Amrani', 'de Boer'],
};

const GLOSSARY_CORE: [string, string][] = [
  ['Kreisverkehr', 'rotonde'],
  ['Bezirksamt', 'gemeente'],
  ['Bürogestaltung', 'kantoorinrichting'],
  ['Grünfläche', 'groenvoorziening'],
  ['Klimaanpassung', 'klimaatadaptatie'],
  ['Radweg', 'fietspad'],
  ['Bürgerbeteiligung', 'burgerparticipatie'],
  ['Verkehrsinsel', 'verkeerseiland'],
  ['Versickerungsmulde', 'wadi'],
  ['Ausschreibung', 'aanbesteding'],
  ['Stadtrat', 'wethouder'],
  ['Haushalt', 'begroting'],
  ['agiles Projektmanagement', 'agile projectmanagement'],
  ['Bezirksverordnetenversammlung', 'gemeenteraad'],
  ['Arbeitsplatz', 'werkplek'],
];

// --- random numbers -------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Writer {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = random(seed);
  }
  float(): number {
    return this.#next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  /** Skewed towards the first items, as word use is in real text. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(items.length * this.#next() ** 1.6)]!;
  }
  uniform<T>(items: readonly T[]): T {
    return items[Math.floor(items.length * this.#next())]!;
  }
}

// --- text ---------------------------------------------------------------------

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
const lowerFirst = (word: string): string => word.charAt(0).toLowerCase() + word.slice(1);

function compound(w: Writer, lang: Lang): string {
  const [head, tail] = [w.pick(HEADS), w.pick(TAILS)];
  const side = lang === 'de' ? 0 : 1;
  const middle = w.chance(0.4) ? w.uniform(MIDDLES)[side] : '';
  return head[side] + middle + tail[side];
}

function place(w: Writer, lang: Lang): string {
  return w.uniform(PLACE_ROOTS) + w.uniform(PLACE_ENDINGS[lang]);
}

function noun(w: Writer, lang: Lang, topic: TopicWords): string {
  if (w.chance(0.35)) return compound(w, lang);
  const [singular, plural] = w.pick(topic.nouns[lang]);
  return w.chance(0.4) ? plural : singular;
}

function adjective(w: Writer, lang: Lang): string {
  const words = lang === 'de' ? GERMAN : DUTCH;
  return w.pick(words.adjectives) + w.uniform(words.endings);
}

function sentence(w: Writer, lang: Lang, topic: TopicWords): string {
  const words = lang === 'de' ? GERMAN : DUTCH;
  const subject = w.uniform(words.subjects);
  const verb = w.pick(words.verbs);
  // After a connector, verb and subject swap places in both languages ("Danach plant die Abteilung …").
  const opening = w.chance(0.3) ? [w.uniform(words.connectors), verb, lowerFirst(subject)] : [subject, verb];
  const parts = [
    ...opening,
    w.uniform(words.articles),
    adjective(w, lang),
    nounWithCase(w, lang, topic),
    w.uniform(words.prepositions),
    w.uniform(words.articles),
    nounWithCase(w, lang, topic),
  ];
  if (lang === 'nl' && w.chance(0.15)) parts.push('en', w.uniform(DUTCH.diacritics));
  if (w.chance(0.2)) parts.push(lang === 'de' ? 'im Bezirk Tempelhof-Schöneberg' : 'in Amstelveen');
  if (w.chance(0.25)) parts.push(lang === 'de' ? 'an der' : 'aan de', place(w, lang));
  if (w.chance(0.1)) parts.push(lang === 'de' ? 'seit' : 'sinds', String(w.int(1990, 2026)));
  return `${parts.filter(Boolean).join(' ')}.`;
}

/** Dutch nouns are lower case; German nouns are capitalized. */
function nounWithCase(w: Writer, lang: Lang, topic: TopicWords): string {
  const word = noun(w, lang, topic);
  return lang === 'de' ? capitalize(word) : word;
}

function paragraph(w: Writer, lang: Lang, topic: TopicWords, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(w, lang, topic)).join(' ');
}

function practiceText(w: Writer, lang: Lang, topic: TopicWords): PracticeText {
  const words = lang === 'de' ? GERMAN : DUTCH;
  const title = `${w.uniform(words.titles)} ${adjective(w, lang)} ${nounWithCase(w, lang, topic)}`;
  const headings =
    lang === 'de'
      ? ['Ausgangslage', 'Vorgehen', 'Ergebnis', 'Kosten']
      : ['Aanleiding', 'Aanpak', 'Resultaat', 'Kosten'];
  const sections = headings
    .slice(0, w.int(2, 4))
    .map((heading) => `## ${heading}\n\n${paragraph(w, lang, topic, w.int(2, 4))}`);
  return { title: capitalize(title), summary: paragraph(w, lang, topic, w.int(1, 2)), body: sections.join('\n\n') };
}

// --- records ------------------------------------------------------------------

function timestamp(w: Writer, from = Date.UTC(2024, 0, 1), days = 700): string {
  return new Date(from + w.int(0, days * 24) * 3_600_000).toISOString();
}

const pad = (n: number, width = 6): string => String(n).padStart(width, '0');

export function generateKnowledgeBase(options: GenerateOptions): GeneratedKnowledgeBase {
  const w = new Writer(options.seed ?? 1);
  const organisations: Organisation[] = [
    {
      id: GENERATED_TS,
      ...FIRST_VERSION,
      name: { de: 'Tempelhof-Schöneberg', nl: 'Tempelhof-Schöneberg' },
      country: 'DE',
      kind: 'berlin-district',
    },
    {
      id: GENERATED_AV,
      ...FIRST_VERSION,
      name: { de: 'Amstelveen', nl: 'Amstelveen' },
      country: 'NL',
      kind: 'gemeente',
    },
  ];
  const topics: Topic[] = TOPICS.map((topic) => ({ id: topic.id, ...FIRST_VERSION, name: { ...topic.name } }));

  const practices: Practice[] = [];
  const annotations: Annotation[] = [];
  for (let i = 1; i <= options.practices; i++) {
    const topic = w.uniform(TOPICS);
    const organisationId = w.chance(0.5) ? GENERATED_TS : GENERATED_AV;
    const originalLanguage: Lang =
      organisationId === GENERATED_TS ? (w.chance(0.9) ? 'de' : 'nl') : w.chance(0.9) ? 'nl' : 'de';
    const translation: Lang = originalLanguage === 'de' ? 'nl' : 'de';
    const original = practiceText(w, originalLanguage, topic);
    const texts: Practice['texts'] = { [originalLanguage]: original };
    if (w.chance(0.6)) {
      // Most translations are current; some were made from an older original.
      const basedOn = w.chance(0.75)
        ? textHash(original)
        : textHash({ title: `${original.title} (alt)`, summary: '', body: '' });
      texts[translation] = { ...practiceText(w, translation, topic), basedOn };
    }
    const createdAt = timestamp(w);
    const secondTopic = w.chance(0.25) ? w.uniform(TOPICS).id : topic.id;
    const id = `practice-${pad(i)}`;
    practices.push({
      id,
      ...FIRST_VERSION,
      organisationId,
      topicIds: [...new Set([topic.id, secondTopic])],
      tags: [w.pick(topic.nouns[originalLanguage])[0].toLowerCase()],
      originalLanguage,
      texts,
      sources: w.chance(0.3) ? [{ title: 'Bericht', url: `https://example.org/${id}` }] : [],
      createdAt,
      updatedAt: createdAt,
      ...(w.chance(0.02) ? { deletedAt: createdAt } : {}),
    });
    for (let j = 1; j <= options.annotationsPerPractice; j++) {
      const language: Lang = w.chance(0.5) ? 'de' : 'nl';
      const kind = w.uniform(['lesson', 'question', 'comment'] as const);
      const authorOrg = language === 'de' ? GENERATED_TS : GENERATED_AV;
      const at = timestamp(w);
      annotations.push({
        id: `annotation-${pad(i)}-${pad(j, 2)}`,
        ...FIRST_VERSION,
        practiceId: id,
        kind,
        text: `${(language === 'de' ? GERMAN : DUTCH).kinds[kind]} ${paragraph(w, language, topic, w.int(1, 3))}`,
        language,
        author: `${w.uniform(FIRST_NAMES[language])} ${w.uniform(LAST_NAMES[language])}`,
        organisationId: authorOrg,
        createdAt: at,
        updatedAt: at,
      });
    }
  }

  const visits: Visit[] = [];
  const visitCount = Math.max(2, Math.round(options.practices / 50));
  for (let i = 1; i <= visitCount; i++) {
    const topic = w.uniform(TOPICS);
    const fromTs = i % 2 === 1;
    const start = new Date(Date.UTC(2024, 0, 1) + w.int(0, 900) * 86_400_000);
    const at = timestamp(w);
    visits.push({
      id: `visit-${pad(i, 4)}`,
      ...FIRST_VERSION,
      hostOrganisationId: fromTs ? GENERATED_AV : GENERATED_TS,
      guestOrganisationId: fromTs ? GENERATED_TS : GENERATED_AV,
      status: start.getTime() < Date.UTC(2026, 0, 1) ? 'held' : 'planned',
      startDate: start.toISOString().slice(0, 10),
      participants: Array.from({ length: w.int(2, 6) }, () => {
        const lang: Lang = w.chance(0.5) ? 'de' : 'nl';
        return { name: `${w.uniform(FIRST_NAMES[lang])} ${w.uniform(LAST_NAMES[lang])}` };
      }),
      topicIds: [topic.id],
      programme: [],
      notes: { de: paragraph(w, 'de', topic, w.int(2, 5)), nl: paragraph(w, 'nl', topic, w.int(2, 5)) },
      sources: [],
      createdAt: at,
      updatedAt: at,
    });
  }

  const glossaryPairs: [string, string][] = [...GLOSSARY_CORE];
  for (const [head, tail] of HEADS.flatMap((head) => TAILS.map((tail) => [head, tail] as const))) {
    if (glossaryPairs.length >= 60) break;
    if (w.chance(0.2)) glossaryPairs.push([head[0] + tail[0], head[1] + tail[1]]);
  }
  const glossary: GlossaryTerm[] = glossaryPairs.map(([de, nl], i) => {
    const at = timestamp(w);
    return {
      id: `term-${pad(i + 1, 3)}`,
      ...FIRST_VERSION,
      term: { de, nl },
      definition: { de: `${de}: Begriff aus der Partnerschaft.`, nl: `${nl}: begrip uit het partnerschap.` },
      topicIds: [],
      createdAt: at,
      updatedAt: at,
    };
  });

  const comparison: ComparisonEntry[] = [
    'legal-status',
    'council',
    'executive',
    ...TOPICS.map((t) => `topic:${t.id}`),
  ].flatMap((dimension) =>
    organisations.map((organisation) => {
      const at = timestamp(w);
      const topic = w.uniform(TOPICS);
      return {
        id: `comparison-${dimension.replace(/[^a-z0-9-]/g, '-')}-${organisation.id}`,
        ...FIRST_VERSION,
        dimension,
        organisationId: organisation.id,
        text: { de: paragraph(w, 'de', topic, 2), nl: paragraph(w, 'nl', topic, 2) },
        createdAt: at,
        updatedAt: at,
      };
    }),
  );

  return { organisations, topics, practices, annotations, visits, glossary, comparison };
}

/** Throws (naming the first invalid record) unless every record is valid against the model schemas. */
export function validateKnowledgeBase(kb: GeneratedKnowledgeBase): void {
  GeneratedKnowledgeBase.parse(kb);
}
