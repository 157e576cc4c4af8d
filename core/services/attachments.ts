/**
 * Attachments on practices, visits and annotations: add (from a file the
 * user chose, or bytes dropped or pasted), caption and rename, reorder,
 * remove and restore. The bytes go to the content-addressed blob store; the
 * metadata is a field of the owning record, changed like any edit (a new
 * version, a revision for practices), so it travels, merges and conflicts
 * with the record. Removing keeps the attachment in the record, marked
 * `deletedAt`, so it can be restored; its bytes stay.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  ATTACHMENT_OWNERS,
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_RECORD,
  MAX_RECORD_ATTACHMENT_BYTES,
  isImageType,
  type Attachment,
  type AttachmentCaption,
  type AttachmentOwnerKind,
  type AttachmentType,
} from '../../shared/attachments';
import { LANGUAGES, type Lang } from '../../shared/model';
import type { AttachmentView, RemovedAttachment, StagedAttachment } from '../../shared/responses';
import type { BlobStore, StoredBlob } from '../attachments/blob-store';
import { megabytes } from '../attachments/blob-store';
import { writeFileDurably } from '../base/durable-write';
import { KbError } from '../base/errors';
import { put, type Change, type RecordOf } from '../store/store';
import type { KbContext } from '../write/context';
import { requireRecord } from '../write/references';

export interface AttachmentOwner {
  kind: AttachmentOwnerKind;
  id: string;
}

/** Where new bytes come from: a file chosen in a dialog (main knows its path), or bytes dropped or pasted. */
export type AttachmentSource = { file: string } | { bytes: Uint8Array; name: string };

type OwnerRecord = RecordOf<AttachmentOwnerKind>;

