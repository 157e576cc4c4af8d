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
