/**
 * What the knowledge base answers: the response shapes of the IPC contract,
 * also the return types of the core's services. Types only, except the
 * import counts, which the store keeps and therefore checks.
 */
import { z } from 'zod';
import type { BundleCollection, BundleRecord, ExportedBy } from './bundle';
import type { Attachment, AttachmentHealth, AttachmentOwnerKind } from './attachments';
import type { KbErrorInfo } from './errors';
import type {
  Annotation,
  Author,
  BilingualLabel,
  ComparisonEntry,
  Lang,
  Organisation,
  Practice,
  PracticeScope,
  Topic,
  TranslationStatus,
  Visit,
} from './model';

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
  | { kind: 'storePartlyRestored'; movedTo: string; restoredUntil: string }
  /** At start, `count` attachments named by records had no bytes in the store, or bytes of the wrong size (e.g. after a restore). */
  | { kind: 'attachmentsUnavailable'; count: number };

/**
 * A tag in use: its key (what practices carry), its German and Dutch labels
 * when someone gave them, the other keys merged into it, and how many live
 * practices carry it or one of those.
 */
export interface TagInfo {
  tag: string;
  label?: BilingualLabel;
  aliases: string[];
  count: number;
}

/** What a merge or deletion of a tag changed, so that it can be taken back. */
export interface TagChange {
  /** The tag merged away or deleted. */
  tag: string;
  /** Merged into this tag; absent for a deletion. */
  into?: string;
  /** Each practice rewritten: its tags before, and its `updatedAt` after the change. */
  practices: { id: string; tags: string[]; updatedAt: string }[];
}

export interface Overview {
  settings: Settings;
  installationId: string;
  organisations: (Organisation & { practiceCount: number })[];
  topics: (Topic & { practiceCount: number })[];
  /** Every tag in use, with how many practices carry it, most used first. */
  tags: TagInfo[];
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
  /** Whose practice it is, when stated. */
  scope?: PracticeScope;
  updatedAt: string;
  deletedAt?: string;
  starter: boolean;
}

/** A visit with its translation status per language, where it came from, and versions waiting in conflict. */
export interface VisitDetail {
  visit: Visit;
  /** The participants' e-mail addresses and phone numbers, by participant id. */
  contacts: Record<string, { email?: string; phone?: string }>;
  translation: TranslationStatuses;
  origin?: RecordOrigin;
  conflictCount: number;
}

/** A visit whose programme shows a practice, and the days (dates) it is seen on. */
export interface PracticeVisit {
  visit: Visit;
  dates: string[];
}

/** A practice as the visit report shows it: its titles and the annotations linked to the visit. */
export interface ReportPractice {
  practiceId: string;
  titles: Partial<Record<Lang, string>>;
  annotations: AnnotationView[];
}

/**
 * What came of a visit: the visit (programme, participants) with the lessons
 * learned, questions and comments linked to it, grouped by topic (null: the
 * practice has no topic of the visit and no topic at all) and then by practice.
 */
export interface VisitReport extends VisitDetail {
  groups: { topicId: string | null; practices: ReportPractice[] }[];
  /** Titles of the practices the programme links to. */
  practiceTitles: Record<string, Partial<Record<Lang, string>>>;
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
  /** Its translation into the other language: missing, current, or outdated since the original changed. */
  translationStatus: TranslationStatus;
  /** Written on this installation: its author may edit or delete it here. */
  mine: boolean;
  /** When it arrived in a partner's bundle. */
  importedAt?: string;
}

/** Where a record's current version came from, when it came from a partner's bundle. */
export interface RecordOrigin {
  importedAt: string;
  fileName: string;
  exportedBy: ExportedBy;
}

export interface ExportSummary {
  /** The file's name (never its folder: the renderer sees no paths). */
  fileName: string;
  counts: Record<BundleCollection, number>;
  tombstones: number;
  conflicts: number;
  /** How many attachments travel with it, in a container; absent for a JSON-only bundle. */
  attachments?: number;
}