export class Attachments {
  readonly #ctx: KbContext;
  readonly #blobs: BlobStore | undefined;
  /** Images of documents brought in this session, shown in the editor before their practice is saved. */
  readonly #drafted = new Map<string, AttachmentType>();
  /** Whether missing bytes are still expected from elsewhere (a shared folder): shown as arriving, not as missing. */
  #awaited: (sha256: string) => boolean = () => false;
  /** Changes to attachments one at a time: each reads the record, then writes it. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: KbContext, blobs?: BlobStore) {
    this.#ctx = ctx;
    this.#blobs = blobs;
  }

  /** The bytes' store; a knowledge base without a folder (tests in memory) has none. */
  get blobs(): BlobStore {
    if (!this.#blobs) throw new KbError('internal', 'this knowledge base has no attachment folder');
    return this.#blobs;
  }

  /** Tells which missing bytes are on their way (sync sets this; the service knows nothing of shared folders). */
  expectFrom(awaited: (sha256: string) => boolean): void {
    this.#awaited = awaited;
  }

  /** Every attachment of a record, removed ones included (marked), with whether its bytes are whole. */
  async list(owner: AttachmentOwner): Promise<AttachmentView[]> {
    return this.#views(this.#record(owner));
  }

  /**
   * Attaches a file. The same bytes already on the record are not added
   * again (a removed one is restored instead); refused when the type, the
   * size or the record's limits do not allow it.
   */
  add(owner: AttachmentOwner, source: AttachmentSource, caption: AttachmentCaption = {}): Promise<AttachmentView[]> {
    return this.#serial(async () => {
      this.#editable(owner);
      const name = cleanName('file' in source ? path.basename(source.file) : source.name);
      const blob = await this.#store(source, name);
      try {
        return await this.#attach(owner, blob, name, caption);
      } finally {
        this.blobs.release([blob.sha256]); // named by the record now, or not at all: the cleanup may decide
      }
    });
  }

  /** Puts stored bytes on the record: a new attachment, or a removed one restored. */
  async #attach(
    owner: AttachmentOwner,
    blob: StoredBlob,
    name: string,
    caption: AttachmentCaption,
  ): Promise<AttachmentView[]> {
    const record = this.#editable(owner);
    const list = [...(record.attachments ?? [])];
    const index = list.findIndex((a) => a.sha256 === blob.sha256);
    if (index >= 0) {
      const { deletedAt: _deletedAt, ...existing } = list[index]!;
      if (!list[index]!.deletedAt) return this.#views(record);
      list[index] = existing;
    } else {
      if (list.filter((a) => !a.deletedAt).length >= MAX_ATTACHMENTS_PER_RECORD) {
        throw new KbError('attachmentsTooMany', `${owner.kind} ${owner.id}`, {
          params: { limit: MAX_ATTACHMENTS_PER_RECORD },
        });
      }
      list.push({
        sha256: blob.sha256,
        name,
        type: blob.type,
        size: blob.size,
        caption: trimCaption(caption),
        addedAt: this.#ctx.clock.now(),
      });
    }
    const total = list.filter((a) => !a.deletedAt).reduce((sum, a) => sum + a.size, 0);
    if (total > MAX_RECORD_ATTACHMENT_BYTES) {
      throw new KbError('attachmentsTooLarge', `${owner.kind} ${owner.id}`, {
        params: { name, limitMB: megabytes(MAX_RECORD_ATTACHMENT_BYTES) },
      });
    }
    return this.#views(await this.#save(owner.kind, record, list));
  }

  /**
   * Attaches bytes already in the store (a document's images, kept from its
   * import), checked against their hash and typed again from their content.
   */
  attachStored(owner: AttachmentOwner, files: readonly { sha256: string; name: string }[]): Promise<AttachmentView[]> {
    return this.#serial(async () => {
      const record = this.#editable(owner);
      const list = [...(record.attachments ?? [])];
      const held: string[] = [];
      try {
        for (const { sha256, name } of files) {
          const bytes = await this.blobs.read(sha256, name);
          const blob = await this.blobs.addBytes(bytes, name, MAX_ATTACHMENT_BYTES); // types them again; stores nothing twice
          held.push(blob.sha256);
          if (list.some((a) => a.sha256 === blob.sha256)) continue;
          list.push({
            sha256,
            name: cleanName(name),
            type: blob.type,
            size: blob.size,
            caption: {},
            addedAt: this.#ctx.clock.now(),
          });
        }
        if (list.length > MAX_ATTACHMENTS_PER_RECORD)
          throw new KbError('attachmentsTooMany', `${owner.kind} ${owner.id}`, {
            params: { limit: MAX_ATTACHMENTS_PER_RECORD },
          });
        return this.#views(await this.#save(owner.kind, record, list));
      } finally {
        this.blobs.release(held);
      }
    });
  }

  /** Changes an attachment's file name and/or caption. */
  update(
    owner: AttachmentOwner,
    sha256: string,
    changes: { name?: string; caption?: AttachmentCaption },
  ): Promise<AttachmentView[]> {
    return this.#serial(async () => {
      const record = this.#editable(owner);
      const list = (record.attachments ?? []).map((a) =>
        a.sha256 === sha256
          ? {
              ...a,
              ...(changes.name !== undefined ? { name: cleanName(changes.name) } : {}),
              ...(changes.caption !== undefined ? { caption: trimCaption(changes.caption) } : {}),
            }
          : a,
      );
      requireAttachment(record, sha256);
      return this.#views(await this.#save(owner.kind, record, list));
    });
  }

  /** Puts the attachments in the order of `order` (every attachment's hash, each once). */
  reorder(owner: AttachmentOwner, order: readonly string[]): Promise<AttachmentView[]> {
    return this.#serial(async () => {
      const record = this.#editable(owner);
      const current = record.attachments ?? [];
      const byHash = new Map(current.map((a) => [a.sha256, a]));
      if (
        order.length !== current.length ||
        new Set(order).size !== order.length ||
        !order.every((h) => byHash.has(h))
      ) {
        throw new KbError('invalidRequest', 'the new order must name every attachment once');
      }
      return this.#views(
        await this.#save(
          owner.kind,
          record,
          order.map((h) => byHash.get(h)!),
        ),
      );
    });
  }

  /** Removes an attachment: it is marked removed (restorable), its bytes stay. */
  remove(owner: AttachmentOwner, sha256: string): Promise<AttachmentView[]> {
    return this.#mark(owner, sha256, this.#ctx.clock.now());
  }

  /** Brings back a removed attachment. */
  restore(owner: AttachmentOwner, sha256: string): Promise<AttachmentView[]> {
    return this.#mark(owner, sha256, undefined);
  }

  /**
   * Removed attachments the user can bring back, newest removal first: those
   * of records not in the trash themselves (a trashed record keeps its own)
   * and, of annotations, only those written here (only they can be changed).
   */
  removed(): RemovedAttachment[] {
    const { store } = this.#ctx;
    const found: RemovedAttachment[] = [];
    const titlesOf = (practiceId: string) => {
      const practice = store.get('practices', practiceId);
      if (!practice) return {};
      const titles: Partial<Record<Lang, string>> = {};
      for (const lang of LANGUAGES) if (practice.texts[lang]) titles[lang] = practice.texts[lang].title;
      return titles;
    };
    for (const kind of ATTACHMENT_OWNERS) {
      for (const record of store.all(kind)) {
        if (record.deletedAt || !record.attachments?.some((a) => a.deletedAt)) continue;
        if (kind === 'annotations' && (record as RecordOf<'annotations'>).installationId !== store.installationId)
          continue;
        const context =
          kind === 'practices'
            ? { practiceTitles: titlesOf(record.id) }
            : kind === 'annotations'
              ? { practiceTitles: titlesOf((record as RecordOf<'annotations'>).practiceId) }
              : { visit: record as RecordOf<'visits'> };
        for (const attachment of record.attachments) {
          if (attachment.deletedAt)
            found.push({
              owner: { kind, id: record.id },
              attachment: { ...attachment, deletedAt: attachment.deletedAt },
              ...context,
            });
        }
      }
    }
    return found.sort((a, b) => b.attachment.deletedAt.localeCompare(a.attachment.deletedAt));
  }

  /**
   * Takes a removed attachment off its record for good (a new version of the
   * record, which no longer names it). Only a removed one: an attachment in
   * use is removed first, so that it can be undone.
   */
  purge(owner: AttachmentOwner, sha256: string): Promise<AttachmentView[]> {
    return this.#serial(async () => {
      const record = this.#editable(owner);
      if (!requireAttachment(record, sha256).deletedAt)
        throw new KbError('invalidRequest', `attachment ${sha256} is not removed`);
      const list = (record.attachments ?? []).filter((a) => a.sha256 !== sha256);
      return this.#views(await this.#save(owner.kind, record, list));
    });
  }

  /**
   * An attached image's bytes and type, for the app's own scheme: only bytes
   * some record attaches as an image, and only when whole; null otherwise.
   */
  async image(sha256: string): Promise<{ bytes: Uint8Array; type: AttachmentType } | null> {
    const attachment = this.#findAnywhere(sha256);
    const type = attachment?.type ?? this.#drafted.get(sha256);
    if (!type || !isImageType(type)) return null;
    if ((await this.blobs.health(sha256)) !== 'ok') return null;
    return { bytes: await this.blobs.read(sha256, attachment?.name ?? sha256), type };
  }

  /**
   * Stores dropped or pasted bytes before there is a record to attach them to
   * (the text of a new practice): typed from their content and checked
   * against the size limit like any attachment, and, when an image, shown in
   * the editor's preview. Nothing refers to them until the record is saved
   * and they are attached with attachStored(); given up, nothing ever does.
   */
  async stage(source: { bytes: Uint8Array; name: string }): Promise<StagedAttachment> {
    const name = cleanName(source.name);
    const blob = await this.#store(source, name);
    this.allowDraftImage(blob.sha256, blob.type);
    return { sha256: blob.sha256, name, type: blob.type, size: blob.size };
  }

  /** Lets the image of a document draft be shown (see image()) until the app closes. */
  allowDraftImage(sha256: string, type: AttachmentType): void {
    if (isImageType(type)) this.#drafted.set(sha256, type);
  }

  /**
   * A copy of an attachment for the system's viewer, in `folder`, named after
   * the attachment with the extension of its type (decided from the content).
   */
  async copyForViewer(owner: AttachmentOwner, sha256: string, folder: string): Promise<string> {
    const record = this.#record(owner);
    const attachment = requireAttachment(record, sha256);
    const bytes = await this.blobs.read(sha256, attachment.name);
    const extension = ATTACHMENT_TYPES[attachment.type];
    const stem =
      path
        .parse(attachment.name)
        .name.replace(/[^\p{L}\p{N} ._-]/gu, '_')
        .slice(0, 100) || 'attachment';
    const target = path.join(folder, `${stem}.${extension}`);
    await writeFileDurably(target, bytes);
    return target;
  }

  /**
   * A quick look at start, without reading the bytes: how many attachments
   * of records not in the trash have no file, or one of the wrong size
   * (bytes still expected from a shared folder are not counted). Full
   * checks against the hash happen whenever an attachment is shown or opened.
   */
  async unavailableCount(): Promise<number> {
    let count = 0;
    for (const kind of ['practices', 'visits', 'annotations'] as const) {
      for (const record of this.#ctx.store.all(kind)) {
        if (record.deletedAt) continue;
        for (const attachment of record.attachments ?? []) {
          if (attachment.deletedAt || this.#awaited(attachment.sha256)) continue;
          const size = await this.blobs.size(attachment.sha256).catch(() => -1);
          if (size !== attachment.size) count++;
        }
      }
    }
    return count;
  }

  /** Every attachment in the store whose bytes are missing or damaged, with the record that has it. */
  async problems(): Promise<{ owner: AttachmentOwner; attachment: Attachment; health: 'missing' | 'damaged' }[]> {
    const found: { owner: AttachmentOwner; attachment: Attachment; health: 'missing' | 'damaged' }[] = [];
    for (const kind of ['practices', 'visits', 'annotations'] as const) {
      for (const record of this.#ctx.store.all(kind)) {
        for (const attachment of record.attachments ?? []) {
          const health = await this.blobs.health(attachment.sha256);
          if (health !== 'ok') found.push({ owner: { kind, id: record.id }, attachment, health });
        }
      }
    }
    return found;
  }

  #mark(owner: AttachmentOwner, sha256: string, deletedAt: string | undefined): Promise<AttachmentView[]> {
    return this.#serial(async () => {
      const record = this.#editable(owner);
      requireAttachment(record, sha256);
      const list = (record.attachments ?? []).map((a) => {
        if (a.sha256 !== sha256) return a;
        const { deletedAt: _old, ...rest } = a;
        return deletedAt ? { ...rest, deletedAt } : rest;
      });
      return this.#views(await this.#save(owner.kind, record, list));
    });
  }

  async #store(source: AttachmentSource, name: string): Promise<StoredBlob> {
    if ('file' in source) {
      const { size } = await stat(source.file);
      if (size > MAX_ATTACHMENT_BYTES) throw tooLarge(name, size);
      return this.blobs.addFile(source.file, name, MAX_ATTACHMENT_BYTES);
    }
    if (source.bytes.length > MAX_ATTACHMENT_BYTES) throw tooLarge(name, source.bytes.length);
    return this.blobs.addBytes(source.bytes, name, MAX_ATTACHMENT_BYTES);
  }

  /** Saves `record` with `attachments` as a new version, keeping the old one as a revision where the kind has history. */
  async #save(kind: AttachmentOwnerKind, record: OwnerRecord, attachments: Attachment[]): Promise<OwnerRecord> {
    const now = this.#ctx.clock.now();
    const author = this.#ctx.identity.author();
    const updated = {
      ...record,
      ...this.#ctx.identity.stamp(record),
      attachments,
      updatedAt: now,
      ...(kind === 'annotations' ? {} : { updatedBy: author }),
    } as OwnerRecord;
    const changes: Change[] = [
      ...this.#ctx.history.keepReplaced(kind, record, now),
      put(kind, updated as RecordOf<typeof kind>),
    ];
    await this.#ctx.writer.apply(changes);
    return updated;
  }

  #record(owner: AttachmentOwner): OwnerRecord {
    const record = requireRecord(this.#ctx.store, owner.kind, owner.id);
    if (record.deletedAt) throw new KbError('notFound', `${owner.kind} ${owner.id} is in the trash`);
    return record;
  }

  /** The owning record, if this user may change it (annotations only where they were written). */
  #editable(owner: AttachmentOwner): OwnerRecord {
    this.#ctx.identity.author();
    const record = this.#record(owner);
    if (
      owner.kind === 'annotations' &&
      (record as RecordOf<'annotations'>).installationId !== this.#ctx.store.installationId
    ) {
      throw new KbError('notYours', `annotation ${owner.id}`);
    }
    return record;
  }

  #findAnywhere(sha256: string): Attachment | undefined {
    for (const kind of ['practices', 'visits', 'annotations'] as const) {
      for (const record of this.#ctx.store.all(kind)) {
        const found = record.attachments?.find((a) => a.sha256 === sha256 && !a.deletedAt);
        if (found && !record.deletedAt) return found;
      }
    }
    return undefined;
  }

  async #views(record: OwnerRecord): Promise<AttachmentView[]> {
    const views: AttachmentView[] = [];
    for (const attachment of record.attachments ?? []) {
      const health = await this.blobs.health(attachment.sha256);
      views.push({
        ...attachment,
        health: health === 'missing' && this.#awaited(attachment.sha256) ? 'arriving' : health,
      });
    }
    return views;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function requireAttachment(record: OwnerRecord, sha256: string): Attachment {
  const attachment = record.attachments?.find((a) => a.sha256 === sha256);
  if (!attachment) throw new KbError('notFound', `attachment ${sha256}`);
  return attachment;
}

/** A name as the user sees it: no folders, no control characters, not empty, not too long. */
export function cleanName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'attachment' : cleaned;
}

function trimCaption(caption: AttachmentCaption): AttachmentCaption {
  const result: AttachmentCaption = {};
  for (const lang of ['de', 'nl'] as const) {
    const text = caption[lang]?.trim();
    if (text) result[lang] = text;
  }
  return result;
}

function tooLarge(name: string, size: number): KbError {
  return new KbError('attachmentTooLarge', `${name}: ${size} bytes`, {
    params: { name, sizeMB: megabytes(size), limitMB: megabytes(MAX_ATTACHMENT_BYTES) },
  });
}
