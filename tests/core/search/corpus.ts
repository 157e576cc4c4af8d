/**
 * A small hand-written bilingual knowledge base for the relevance tests. Each
 * record is written to exercise one case: inflection, umlauts, ß, compounds,
 * Dutch diacritics, the "sicherheit" → "sich" trap, cross-language glossary
 * links and filters. Ids say what a record is for.
 */
import { textHash } from '../../../core/store/translation';
import type { SearchSource } from '../../../core/search/types';
import type {
  Annotation,
  ComparisonEntry,
  GlossaryTerm,
  Organisation,
  Practice,
  PracticeText,
  TagLabel,
  Topic,
  Visit,
} from '../../../shared/model';

export const TS = 'org-ts';
export const AV = 'org-av';

const T0 = '2026-03-01T09:00:00.000Z';
const stamps = { version: {}, createdAt: T0, updatedAt: T0 };

export const organisations: Organisation[] = [
  {
    id: TS,
    version: {},
    name: { de: 'Tempelhof-Schöneberg', nl: 'Tempelhof-Schöneberg' },
    country: 'DE',
    kind: 'berlin-district',
  },
  { id: AV, version: {}, name: { de: 'Amstelveen', nl: 'Amstelveen' }, country: 'NL', kind: 'gemeente' },
];

const topic = (id: string, de: string, nl: string): Topic => ({ id, version: {}, name: { de, nl } });
export const topics: Topic[] = [
  topic('topic-roundabouts', 'Kreisverkehre', 'Rotondes'),
  topic('topic-traffic', 'Verkehrsinfrastruktur', 'Verkeersinfrastructuur'),
  topic('topic-green', 'Grünflächen', 'Groenvoorzieningen'),
  topic('topic-office', 'Bürogestaltung', 'Kantoorinrichting'),
  topic('topic-agile', 'Agiles Projektmanagement', 'Agile projectmanagement'),
  topic('topic-climate', 'Klimaanpassung', 'Klimaatadaptatie'),
];

const text = (title: string, summary: string, body: string): PracticeText => ({ title, summary, body });
const translationOf = (original: PracticeText, translation: PracticeText): PracticeText => ({
  ...translation,
  basedOn: textHash(original),
});

interface PracticeSpec {
  id: string;
  organisationId: string;
  topicIds: string[];
  de?: PracticeText;
  nl?: PracticeText;
  originalLanguage?: 'de' | 'nl';
  tags?: string[];
  deletedAt?: string;
}
const practice = (spec: PracticeSpec): Practice => ({
  id: spec.id,
  ...stamps,
  organisationId: spec.organisationId,
  topicIds: spec.topicIds,
  tags: spec.tags ?? [],
  originalLanguage: spec.originalLanguage ?? (spec.de ? 'de' : 'nl'),
  texts: { ...(spec.de ? { de: spec.de } : {}), ...(spec.nl ? { nl: spec.nl } : {}) },
  sources: [],
  ...(spec.deletedAt ? { deletedAt: spec.deletedAt } : {}),
});

const infrastrukturDe = text(
  'Verkehrsinfrastruktur im Bezirk planen',
  'Ein Rahmenplan für Straßen, Radwege und Haltestellen.',
  'Der Rahmenplan bündelt alle Vorhaben für die nächsten zehn Jahre.',
);
const agileDe = text(
  'Agiles Projektmanagement in der Verwaltung',
  'Scrum-Teams im Bezirksamt: was sich bewährt hat.',
  'Kurze Sprints und tägliche Abstimmung machen Entscheidungen schneller.',
);
const klimaNl = text(
  "Klimaatadaptatie: wadi's in de wijk",
  'Regenwater wordt in de wijk opgevangen en vastgehouden.',
  'Bewoners helpen bij het onderhoud van de wadi.',
);

