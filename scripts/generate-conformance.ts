/**
 * Writes docs/conformance/: one small bundle per rule of docs/bundle-format.md,
 * cases.json with the outcome the app gives each (accepted, with the import's
 * counts; or refused, with the error code), and the README listing them for a
 * partner's IT. Run with `npm run conformance`; tests/docs/conformance.test.ts
 * fails when the files are stale and runs every case through the command line
 * and the import path.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import starterJson from '../data/starter.json';
import { canonicalJson, sha256Hex } from '../core/base/canonical-json';
import { textHash } from '../core/store/translation';

export const CONFORMANCE_DIR = fileURLToPath(new URL('../docs/conformance/', import.meta.url));

/** What the app does with a case's bundle, imported into a new installation (starter content only). */
export type Expectation =
  | {
      outcome: 'accepted';
      /** Counts of the import preview per collection; collections not named change nothing. */
      import: Record<string, Partial<Record<'added' | 'updated' | 'unchanged' | 'deleted' | 'conflicts', number>>>;
      /** Fields of records as stored after the import. */
      stored?: { collection: string; id: string; field: string; value: unknown }[];
      /** Translation status of practices after the import. */
      translations?: { practice: string; de: string; nl: string }[];
    }
  | { outcome: 'refused'; code: string; params?: Record<string, string | number> };

export interface ConformanceCase {
  file: string;
  /** The rule of docs/bundle-format.md the case shows. */
  rule: string;
  /** Files imported before this one, in order (each accepted). */
  importFirst?: string[];
  expect: Expectation;
}

const PARTNER = '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f';
const OTHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const AV = 'org-amstelveen';
const TOPIC = 'topic-roundabouts';
const T = '2026-11-30T08:00:00Z';

type Json = Record<string, unknown>;
const starter = starterJson as unknown as Record<string, Json[]>;
const starterRecord = (collection: string, id: string): Json =>
  structuredClone(starter[collection]!.find((r) => r.id === id)!);

const dutch = { title: 'Fietsers voorrang op de rotonde', summary: 'Kort.', body: '## Doel\n\nVeiligheid.' };
const german = { title: 'Radfahrende haben Vorrang im Kreisverkehr', summary: 'Kurz.', body: '## Ziel\n\nSicherheit.' };

