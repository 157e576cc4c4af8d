/**
 * The IPC contract: every channel between renderer and main, with the zod
 * schema of its request and the type of its response. Main validates
 * against these schemas, the preload builds `window.kb` from this list, and
 * the renderer's types derive from it. Nothing else knows channel strings.
 */
import { z } from 'zod';
import { BUNDLE_COLLECTIONS, BundleSelection, type BundleCollection, type BundleRecord } from './bundle';
import {
  type Annotation,
  AnnotationKind,
  Author,
  BilingualLabel,
  CalendarDate,
  type ComparisonEntry,
  type ComparisonRevision,
  type GlossaryTerm,
  Id,
  Lang,
  type Organisation,
  type Practice,
  PracticeText,
  type PracticeRevision,
  Source,
  STRUCTURE_DIMENSIONS,
  Timestamp,
  TOPIC_DIMENSION_PREFIX,
  type Topic,
  type TranslationStatus,
  type Visit,
  Visit as VisitSchema,
} from './model';
import { SearchQuery, type SearchResponse } from './search';

/** Error codes a call can fail with; the renderer shows `errors:<code>`. */
export const ERROR_CODES = [
  'invalidRequest',
  'forbiddenSender',
  'notFound',
  'storeWriteFailed',
  'identityRequired',
  'notYours',
  'editConflict',
  'invalidReference',
  'glossaryTermExists',
  'internal',
  // Reading an exchange bundle: each names the first problem found.
  'bundleTooLarge',
  'bundleNotUtf8',
  'bundleEmpty',
  'bundleTruncated',
  'bundleSyntax',
  'bundleTooDeep',
  'bundleForbiddenKey',
  'bundleDuplicateKey',
  'notABundle',
  'bundleTooNew',
  'bundleVersionUnknown',
  'bundleInvalid',
  'bundleInvalidRecord',
  'bundleChecksum',
  'bundleDuplicateId',
  'bundleDanglingReference',
  'bundleMisplacedRecord',
  'fileReadFailed',
  'fileWriteFailed',
  // Importing and undoing.
  'importPreviewExpired',
  'nothingToUndo',
  'undoBlocked',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/** Values interpolated into the localized message of an error. */
export type ErrorParams = Record<string, string | number>;
export interface KbErrorInfo {
  code: ErrorCode;
  /** Technical detail for logs and bug reports; never the message shown. */
  detail?: string;
  params?: ErrorParams;
}
/** Calls never reject across IPC: failures travel as values, typed. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: KbErrorInfo };

// --- Response shapes -------------------------------------------------------

export interface Settings {
  language: Lang;
  /** Who writes on this installation; null until given. */
  user: Author | null;
}

/**
 * Something the user must be told once, e.g. that a damaged store was set
 * aside. Every kind names `movedTo`: the folder inside the data folder where
 * the damaged files were moved, unchanged. Times are ISO 8601.
 */
export type Notice =
  /** The store could not be read and there was no usable backup: started afresh with the starter content. */
  | { kind: 'storeRecovered'; movedTo: string }
  /**
   * The store could not be read and was restored from the backup taken at
   * `backupTakenAt`, plus the changes saved after it where they could be
   * read. `complete`: nothing saved was lost; otherwise changes made after
   * the backup may be missing.
   */
  | { kind: 'storeRestoredFromBackup'; movedTo: string; backupTakenAt: string; complete: boolean }
  /** The journal of recent changes was damaged: everything saved until `restoredUntil` is kept, later changes may be missing. */
  | { kind: 'storePartlyRestored'; movedTo: string; restoredUntil: string };

export interface Overview {
  settings: Settings;
  installationId: string;
  organisations: (Organisation & { practiceCount: number })[];
  topics: (Topic & { practiceCount: number })[];
  /** Every tag in use, with how many practices carry it, most used first. */
  tags: { tag: string; count: number }[];
  practiceCount: number;
  trashCount: number;
  conflictCount: number;
  notices: Notice[];
}

export type TranslationStatuses = Record<Lang, TranslationStatus>;

