/**
 * The IPC contract: every channel between renderer and main, with the zod
 * schema of its request and the type of its response. Main validates
 * against these schemas, the preload builds `window.kb` from this list, and
 * the renderer's types derive from it. Nothing else knows channel strings.
 */
import { z } from 'zod';
import { BUNDLE_COLLECTIONS, BundleSelection } from './bundle';
import type { Result } from './errors';
import {
  Author,
  BilingualLabel,
  Id,
  Lang,
  TagKey,
  Timestamp,
  type AnnotationRevision,
  type ComparisonRevision,
  type GlossaryRevision,
  type GlossaryTerm,
  type Organisation,
  type PracticeRevision,
  type Visit,
  type VisitRevision,
} from './model';
import {
  AnnotationInput,
  AttachmentBytesInput,
  AttachmentOrderInput,
  AttachmentOwnerRef,
  AttachmentRef,
  AttachmentStageInput,
  AttachmentStoredInput,
  AttachmentUpdateInput,
  AnnotationQuery,
  ById,
  ComparisonCellInput,
  GlossaryTermInput,
  NoRequest,
  PdfFileName,
  PracticeInput,
  PracticeQuery,
  SyncSelection,
  TagChangeInput,
  TagRenameInput,
  VisitInput,
} from './requests';
import type {
  AnnotationView,
  AttachmentView,
  DraftResult,
  ComparisonCell,
  ComparisonTable,
  ConflictView,
  ExportSummary,
  ImportPreview,
  ImportSummary,
  NewSince,
  Overview,
  Page,
  PracticeDetail,
  PracticeSummary,
  PracticeVisit,
  RemovedAttachment,
  Settings,
  StagedAttachment,
  StarterContentState,
  SyncStatus,
  TagChange,
  TagInfo,
  VisitDetail,
  VisitReport,
} from './responses';
import { SearchQuery, type SearchResponse } from './search';

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
      .object({
        id: Id.optional(),
        baseUpdatedAt: Timestamp.optional(),
        resolvesConflict: z.boolean().optional(),
        practice: PracticeInput,
      })
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

  /** Sets (or, with an empty text, removes) an annotation's translation into the other language. */
  translateAnnotation: channel<AnnotationView>()(z.object({ id: Id, text: z.string().max(20_000) }).strict()),
  markAnnotationTranslationChecked: channel<AnnotationView>()(ById),
  listAnnotationRevisions: channel<AnnotationRevision[]>()(ById),
  restoreAnnotationRevision: channel<AnnotationView>()(z.object({ id: Id, revisionId: Id }).strict()),

  /** Live visits by date, earliest first. */
  listVisits: channel<Visit[]>()(NoRequest),
  getVisit: channel<VisitDetail>()(ById),
  saveVisit: channel<VisitDetail>()(z.object({ id: Id.optional(), visit: VisitInput }).strict()),
  deleteVisit: channel<null>()(ById),
  restoreVisit: channel<Visit>()(ById),
  markVisitTranslationChecked: channel<VisitDetail>()(z.object({ id: Id, language: Lang }).strict()),
  listVisitRevisions: channel<VisitRevision[]>()(ById),
  restoreVisitRevision: channel<VisitDetail>()(z.object({ id: Id, revisionId: Id }).strict()),
  /** The visits whose programme shows the practice `id`. */
  listPracticeVisits: channel<PracticeVisit[]>()(ById),
  /** What came of a visit: programme, participants, and the annotations linked to it by topic and practice. */
  getVisitReport: channel<VisitReport>()(ById),
  /** Prints the window (showing a print view: a visit report, a practice) to a PDF saved through a dialog in main. */
  printView: channel<{ fileName: string } | null>()(z.object({ fileName: PdfFileName }).strict()),

  /** A record's attachments, removed ones included (marked), each with whether its bytes are whole. */
  listAttachments: channel<AttachmentView[]>()(z.object({ owner: AttachmentOwnerRef }).strict()),
  /** Attaches files chosen in an open dialog in main; null when cancelled. */
  chooseAttachments: channel<AttachmentView[] | null>()(z.object({ owner: AttachmentOwnerRef }).strict()),
  /** Attaches bytes dropped or pasted in the window; the type is decided from them. */
  addAttachment: channel<AttachmentView[]>()(AttachmentBytesInput),
  updateAttachment: channel<AttachmentView[]>()(AttachmentUpdateInput),
  reorderAttachments: channel<AttachmentView[]>()(AttachmentOrderInput),
  removeAttachment: channel<AttachmentView[]>()(AttachmentRef),
  restoreAttachment: channel<AttachmentView[]>()(AttachmentRef),
  /** Removed attachments of records not in the trash, for the trash to list. */
  listRemovedAttachments: channel<RemovedAttachment[]>()(NoRequest),
  /** Takes a removed attachment off its record for good. */
  purgeAttachment: channel<AttachmentView[]>()(AttachmentRef),
  /** Stores bytes dropped into the text of a practice not saved yet; attached with attachStored once it is. */
  stageAttachment: channel<StagedAttachment>()(AttachmentStageInput),
  /** Attaches bytes already stored, e.g. the images of a document brought in, once its practice is saved. */
  attachStored: channel<AttachmentView[]>()(AttachmentStoredInput),
  /** Chooses documents in an open dialog in main (several at once) and turns each into a draft; null when cancelled. */
  importDocuments: channel<DraftResult[] | null>()(NoRequest),
  /** Opens a copy of an attachment in the system's viewer after the user confirms in main; false when not opened. */
  openAttachment: channel<boolean>()(AttachmentRef),

  /** Exports through a save dialog in main; null when the user cancelled it. */
  exportBundle: channel<ExportSummary | null>()(
    /** `withAttachments`: one container file with the attachments' bytes; otherwise the JSON bundle alone (smaller). */
    z.object({ selection: BundleSelection, withAttachments: z.boolean().optional() }).strict(),
  ),
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
    z
      .object({ collection: z.enum(BUNDLE_COLLECTIONS), recordId: Id, hash: z.string().regex(/^[0-9a-f]{64}$/) })
      .strict(),
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
  listGlossaryRevisions: channel<GlossaryRevision[]>()(ById),
  restoreGlossaryRevision: channel<GlossaryTerm>()(z.object({ id: Id, revisionId: Id }).strict()),

  /** Every tag live practices carry, most used first, with its German and Dutch labels. */
  listTags: channel<TagInfo[]>()(NoRequest),
  /** Gives a tag its German and Dutch labels; tagExists when another tag is already called so. */
  renameTag: channel<TagInfo>()(TagRenameInput),
  /** Merges `tag` into `into` on every live practice; the answer takes it back through undoTagChange. */
  mergeTags: channel<TagChange>()(z.object({ tag: TagKey, into: TagKey }).strict()),
  /** Takes a tag off every live practice; the answer takes it back through undoTagChange. */
  deleteTag: channel<TagChange>()(z.object({ tag: TagKey }).strict()),
  /** Takes back a merge or deletion on the practices not edited since. */
  undoTagChange: channel<{ restored: number; skipped: number }>()(TagChangeInput),

  /** Searches everything; while the index is still being built, answers with that status and no results. */
  search: channel<SearchResponse>()(SearchQuery),

  getStarterContent: channel<StarterContentState>()(NoRequest),
  /** Removes the starter content nobody edited or annotated; what is left says what was kept. */
  removeStarterContent: channel<StarterContentState & { removed: number }>()(NoRequest),

  /** How syncing with the shared folders goes. */
  getSyncStatus: channel<SyncStatus>()(NoRequest),
  /** Chooses a shared folder in a folder dialog in main and connects to it, with what goes there; null when cancelled. */
  connectSyncFolder: channel<SyncStatus | null>()(z.object({ selection: SyncSelection }).strict()),
  /** Stops syncing with a folder; everything stays here, nothing in the folder is touched. */
  disconnectSyncFolder: channel<SyncStatus>()(ById),
  /** Syncs with every folder now and answers when done. */
  syncNow: channel<SyncStatus>()(NoRequest),
  /** What colleagues and the partner added or changed since the user last looked. */
  getNewSince: channel<NewSince>()(NoRequest),
  markNewSinceSeen: channel<NewSince>()(NoRequest),

  /** Opens an http(s) link in the system browser after the user confirms in main. */
  openExternal: channel<boolean>()(z.object({ url: z.url({ protocol: /^https?$/ }).max(2_000) }).strict()),
};

