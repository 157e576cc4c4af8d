/**
 * The storage engine's own vocabulary. The engine stores records without
 * knowing what they are: a record is anything with a string `id`, a
 * collection is a name, and settings are an object merged key by key. The
 * store floor above binds these to the knowledge base's schemas.
 */

export interface StoredRecord {
  id: string;
}

/** What is stored besides the collections. */
export interface StoreFields {
  schemaVersion: number;
  installationId: string;
  settings: object;
}

/**
 * Records' JSON (as text, or as UTF-8 bytes), by the record object, where
 * whoever made a batch has it already, exactly as JSON.stringify would write
 * the record, which is canonical (a merged file's own bytes, found to be
 * canonical JSON): a snapshot written for the batch copies it instead of
 * serialising the record again.
 */
export type KnownJson = Pick<ReadonlyMap<object, string | Uint8Array>, 'get' | 'has'>;

/** What a batch may come with besides its changes. */
export interface ApplyOptions {
  /** Records' JSON known already (see KnownJson). */
  json?: KnownJson;
  /**
   * The batch is committed only if this resolves true: meanwhile it is made
   * ready (a big batch's snapshot written and flushed), and if it resolves
   * false nothing changes, in memory or on disk. It must not reject.
   */
  commitIf?: Promise<boolean>;
}

/** One change in a batch. Records are replaced whole, never mutated in place. */
export type EngineChange =
  | { op: 'put'; collection: string; record: StoredRecord }
  | { op: 'delete'; collection: string; id: string }
  | { op: 'settings'; settings: object };

/**
 * What the user must be told about opening a store, e.g. that damaged files
 * were set aside. Every kind names `movedTo`: the folder inside the store's
 * folder where the damaged files were moved, unchanged. Times are ISO 8601.
 */
export type StorageNotice =
  /** The store could not be read and there was no usable backup: started afresh from the seed. */
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