/** What a practice list shows: both languages' titles and summaries, no bodies. */
export interface PracticeSummary {
  id: string;
  organisationId: string;
  topicIds: string[];
  tags: string[];
  originalLanguage: Lang;
  titles: Partial<Record<Lang, string>>;
  summaries: Partial<Record<Lang, string>>;
  translation: TranslationStatuses;
  annotationCount: number;
  updatedAt: string;
  deletedAt?: string;
  starter: boolean;
}

export interface Page<T> {
  total: number;
  offset: number;
  items: T[];
}

export interface PracticeDetail {
  practice: Practice;
  translation: TranslationStatuses;
  origin?: RecordOrigin;
  /** Versions of this practice waiting in conflict. */
  conflictCount: number;
}

/** An annotation with what its lists show about the practice it belongs to. */
export interface AnnotationView extends Annotation {
  practiceTitles: Partial<Record<Lang, string>>;
  /** Written on this installation: its author may edit or delete it here. */
  mine: boolean;
  /** When it arrived in a partner's bundle. */
  importedAt?: string;
}

/** Where a record's current version came from, when it came from a partner's bundle. */
export interface RecordOrigin {
  importedAt: string;
  fileName: string;
  exportedBy: { installationId: string; organisationId: string; name?: string };
}

export interface ExportSummary {
  /** The file's name (never its folder: the renderer sees no paths). */
  fileName: string;
  counts: Record<BundleCollection, number>;
  tombstones: number;
  conflicts: number;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
  conflicts: number;
}

/** What importing a bundle would change, shown before the user confirms. */
export interface ImportPreview {
  previewId: string;
  fileName: string;
  exportedAt: string;
  exportedBy: RecordOrigin['exportedBy'];
  organisationName?: BilingualLabel;
  counts: Record<BundleCollection, ImportCounts>;
  /** 0 when importing would change nothing. */
  changeCount: number;
}

export interface ImportSummary {
  id: string;
  importedAt: string;
  fileName: string;
  exportedAt: string;
  exportedBy: RecordOrigin['exportedBy'];
  counts: Record<string, ImportCounts>;
  undoneAt?: string;
  backup?: string;
  undoable: boolean;
}

export interface RecordVersion {
  hash: string;
  record: BundleRecord;
}

/** A record edited on both sides: the version shown and the ones waiting. */
export interface ConflictView {
  collection: BundleCollection;
  recordId: string;
  current: RecordVersion;
  others: RecordVersion[];
}

/** One cell of the comparison: what one organisation says about one dimension. */
export interface ComparisonCell {
  entry: ComparisonEntry;
  translation: TranslationStatuses;
  origin?: RecordOrigin;
  conflictCount: number;
}

export interface ComparisonTable {
  /** At most one cell per dimension and organisation; empty cells are absent. */
  cells: ComparisonCell[];
  /** Live practices per topic and organisation, for the links of the topic rows. */
  practiceCounts: { topicId: string; organisationId: string; count: number }[];
}

/** Starter content still untouched (removable), and starter records kept because they were edited or annotated. */
export interface StarterContentState {
  removable: number;
  kept: number;
}

// --- Requests --------------------------------------------------------------

const Paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };
const ById = z.object({ id: Id }).strict();
const NoRequest = z.undefined();

export const PracticeQuery = z
  .object({
    topicId: Id.optional(),
    organisationId: Id.optional(),
    tag: z.string().min(1).max(60).optional(),
    needsTranslationInto: Lang.optional(),
    ...Paging,
  })
  .strict();

const EditableText = PracticeText.omit({ basedOn: true });
export const PracticeInput = z
  .object({
    organisationId: Id,
    topicIds: z.array(Id).min(1).max(20),
    tags: z.array(z.string().trim().min(1).max(60)).max(50),
    originalLanguage: Lang,
    texts: z.object({ de: EditableText.optional(), nl: EditableText.optional() }).strict(),
    sources: z.array(Source).max(50),
    contact: z.string().max(500).optional(),
  })
  .strict();
export type PracticeInput = z.infer<typeof PracticeInput>;

export const AnnotationInput = z
  .object({
    practiceId: Id,
    kind: AnnotationKind,
    text: z.string().trim().min(1).max(20_000),
    language: Lang,
    visitId: Id.optional(),
  })
  .strict();
export type AnnotationInput = z.infer<typeof AnnotationInput>;