export type Channel = keyof typeof contract;
export const CHANNELS = Object.keys(contract) as Channel[];
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof contract)[C]['response'];

/** The IPC channel string for a contract entry. */
export const ipcChannel = (name: Channel): string => `kb:${name}`;

// --- Events from main to the window ------------------------------------------
// The one event main sends unasked: how far a long transfer has got, sent only
// to the window whose call started it, while that call runs.

/** A transfer that reports its progress: writing a container, checking one for its preview, importing one. */
export const TRANSFER_OPERATIONS = ['export', 'preview', 'import'] as const;
export type TransferOperation = (typeof TRANSFER_OPERATIONS)[number];

/** How far a transfer has got: `done` of `total` bytes; the last event of a transfer has `done === total`. */
export interface TransferProgress {
  operation: TransferOperation;
  done: number;
  total: number;
}

/** The IPC channel main sends TransferProgress events on. */
export const TRANSFER_PROGRESS_CHANNEL = 'kb-event:transferProgress';

/** The shape of `window.kb`: one method per channel, and the subscription to progress events. */
export type KbApi = {
  [C in Channel]: RequestOf<C> extends undefined
    ? () => Promise<Result<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
} & {
  /** Calls `listener` with every progress event main sends this window; returns the function that unsubscribes. */
  onTransferProgress(listener: (progress: TransferProgress) => void): () => void;
};