export const practices: Practice[] = [
  // German only: "rotonde" must find it through the glossary.
  practice({
    id: 'p-kreisverkehr',
    organisationId: TS,
    topicIds: ['topic-roundabouts'],
    de: text(
      'Kreisverkehr am Innsbrucker Platz',
      'Wie der Bezirk eine gefährliche Kreuzung umgebaut hat.',
      'Der Umbau hat die Zahl der Unfälle halbiert. Radfahrende fahren im Kreis mit.',
    ),
  }),
  // Dutch only, the direct hit for "rotonde(s)".
  practice({
    id: 'p-rotonde',
    organisationId: AV,
    topicIds: ['topic-roundabouts'],
    nl: text(
      'Een rotonde voor fietsers op de Bovenkerkerweg',
      'Fietsers hebben voorrang; de rotonde is compact ontworpen.',
      'Na de aanleg is het aantal ongevallen sterk gedaald.',
    ),
  }),
  // German original with a current Dutch translation.
  practice({
    id: 'p-infrastruktur',
    organisationId: TS,
    topicIds: ['topic-traffic'],
    de: infrastrukturDe,
    nl: translationOf(
      infrastrukturDe,
      text(
        'Verkeersinfrastructuur in het district plannen',
        'Een raamplan voor straten, fietspaden en haltes.',
        'Het raamplan bundelt alle projecten.',
      ),
    ),
  }),
  // "sich" on purpose: with plain Snowball, "sicherheit" would match it.
  practice({
    id: 'p-gruenflaechen',
    organisationId: TS,
    topicIds: ['topic-green'],
    de: text(
      'Pflege der Grünflächen im Kiez',
      'Anwohner kümmern sich um eine Grünfläche vor ihrer Haustür.',
      'Das Amt stellt Werkzeug, die Nachbarschaft trifft sich jeden Samstag.',
    ),
  }),
  practice({
    id: 'p-strasse',
    organisationId: TS,
    topicIds: ['topic-traffic'],
    de: text(
      'Spielstraße auf Zeit',
      'Eine Straße wird an Sonntagen für Autos gesperrt.',
      'Kinder spielen, Nachbarn treffen einander.',
    ),
  }),
  practice({
    id: 'p-sicherheit',
    organisationId: TS,
    topicIds: ['topic-traffic'],
    de: text(
      'Sicherheit für Radfahrende an Kreuzungen',
      'Aufgeweitete Radaufstellstreifen vor den Ampeln.',
      'Die Verkehrssicherheit wurde an zwölf Kreuzungen gemessen.',
    ),
  }),
  practice({
    id: 'p-ideeen',
    organisationId: AV,
    topicIds: ['topic-green'],
    nl: text(
      'Ideeën van bewoners voor het groen',
      'Betere coördinatie tussen bewoners en de gemeente.',
      'Een vast aanspreekpunt zorgt voor de coördinatie van alle initiatieven.',
    ),
  }),
  // German original, Dutch translation made from an older text: outdated.
  practice({
    id: 'p-agile',
    organisationId: TS,
    topicIds: ['topic-agile'],
    de: agileDe,
    nl: {
      ...text('Agile projectmanagement bij de overheid', 'Scrumteams in het stadsdeel.', 'Korte sprints.'),
      basedOn: textHash(text('alt', '', '')),
    },
  }),
  // Dutch original with a current German translation.
  practice({
    id: 'p-klima',
    organisationId: AV,
    topicIds: ['topic-climate'],
    nl: klimaNl,
    de: translationOf(
      klimaNl,
      text(
        'Klimaanpassung: Versickerungsmulden im Quartier',
        'Regenwasser wird im Quartier gesammelt und gehalten.',
        'Anwohner helfen bei der Pflege.',
      ),
    ),
  }),
  // Dutch only; a note on it talks about kantoorinrichting.
  practice({
    id: 'p-flexwerken',
    organisationId: AV,
    topicIds: ['topic-office'],
    nl: text(
      'Flexibel werken in het raadhuis',
      'Medewerkers kiezen elke dag hun werkplek.',
      'Er zijn stille ruimtes en overlegplekken.',
    ),
  }),
  // In the trash: never found, nor its annotations.
  practice({
    id: 'p-trashed',
    organisationId: TS,
    topicIds: ['topic-roundabouts'],
    de: text('Alter Kreisverkehr am Tempelhofer Damm', 'Verworfen.', 'Nicht mehr aktuell.'),
    deletedAt: '2026-03-02T09:00:00.000Z',
  }),
  // Ranking: "Lastenrad" in a title, a summary and a body.
  practice({
    id: 'p-lastenrad-title',
    organisationId: TS,
    topicIds: ['topic-traffic'],
    de: text('Lastenrad für den Bezirk', 'Ein Verleih für Nachbarschaften.', 'Buchung über das Internet.'),
  }),
  practice({
    id: 'p-lastenrad-summary',
    organisationId: TS,
    topicIds: ['topic-traffic'],
    de: text(
      'Lieferungen in Wohnstraßen',
      'Ein Lastenrad ersetzt Lieferwagen auf der letzten Meile.',
      'Ein Versuch mit zwei Firmen.',
    ),
  }),
  practice({
    id: 'p-lastenrad-body',
    organisationId: TS,
    topicIds: ['topic-traffic'],
    de: text(
      'Mobilitätsstationen am Bahnhof',
      'Leihräder, Carsharing und Ladesäulen an einem Ort.',
      'An jeder Station steht auch ein Lastenrad, dazu Schließfächer und eine Reparaturstation.',
    ),
  }),
];

