/**
 * What the knowledge base answers: the response shapes of the IPC contract,
 * also the return types of the core's services. Types only, except the
 * import counts, which the store keeps and therefore checks.
 */
import { z } from 'zod';
import type { BundleCollection, BundleRecord, ExportedBy } from './bundle';
import type { Attachment, AttachmentHealth } from './attachments';
import type { KbErrorInfo } from './errors';
import type {
  Annotation,
  Author,
  BilingualLabel,
  ComparisonEntry,
  Lang,
  Organisation,
  Practice,
  Topic,
  TranslationStatus,
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

/** What importing a bundle would change, shown before the user confirms. */
export interface ImportPreview {
  previewId: string;
  fileName: string;
  exportedAt: string;
  exportedBy: ExportedBy;
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

/** What an existing document became: a draft practice to check in the editor before saving. */
export interface DocumentDraft {
  fileName: string;
  title: string;
  body: string;
  /** Guessed from the text; the editor shows it to be confirmed. */
  language: Lang;
  /** Stored already (a Word file's images, the PDF itself); attached once the practice is saved. */
  attachments: Pick<Attachment, 'sha256' | 'name' | 'type' | 'size'>[];
}
export type DraftResult = { ok: true; draft: DocumentDraft } | { ok: false; fileName: string; error: KbErrorInfo };

/** An attachment as listed: its metadata and whether its bytes are in the store and whole. */
export interface AttachmentView extends Attachment {
  health: AttachmentHealth;
}