export const AnnotationQuery = z
  .object({
    practiceId: Id.optional(),
    visitId: Id.optional(),
    topicId: Id.optional(),
    organisationId: Id.optional(),
    kind: AnnotationKind.optional(),
    ...Paging,
  })
  .strict();

export const VisitInput = VisitSchema.pick({
  hostOrganisationId: true,
  guestOrganisationId: true,
  status: true,
  participants: true,
  topicIds: true,
  notes: true,
  sources: true,
})
  .extend({ startDate: CalendarDate.optional(), endDate: CalendarDate.optional() })
  .strict();
export type VisitInput = z.infer<typeof VisitInput>;

/** A row of the comparison: a structure dimension or "topic:<topicId>". */
export const ComparisonDimension = z.union([
  z.enum(STRUCTURE_DIMENSIONS),
  z.string().max(100).regex(new RegExp(`^${TOPIC_DIMENSION_PREFIX}[A-Za-z0-9][A-Za-z0-9._:-]*$`)),
]);
const CellText = z.string().max(20_000);
export const ComparisonCellInput = z
  .object({
    dimension: ComparisonDimension,
    organisationId: Id,
    /** The cell's `updatedAt` when editing began; null when it was empty then. */
    baseUpdatedAt: Timestamp.nullable(),
    /** Markdown per language; an empty text means none in that language. */
    text: z.object({ de: CellText, nl: CellText }).strict(),
  })
  .strict();
export type ComparisonCellInput = z.infer<typeof ComparisonCellInput>;

const GlossaryText = z.string().trim().max(2_000);
export const GlossaryTermInput = z
  .object({
    term: z.object({ de: z.string().trim().min(1).max(300), nl: z.string().trim().min(1).max(300) }).strict(),
    definition: z.object({ de: GlossaryText, nl: GlossaryText }).strict(),
    /** Where the concepts differ; empty in both languages means no note. */
    note: z.object({ de: GlossaryText, nl: GlossaryText }).strict(),
    topicIds: z.array(Id).max(20),
  })
  .strict();
export type GlossaryTermInput = z.infer<typeof GlossaryTermInput>;