interface AnnotationSpec {
  id: string;
  practiceId: string;
  kind: Annotation['kind'];
  language: Annotation['language'];
  text: string;
  organisationId: string;
  deletedAt?: string;
}
const annotation = (spec: AnnotationSpec): Annotation => ({
  ...stamps,
  author: spec.organisationId === AV ? 'Jan de Vries' : 'Anna Schmidt',
  ...spec,
});

export const annotations: Annotation[] = [
  // Dutch only: "Bürogestaltung" must find it through the glossary.
  annotation({
    id: 'a-kantoorinrichting',
    practiceId: 'p-flexwerken',
    kind: 'comment',
    language: 'nl',
    organisationId: AV,
    text: 'De nieuwe kantoorinrichting met stille ruimtes bevalt goed.',
  }),
  annotation({
    id: 'a-question-rotonde',
    practiceId: 'p-rotonde',
    kind: 'question',
    language: 'de',
    organisationId: TS,
    text: 'Wie habt ihr den Umbau der Kreuzung finanziert?',
  }),
  annotation({
    id: 'a-lesson-gruen',
    practiceId: 'p-gruenflaechen',
    kind: 'lesson',
    language: 'de',
    organisationId: TS,
    text: 'Frühe Beteiligung der Nachbarschaft war entscheidend.',
  }),
  // Ranking: "Lastenrad" only in a note on an unrelated practice.
  annotation({
    id: 'a-lastenrad',
    practiceId: 'p-flexwerken',
    kind: 'comment',
    language: 'de',
    organisationId: TS,
    text: 'Bei uns parkt im Hof ein Lastenrad für Dienstfahrten.',
  }),
  annotation({
    id: 'a-on-trashed',
    practiceId: 'p-trashed',
    kind: 'comment',
    language: 'de',
    organisationId: TS,
    text: 'Dieser Kreisverkehr am Tempelhofer Damm wurde nie gebaut.',
  }),
  annotation({
    id: 'a-deleted',
    practiceId: 'p-kreisverkehr',
    kind: 'comment',
    language: 'de',
    organisationId: TS,
    text: 'Gelöschte Notiz über den Innsbrucker Platz.',
    deletedAt: '2026-03-02T09:00:00.000Z',
  }),
];