function practice(overrides: Json = {}): Json {
  return {
    id: 'partner-practice-1',
    version: { [PARTNER]: 1 },
    changedBy: PARTNER,
    organisationId: AV,
    topicIds: [TOPIC],
    tags: ['rotonde'],
    originalLanguage: 'nl',
    texts: { nl: dutch, de: { ...german, basedOn: textHash(dutch) } },
    sources: [],
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

function annotation(overrides: Json = {}): Json {
  return {
    id: 'partner-annotation-1',
    version: { [PARTNER]: 1 },
    changedBy: PARTNER,
    practiceId: 'partner-practice-1',
    kind: 'lesson',
    text: 'Goed bevallen.',
    language: 'nl',
    author: 'Jan de Vries',
    organisationId: AV,
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

function cell(overrides: Json = {}): Json {
  return {
    id: 'partner-cell-1',
    version: { [PARTNER]: 1 },
    changedBy: PARTNER,
    dimension: 'council',
    organisationId: AV,
    text: { nl: 'De gemeenteraad telt 37 leden.' },
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

/** A bundle of Amstelveen's with the given content (the starter organisation and topic it points at, exact copies). */
function bundle(content: Json = {}, header: Json = {}): Json {
  const full = {
    organisations: [starterRecord('organisations', AV)],
    topics: [starterRecord('topics', TOPIC)],
    practices: [practice()],
    visits: [],
    annotations: [annotation()],
    glossary: [],
    comparison: [],
    tombstones: [],
    conflicts: [],
    ...content,
  };
  return {
    format: 'twinning-kb.bundle',
    schemaVersion: 1,
    exportedAt: '2026-12-01T09:00:00Z',
    exportedBy: { installationId: PARTNER, organisationId: AV, name: 'Jan de Vries' },
    ...header,
    content: full,
    checksum: { algorithm: 'sha256', value: sha256Hex(canonicalJson(full)) },
  };
}

const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Each case: its file's name and bytes, and what the app does with it. */
export function conformanceCases(): { case: ConformanceCase; bytes: Uint8Array }[] {
  const cases: { case: ConformanceCase; bytes: Uint8Array | string }[] = [];
  const add = (file: string, rule: string, bytes: Uint8Array | string, expect: Expectation, importFirst?: string[]) =>
    cases.push({
      case: { file: `${file}.twinning-kb.json`, rule, ...(importFirst ? { importFirst } : {}), expect },
      bytes,
    });
  const accepted = (imported: Extract<Expectation, { outcome: 'accepted' }>['import'], more = {}): Expectation => ({
    outcome: 'accepted',
    import: imported,
    ...more,
  });
  const refused = (code: string, params?: Record<string, string | number>): Expectation => ({
    outcome: 'refused',
    code,
    ...(params ? { params } : {}),
  });
  const newPractice = { practices: { added: 1 }, annotations: { added: 1 } };

  // --- Accepted ---------------------------------------------------------------
  add(
    'accept-01-minimal',
    'The content: a practice and an annotation, with only the organisation and topic they point at',
    text(bundle()),
    accepted(newPractice, { translations: [{ practice: 'partner-practice-1', nl: 'current', de: 'current' }] }),
  );
  add(
    'accept-02-times-with-offsets',
    'Times: RFC 3339 with an offset, read as the same instant in UTC',
    text(
      bundle({
        practices: [practice({ createdAt: '2026-11-30T09:00:00+01:00', updatedAt: '2026-11-30T10:30:00.5+02:00' })],
      }),
    ),
    accepted(newPractice, {
      stored: [
        { collection: 'practices', id: 'partner-practice-1', field: 'createdAt', value: '2026-11-30T08:00:00.000Z' },
        { collection: 'practices', id: 'partner-practice-1', field: 'updatedAt', value: '2026-11-30T08:30:00.500Z' },
      ],
    }),
  );
  const upper = PARTNER.toUpperCase();
  add(
    'accept-03-upper-case-installation-ids',
    'Installation ids: upper case is read as lower case',
    text(
      bundle(
        { practices: [practice({ version: { [upper]: 1 }, changedBy: upper })] },
        { exportedBy: { installationId: upper, organisationId: AV } },
      ),
    ),
    accepted(newPractice, {
      stored: [
        { collection: 'practices', id: 'partner-practice-1', field: 'version', value: { [PARTNER]: 1 } },
        { collection: 'practices', id: 'partner-practice-1', field: 'changedBy', value: PARTNER },
      ],
    }),
  );
  add(
    'accept-04-next-version-in-upper-case',
    'Installation ids: the same installation in upper case makes a later version, not a conflict',
    text(
      bundle({
        practices: [
          practice({
            version: { [upper]: 2 },
            changedBy: upper,
            texts: { ...(practice().texts as Json), nl: { ...dutch, title: 'Nieuwe titel' } },
            updatedAt: '2026-11-30T09:00:00Z',
          }),
        ],
        annotations: [],
      }),
    ),
    accepted(
      { practices: { updated: 1, conflicts: 0 } },
      {
        translations: [{ practice: 'partner-practice-1', nl: 'current', de: 'outdated' }],
      },
    ),
    ['accept-01-minimal.twinning-kb.json'],
  );
  add(
    'accept-05-starter-records-copied',
    'Versions and merging: starter records copied from data/starter.json import as unchanged',
    text(
      bundle({
        organisations: starter.organisations,
        topics: starter.topics,
        practices: starter.practices!.slice(0, 3),
        annotations: [],
        comparison: starter.comparison!.slice(0, 4),
        glossary: starter.glossary!.slice(0, 3),
      }),
    ),
    accepted({}),
  );
  add(
    'accept-06-same-version-other-content',
    'Versions and merging: the same version vector with other content is kept as a conflict',
    text(bundle({ practices: [practice({ tags: ['rotonde', 'fiets'] })], annotations: [] })),
    // Shown: the version with the larger content hash (same updatedAt, same changedBy), here the bundle's.
    accepted({ practices: { conflicts: 1 } }),
    ['accept-01-minimal.twinning-kb.json'],
  );
  add(
    'accept-07-latest-is-an-instant',
    'Versions and merging: of two concurrent versions the later instant is shown (09:00Z is after 10:30+02:00)',
    text(
      bundle({
        practices: [
          practice({
            version: { [OTHER]: 1 },
            changedBy: OTHER,
            updatedAt: '2026-11-30T09:00:00Z',
            texts: { nl: { ...dutch, title: 'Later geschreven' } },
          }),
        ],
        annotations: [],
      }),
    ),
    accepted(
      { practices: { conflicts: 1 } },
      {
        stored: [
          { collection: 'practices', id: 'partner-practice-1', field: 'texts.nl.title', value: 'Later geschreven' },
        ],
      },
    ),
    ['accept-08-first-version-with-offset.twinning-kb.json'],
  );
  add(
    'accept-08-first-version-with-offset',
    'Times: a version written at 10:30+02:00 (08:30Z); accept-07 imports a later one on top',
    text(bundle({ practices: [practice({ updatedAt: '2026-11-30T10:30:00+02:00' })], annotations: [] })),
    accepted({ practices: { added: 1 } }),
  );
  add(
    'accept-09-annotation-on-deleted-practice',
    'The content: a reference may point at a tombstone; a tombstone for a record never had goes to the trash',
    text(
      bundle({
        practices: [],
        tombstones: [{ collection: 'practices', record: practice({ deletedAt: '2026-11-30T12:00:00Z' }) }],
      }),
    ),
    accepted({ practices: { deleted: 1 }, annotations: { added: 1 } }),
  );
  add(
    'accept-10-translation-without-basedon',
    'Translations: a translation without `basedOn` agrees with its original',
    text(bundle({ practices: [practice({ texts: { nl: dutch, de: german } })] })),
    accepted(newPractice, { translations: [{ practice: 'partner-practice-1', nl: 'current', de: 'current' }] }),
  );
  add(
    'accept-11-comparison-cell-under-own-id',
    'Comparison cells: a record for a cell held under another id merges as a version of that record',
    // Written on top of the starter release of that cell, as a partner's app on the same release would.
    text(
      bundle({
        practices: [],
        annotations: [],
        comparison: [
          cell({ version: { ...(starterRecord('comparison', 'cmp-council-av').version as object), [PARTNER]: 1 } }),
        ],
      }),
    ),
    accepted(
      { comparison: { updated: 1 } },
      {
        stored: [
          { collection: 'comparison', id: 'cmp-council-av', field: 'text.nl', value: 'De gemeenteraad telt 37 leden.' },
        ],
      },
    ),
  );
  add(
    'accept-12-topic-row',
    'Comparison cells: a `topic:` row naming a topic in the bundle',
    text(
      bundle({
        practices: [],
        annotations: [],
        comparison: [cell({ id: 'partner-cell-2', dimension: `topic:${TOPIC}` })],
      }),
    ),
    accepted({ comparison: { added: 1 } }),
  );
  add(
    'accept-13-byte-order-mark',
    'The file: a byte order mark is tolerated',
    `\uFEFF${text(bundle())}`,
    accepted(newPractice),
  );
  add(
    'accept-14-whole-number-as-float',
    'The checksum: numbers as ECMAScript writes them (1.0 is 1)',
    text(bundle()).replace(`"${PARTNER}": 1\n`, `"${PARTNER}": 1.0\n`),
    accepted(newPractice),
  );

  // --- Refused ------------------------------------------------------------------
  const valid = text(bundle());
  add(
    'refuse-01-not-utf8',
    'The file: UTF-8',
    Buffer.from(valid.replace('Fietsers', 'Fi\u00EBtsers'), 'latin1'),
    refused('bundleNotUtf8'),
  );
  add(
    'refuse-26-a-pdf',
    'Check 2: not another kind of file (a PDF named .twinning-kb.json)',
    '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n',
    refused('bundleForeignFile', { fileKind: 'pdf' }),
  );
  add(
    'refuse-02-syntax',
    'Check 4: JSON syntax',
    valid.replace('"schemaVersion": 1,', '"schemaVersion": 1,,'),
    refused('bundleSyntax', { line: 3 }),
  );
  add(
    'refuse-03-truncated',
    'Check 4: JSON syntax (a file cut short)',
    valid.slice(0, 400),
    refused('bundleTruncated'),
  );
  add(
    'refuse-04-lone-surrogate',
    'Check 4: escaped lone surrogates',
    valid.replace('"Goed bevallen."', '"Goed bevallen \\ud83d"'),
    refused('bundleLoneSurrogate', { escape: '\\ud83d' }),
  );
  add(
    'refuse-05-too-deep',
    'Check 5: nesting deeper than 64 levels',
    valid.replace('"tags": [', `"tags": ${'['.repeat(70)}${']'.repeat(70)}, "x": [`),
    refused('bundleTooDeep', { maxDepth: 64 }),
  );
  add(
    'refuse-06-forbidden-key',
    'Check 6: the key `__proto__`',
    valid.replace('"tags":', '"__proto__": {}, "tags":'),
    refused('bundleForbiddenKey', { key: '__proto__' }),
  );
  add(
    'refuse-07-duplicate-key',
    'Check 6: a key given twice',
    valid.replace('"tags":', '"tags": [], "tags":'),
    refused('bundleDuplicateKey', { key: 'tags' }),
  );
  add(
    'refuse-08-other-format',
    'Check 7: format',
    text({ ...bundle(), format: 'other.bundle' }),
    refused('notABundle'),
  );
  add(
    'refuse-09-newer-schema-version',
    'Check 7: schemaVersion',
    text({ ...bundle(), schemaVersion: 2 }),
    refused('bundleTooNew', { version: 2 }),
  );
  const invalid = (field: string, problem: string, collection = 'practices', id = 'partner-practice-1') =>
    refused('bundleInvalidRecord', { collection, position: 1, id, field, problem });
  add(
    'refuse-10-time-without-seconds',
    'Times: seconds are required',
    text(bundle({ practices: [practice({ updatedAt: '2026-11-30T08:00Z' })] })),
    invalid('updatedAt', 'badFormat'),
  );
  add(
    'refuse-11-time-basic-format',
    'Times: ISO 8601 basic format is not RFC 3339',
    text(bundle({ practices: [practice({ updatedAt: '20261130T080000Z' })] })),
    invalid('updatedAt', 'badFormat'),
  );
  add(
    'refuse-12-time-without-offset',
    'Times: Z or an offset is required',
    text(bundle({ practices: [practice({ updatedAt: '2026-11-30T08:00:00' })] })),
    invalid('updatedAt', 'badFormat'),
  );
  const { version: _version, ...unversioned } = practice();
  add(
    'refuse-13-no-version',
    'Versions and merging: `version` is required',
    text(bundle({ practices: [unversioned] })),
    invalid('version', 'missing'),
  );
  add(
    'refuse-14-empty-version',
    'Versions and merging: `{}` only on starter content',
    text(bundle({ practices: [practice({ version: {} })] })),
    invalid('version', 'emptyVersion'),
  );
  add(
    'refuse-15-no-original-text',
    'Check 8: every practice has a text in its original language (named)',
    text(bundle({ practices: [practice({ texts: { de: german } })] })),
    invalid('texts.nl', 'originalTextMissing'),
  );
  add(
    'refuse-16-unknown-dimension',
    'Comparison cells: only the documented dimensions',
    text(bundle({ comparison: [cell({ dimension: 'budget' })] })),
    invalid('dimension', 'badFormat', 'comparison', 'partner-cell-1'),
  );
  add(
    'refuse-17-topic-row-without-topic',
    'Comparison cells: a `topic:` row names a topic in the bundle',
    text(bundle({ comparison: [cell({ dimension: 'topic:topic-office-design' })] })),
    refused('bundleDanglingReference', {
      collection: 'comparison',
      id: 'partner-cell-1',
      field: 'dimension',
      target: 'topic-office-design',
    }),
  );
  add(
    'refuse-18-two-records-for-one-cell',
    'Comparison cells: one record per cell',
    text(bundle({ comparison: [cell(), cell({ id: 'partner-cell-2' })] })),
    refused('bundleDuplicateCell', {
      id: 'partner-cell-2',
      other: 'partner-cell-1',
      dimension: 'council',
      organisation: AV,
    }),
  );
  add(
    'refuse-19-tombstone-of-glossary-term',
    'The content: only practices, visits and annotations can be deleted',
    text(
      bundle({
        tombstones: [
          {
            collection: 'glossary',
            record: { ...starterRecord('glossary', String(starter.glossary![0]!.id)), deletedAt: T },
          },
        ],
      }),
    ),
    refused('bundleInvalidRecord', { context: 'tombstones', position: 1, field: 'collection', problem: 'notAllowed' }),
  );
  add(
    'refuse-20-bad-record-in-tombstones',
    'Check 8: positions within tombstones',
    text(
      bundle({
        annotations: [],
        tombstones: [{ collection: 'annotations', record: annotation({ deletedAt: '2026-11-30' }) }],
      }),
    ),
    refused('bundleInvalidRecord', {
      context: 'tombstones',
      collection: 'annotations',
      position: 1,
      field: 'deletedAt',
      problem: 'badFormat',
    }),
  );
  add(
    'refuse-21-checksum',
    'Check 9: the checksum',
    valid.replace('Goed bevallen.', 'Slecht bevallen.'),
    refused('bundleChecksum'),
  );
  add(
    'refuse-22-deleted-in-live-list',
    'Check 10: deleted records only in tombstones',
    text(bundle({ practices: [practice({ deletedAt: '2026-11-30T12:00:00Z' })] })),
    refused('bundleMisplacedRecord', { collection: 'practices', position: 1, field: 'deletedAt' }),
  );
  add(
    'refuse-23-live-in-tombstones',
    'Check 10: tombstones hold only deleted records',
    text(bundle({ practices: [], tombstones: [{ collection: 'practices', record: practice() }] })),
    refused('bundleMisplacedRecord', {
      context: 'tombstones',
      collection: 'practices',
      position: 1,
      field: 'deletedAt',
    }),
  );
  add(
    'refuse-24-duplicate-id',
    'Check 11: duplicate ids',
    text(bundle({ practices: [practice(), practice()] })),
    refused('bundleDuplicateId', { collection: 'practices', id: 'partner-practice-1' }),
  );
  add(
    'refuse-25-dangling-reference',
    'Check 12: references to records not in the bundle',
    text(bundle({ topics: [] })),
    refused('bundleDanglingReference', {
      collection: 'practices',
      id: 'partner-practice-1',
      field: 'topicIds',
      target: TOPIC,
    }),
  );

  return cases
    .sort((a, b) => (a.case.file < b.case.file ? -1 : 1))
    .map(({ case: c, bytes }) => ({
      case: c,
      bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
    }));
}

/** The README for partner IT, listing the cases. */
export function conformanceReadme(cases: readonly ConformanceCase[]): string {
  const outcome = (e: Expectation) =>
    e.outcome === 'refused'
      ? `refused: \`${e.code}\``
      : `accepted${
          Object.keys(e.import).length === 0
            ? ', nothing changes'
            : `: ${Object.entries(e.import)
                .map(
                  ([c, n]) =>
                    `${c} ${Object.entries(n)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ')}`,
                )
                .join('; ')}`
        }`;
  return `# Conformance suite for the twinning-kb exchange bundle

Small bundles, one per rule of [the bundle format](../bundle-format.md), each with the outcome
twinning-kb gives it. They are generated by \`npm run conformance\` (\`scripts/generate-conformance.ts\`);
a test runs every one through \`twinning-kb validate\` and through the app's import, so this page,
the format's documentation and the app cannot drift apart.

## Check your own producer

1. Install Node.js 20.19 or newer and, in a checkout of twinning-kb, \`npm install\`.
2. Run your producer's output through the same validation the app uses:

   \`\`\`sh
   npx twinning-kb validate path/to/your-bundle.twinning-kb.json; echo "exit $?"
   \`\`\`

   Exit 0: valid, with a one-line summary. Exit 1: refused, with the first problem on one line
   (which record, its position, the field). Exit 2: the file could not be read. \`LANG=nl_NL.UTF-8\`
   or \`LANG=de_DE.UTF-8\` picks the language. \`npx twinning-kb inspect FILE\` shows what a bundle holds.
3. Run the cases below through your own reader: it should accept and refuse the same files.
   \`for f in docs/conformance/*.twinning-kb.json; do npx twinning-kb validate "$f"; done\`
   shows what twinning-kb says about each.

[\`cases.json\`](cases.json) holds each case's expected outcome in machine-readable form:
\`"accepted"\` with the import's counts per collection, as the preview shows them, when imported
into a new installation (starter content only) after the files in \`importFirst\`, plus
fields of stored records (\`stored\`) and translation states (\`translations\`); or \`"refused"\` with
the error code and the values the message names (\`params\`). The messages for each code are in
\`locales/de/errors.json\` and \`locales/nl/errors.json\`.

Not here, because it would be a large file: a bundle over 100 MiB is refused (\`bundleTooLarge\`).

## The cases

| File | Rule | Outcome |
| ---- | ---- | ------- |
${cases.map((c) => `| [\`${c.file}\`](${c.file}) | ${c.rule}${c.importFirst ? ` (after ${c.importFirst.map((f) => `\`${f}\``).join(', ')})` : ''} | ${outcome(c.expect)} |`).join('\n')}
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cases = conformanceCases();
  mkdirSync(CONFORMANCE_DIR, { recursive: true });
  for (const file of readdirSync(CONFORMANCE_DIR)) rmSync(path.join(CONFORMANCE_DIR, file));
  for (const c of cases) writeFileSync(path.join(CONFORMANCE_DIR, c.case.file), c.bytes);
  writeFileSync(path.join(CONFORMANCE_DIR, 'cases.json'), text(cases.map((c) => c.case)));
  writeFileSync(path.join(CONFORMANCE_DIR, 'README.md'), conformanceReadme(cases.map((c) => c.case)));
  console.log(`wrote ${cases.length} cases to ${CONFORMANCE_DIR}`);
}