/** The name offered in a save dialog for a PDF: a plain file name, no folders. */
const PdfFileName = z
  .string()
  .max(150)
  .regex(/^(?!\.)[^\\/:*?"<>|\u0000-\u001f]+\.pdf$/);

// --- Channels --------------------------------------------------------------

/** Declares a channel: `channel<Response>()(requestSchema)`. */
const channel =
  <Res>() =>
  <Req extends z.ZodType>(request: Req) => ({ request, response: undefined as unknown as Res });

export const contract = {
  getOverview: channel<Overview>()(NoRequest),
  setLanguage: channel<Settings>()(z.object({ language: Lang }).strict()),
  setUser: channel<Settings>()(Author),
  addOrganisation: channel<Organisation>()(
    z.object({ name: BilingualLabel, country: z.string().regex(/^[A-Z]{2}$/) }).strict(),
  ),

  listPractices: channel<Page<PracticeSummary>>()(PracticeQuery),
  getPractice: channel<PracticeDetail>()(ById),
  /**
   * Creates (no id) or updates a practice; `baseUpdatedAt` guards against
   * overwriting a newer version; `resolvesConflict` saves a merge of the versions in conflict.
   */
  savePractice: channel<PracticeDetail>()(
    z
      .object({ id: Id.optional(), baseUpdatedAt: Timestamp.optional(), resolvesConflict: z.boolean().optional(), practice: PracticeInput })
      .strict(),
  ),
  markTranslationChecked: channel<PracticeDetail>()(z.object({ id: Id, language: Lang }).strict()),
  deletePractice: channel<null>()(ById),
  restorePractice: channel<PracticeDetail>()(ById),
  purgePractice: channel<null>()(ById),
  listTrash: channel<PracticeSummary[]>()(NoRequest),
  listRevisions: channel<PracticeRevision[]>()(ById),
  restoreRevision: channel<PracticeDetail>()(z.object({ id: Id, revisionId: Id }).strict()),

  listAnnotations: channel<Page<AnnotationView>>()(AnnotationQuery),
  saveAnnotation: channel<AnnotationView>()(z.object({ id: Id.optional(), annotation: AnnotationInput }).strict()),
  deleteAnnotation: channel<null>()(ById),
  restoreAnnotation: channel<AnnotationView>()(ById),

  listVisits: channel<Visit[]>()(NoRequest),
  getVisit: channel<Visit>()(ById),
  saveVisit: channel<Visit>()(z.object({ id: Id.optional(), visit: VisitInput }).strict()),
  deleteVisit: channel<null>()(ById),
  restoreVisit: channel<Visit>()(ById),

  /** Exports through a save dialog in main; null when the user cancelled it. */
  exportBundle: channel<ExportSummary | null>()(z.object({ selection: BundleSelection }).strict()),
  /** Chooses a bundle in an open dialog in main and previews its import; null when cancelled. */
  openBundle: channel<ImportPreview | null>()(NoRequest),
  /** Previews the import of a bundle dropped on the window. */
  previewBundle: channel<ImportPreview>()(
    z.object({ fileName: z.string().min(1).max(500), data: z.instanceof(Uint8Array) }).strict(),
  ),
  confirmImport: channel<ImportSummary>()(z.object({ previewId: Id }).strict()),
  cancelImport: channel<null>()(z.object({ previewId: Id }).strict()),
  listImports: channel<ImportSummary[]>()(NoRequest),
  undoLastImport: channel<ImportSummary>()(NoRequest),
  listConflicts: channel<ConflictView[]>()(NoRequest),
  /** Keeps one version of a record in conflict (`hash` names it). */
  resolveConflict: channel<null>()(
    z.object({ collection: z.enum(BUNDLE_COLLECTIONS), recordId: Id, hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  ),

  getComparison: channel<ComparisonTable>()(NoRequest),
  /** Saves one cell in both languages; editConflict when it changed since `baseUpdatedAt`. */
  saveComparisonCell: channel<ComparisonCell>()(ComparisonCellInput),
  markComparisonChecked: channel<ComparisonCell>()(z.object({ id: Id, language: Lang }).strict()),
  listComparisonRevisions: channel<ComparisonRevision[]>()(ById),
  restoreComparisonRevision: channel<ComparisonCell>()(z.object({ id: Id, revisionId: Id }).strict()),
  /** Prints the window (showing the comparison) to a PDF saved through a dialog in main; null when cancelled. */
  printComparison: channel<{ fileName: string } | null>()(z.object({ fileName: PdfFileName }).strict()),

  listGlossary: channel<GlossaryTerm[]>()(NoRequest),
  /** Creates (no id) or updates a term; `baseUpdatedAt` guards against overwriting a newer version. */
  saveGlossaryTerm: channel<GlossaryTerm>()(
    z.object({ id: Id.optional(), baseUpdatedAt: Timestamp.optional(), term: GlossaryTermInput }).strict(),
  ),
  deleteGlossaryTerm: channel<null>()(ById),

  /** Searches everything; while the index is still being built, answers with that status and no results. */
  search: channel<SearchResponse>()(SearchQuery),

  getStarterContent: channel<StarterContentState>()(NoRequest),
  /** Removes the starter content nobody edited or annotated; what is left says what was kept. */
  removeStarterContent: channel<StarterContentState & { removed: number }>()(NoRequest),

  /** Opens an http(s) link in the system browser after the user confirms in main. */
  openExternal: channel<boolean>()(
    z.object({ url: z.url({ protocol: /^https?$/ }).max(2_000) }).strict(),
  ),
};

export type Channel = keyof typeof contract;
export const CHANNELS = Object.keys(contract) as Channel[];
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof contract)[C]['response'];

/** The IPC channel string for a contract entry. */
export const ipcChannel = (name: Channel): string => `kb:${name}`;

/** The shape of `window.kb`: one method per channel. */
export type KbApi = {
  [C in Channel]: RequestOf<C> extends undefined
    ? () => Promise<Result<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};

/** Builds `window.kb` over an `invoke(channel, payload)` transport. */
export function createKbApi(invoke: (channel: string, payload: unknown) => Promise<unknown>): KbApi {
  const api: Record<string, (payload?: unknown) => Promise<unknown>> = {};
  for (const name of CHANNELS) api[name] = (payload) => invoke(ipcChannel(name), payload);
  return api as unknown as KbApi;
}