export const visits: Visit[] = [
  {
    id: 'v-amstelveen-2026',
    ...stamps,
    hostOrganisationId: AV,
    guestOrganisationId: TS,
    status: 'held',
    startDate: '2026-02-10',
    endDate: '2026-02-12',
    participants: [{ name: 'Anna Schmidt' }, { name: 'Jan de Vries' }],
    topicIds: ['topic-roundabouts', 'topic-office'],
    programme: [],
    notes: {
      de: 'Besuch in Amstelveen: Turbokreisel und das neue Raumkonzept im Rathaus besichtigt.',
      nl: 'Bezoek aan Amstelveen: turborotondes en het nieuwe raadhuis bekeken.',
    },
    sources: [],
  },
  {
    id: 'v-counter-visit',
    ...stamps,
    hostOrganisationId: TS,
    guestOrganisationId: AV,
    status: 'planned',
    startDate: '2026-09',
    participants: [],
    programme: [],
    topicIds: ['topic-climate'],
    notes: { nl: 'Tegenbezoek aan Tempelhof-Schöneberg: klimaatadaptatie en wadi’s.' },
    sources: [],
  },
];

const term = (
  id: string,
  de: string,
  nl: string,
  definition: { de: string; nl: string },
  topicIds: string[],
): GlossaryTerm => ({
  id,
  ...stamps,
  term: { de, nl },
  definition,
  topicIds,
});

export const glossary: GlossaryTerm[] = [
  term(
    'g-kreisverkehr',
    'Kreisverkehr',
    'rotonde',
    { de: 'Knotenpunkt mit Kreisfahrbahn.', nl: 'Kruispunt met een rijbaan in een cirkel.' },
    ['topic-roundabouts'],
  ),
  term(
    'g-buerogestaltung',
    'Bürogestaltung',
    'kantoorinrichting',
    { de: 'Wie Arbeitsräume eingerichtet sind.', nl: 'Hoe werkruimtes zijn ingericht.' },
    ['topic-office'],
  ),
  term(
    'g-bezirksamt',
    'Bezirksamt',
    'gemeente',
    { de: 'Verwaltung eines Berliner Bezirks.', nl: 'Bestuur van een gemeente.' },
    [],
  ),
  term(
    'g-gruenflaeche',
    'Grünfläche',
    'groenvoorziening',
    { de: 'Öffentlich gepflegtes Grün.', nl: 'Openbaar groen.' },
    ['topic-green'],
  ),
  term(
    'g-agile',
    'agiles Projektmanagement',
    'agile projectmanagement',
    { de: 'Arbeiten in kurzen Iterationen.', nl: 'Werken in korte iteraties.' },
    ['topic-agile'],
  ),
];

const cell = (id: string, dimension: string, organisationId: string, de: string, nl: string): ComparisonEntry => ({
  id,
  ...stamps,
  dimension,
  organisationId,
  text: { de, nl },
});

export const comparison: ComparisonEntry[] = [
  cell(
    'c-council-av',
    'council',
    AV,
    'Der Gemeinderat wird alle vier Jahre direkt gewählt.',
    'De gemeenteraad wordt elke vier jaar rechtstreeks gekozen.',
  ),
  cell(
    'c-council-ts',
    'council',
    TS,
    'Die Bezirksverordnetenversammlung wird mit dem Abgeordnetenhaus gewählt.',
    'De Bezirksverordnetenversammlung wordt samen met het Berlijnse parlement gekozen.',
  ),
  cell(
    'c-climate-ts',
    'topic:topic-climate',
    TS,
    'Ein Hitzeschutzplan gilt seit 2024.',
    'Een hitteplan geldt sinds 2024.',
  ),
];

export interface Corpus {
  organisations: Organisation[];
  topics: Topic[];
  practices: Practice[];
  annotations: Annotation[];
  visits: Visit[];
  glossary: GlossaryTerm[];
  comparison: ComparisonEntry[];
  tagLabels?: TagLabel[];
}

/** A fresh copy of the corpus, to change in a test without touching the others. */
export function corpus(): Corpus {
  return structuredClone({ organisations, topics, practices, annotations, visits, glossary, comparison });
}

/** A SearchSource over plain arrays, as the store would give. */
export function sourceOf(data: Corpus): SearchSource {
  const all = (collection: keyof Corpus): readonly unknown[] => data[collection] ?? [];
  return { all } as SearchSource;
}