/** What an import did, or would do, to the records of one collection: each record counted once. */
export const ImportCounts = z.object({
  added: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  deleted: z.number().int().min(0),
  conflicts: z.number().int().min(0),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

/** How many records of one kind and outcome a preview lists by name; the rest are counted. */
export const PREVIEW_ITEMS_PER_OUTCOME = 100;

/** What importing would do to one record; `unchanged` records are only counted. */
export type ImportOutcome = Exclude<keyof ImportCounts, 'unchanged'>;

/** A record an import would change: for a conflict the bundle's version that would be kept beside the local one. */
export interface ImportItem {
  collection: BundleCollection;
  id: string;
  outcome: ImportOutcome;
  record: BundleRecord;
}

/** What importing a bundle would change, shown before the user confirms. */
export interface ImportPreview {
  previewId: string;
  fileName: string;
  exportedAt: string;
  exportedBy: ExportedBy;
  organisationName?: BilingualLabel;
  counts: Record<BundleCollection, ImportCounts>;
  /** The records that would change, at most PREVIEW_ITEMS_PER_OUTCOME of each kind and outcome (the counts say how many in all). */
  items: ImportItem[];
  /** 0 when importing would change nothing. */
  changeCount: number;
}

export interface ImportSummary {
  id: string;
  importedAt: string;
  fileName: string;
  exportedAt: string;
  exportedBy: ExportedBy;
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

/** One shared folder the knowledge base syncs with, and how syncing with it goes. */
export interface SyncConnectionStatus {
  id: string;
  /** The folder as the user chose it. */
  folder: string;
  /** What goes to this folder; absent: everything. */
  selection?: { topicIds?: string[]; organisationIds?: string[] };
  /** syncing: a round runs; synced: the last round succeeded; unreachable: the folder is not there (VPN off, drive not mounted); failed: it could not be written. */
  state: 'starting' | 'syncing' | 'synced' | 'unreachable' | 'failed';
  /** When the last round succeeded (ISO 8601). */
  lastSyncedAt?: string;
  /** Changes made here that wait to be written to the folder; absent while still counting. */
  pending?: number;
  /** Why the last round failed. */
  error?: KbErrorInfo;
  /** Files of other installations that could not be merged, each with why. */
  problems: { file: string; error: KbErrorInfo }[];
  /** Files and folders in the shared folder that are not ours (desktop.ini, lock files, copies made by sync clients): ignored. */
  foreignFiles: number;
}

export interface SyncStatus {
  connections: SyncConnectionStatus[];
}

/** What colleagues or the partner added or changed, received through a shared folder since the user last looked. */
export interface NewSinceItem {
  collection: 'practices' | 'annotations';
  id: string;
  /** The practice, for an annotation its practice. */
  practiceId: string;
  /** The practice's title per language; for an annotation, the start of its text. */
  label: { de?: string; nl?: string };
  kind: 'added' | 'changed' | 'deleted';
  /** When it was changed, on the other side (ISO 8601). */
  changedAt: string;
  by: { name?: string; organisationId: string };
}

export interface NewSince {
  /** Until when the user had seen (absent: never looked). */
  seenUntil?: string;
  items: NewSinceItem[];
}

/** What an existing document became: a draft practice to check in the editor before saving. */
export interface DocumentDraft {
  fileName: string;
  title: string;
  body: string;
  /** Guessed from the text; the editor shows it to be confirmed. */
  language: Lang;
  /** Stored already (a Word file's images, the PDF itself); attached once the practice is saved. */
  attachments: StagedAttachment[];
}

/** Bytes stored before their record exists (a document's images, an image dropped into a new practice's text). */
export type StagedAttachment = Pick<Attachment, 'sha256' | 'name' | 'type' | 'size'>;
export type DraftResult = { ok: true; draft: DocumentDraft } | { ok: false; fileName: string; error: KbErrorInfo };

/** An attachment as listed: its metadata and whether its bytes are in the store and whole. */
export interface AttachmentView extends Attachment {
  health: AttachmentHealth;
}

/**
 * An attachment removed from a record that is itself not in the trash, as
 * the trash lists it: with whose it is. A practice's (or, for an annotation,
 * its practice's) titles; a visit whole, named in the interface language.
 */
export interface RemovedAttachment {
  owner: { kind: AttachmentOwnerKind; id: string };
  attachment: Attachment & { deletedAt: string };
  practiceTitles?: Partial<Record<Lang, string>>;
  visit?: Visit;
}
