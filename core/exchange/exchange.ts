/**
 * Exchanging knowledge with the partner: export a bundle, preview and import
 * one (atomically, after a backup), and undo the last import.
 */
import {
  PREVIEW_ITEMS_PER_OUTCOME,
  type ExportSummary,
  type ImportItem,
  type ImportPreview,
  type ImportSummary,
} from '../../shared/responses';
import {
  BUNDLE_COLLECTIONS,
  BUNDLE_EXTENSION,
  type Bundle,
  type BundleCollection,
  type BundleRecord,
  type BundleSelection,
} from '../../shared/bundle';
import { recordHash } from '../base/canonical-json';
import { readBundle, type ReadOptions } from '../bundle/read-bundle';
import { prepareBundle } from '../bundle/write-bundle';
import type { KbContext } from '../write/context';
import { KbError } from '../base/errors';
import { del, put, type Change, type RecordOf } from '../store/store';
import { planImport, type ImportPlan } from './plan-import';
import type { ImportEntry } from '../store/exchange-records';

interface Pending {
  previewId: string;
  fileName: string;
  bundle: Bundle;
  plan: ImportPlan;
  /** The store's write count when planned: a later write means planning again. */
  generation: number;
}

export class Exchange {
  readonly #ctx: KbContext;
  readonly #readOptions: ReadOptions;
  #pending: Pending | undefined;

  constructor(ctx: KbContext, readOptions: ReadOptions = {}) {
    this.#ctx = ctx;
    this.#readOptions = readOptions;
  }

  /** `twinning-kb-<organisation>-<date>.twinning-kb.json` */
  suggestedFileName(): string {
    const organisation = this.#ctx.identity.author().organisationId.replace(/^org-/, '');
    return `twinning-kb-${organisation}-${this.#ctx.clock.now().slice(0, 10)}${BUNDLE_EXTENSION}`;
  }

  /**
   * What a bundle of the selection holds, and the bundle file's bytes piece
   * by piece (see prepareBundle). The records are those of this moment: later
   * changes do not slip into a bundle being written.
   */
  exportBundle(selection: BundleSelection = {}): {
    pieces: Iterable<Uint8Array>;
    summary: ExportSummary;
    content: Bundle['content'];
  } {
    const user = this.#ctx.identity.author();
    const { store } = this.#ctx;
    const { content, pieces } = prepareBundle(
      // The store keeps records canonicalized: JSON.stringify writes their canonical JSON.
      {
        // The same records under the bundle's names for their types: RecordOf<C> is BundleRecord<C> for these collections.
        all: <C extends BundleCollection>(collection: C) => store.all(collection) as readonly BundleRecord<C>[],
        conflicts: () => store.all('conflicts'),
        serialize: JSON.stringify,
      },
      {
        selection,
        exportedAt: this.#ctx.clock.now(),
        exportedBy: { installationId: store.installationId, organisationId: user.organisationId, name: user.name },
      },
    );
    const counts = Object.fromEntries(BUNDLE_COLLECTIONS.map((c) => [c, content[c]?.length ?? 0])) as Record<
      BundleCollection,
      number
    >;
    return {
      pieces,
      content,
      summary: {
        fileName: this.suggestedFileName(),
        counts,
        tombstones: content.tombstones.length,
        conflicts: content.conflicts.length,
      },
    };
  }

  /** Validates a bundle and works out what importing it would change; nothing is changed yet. */
  preview(bytes: Uint8Array, fileName: string): ImportPreview {
    const bundle = readBundle(bytes, this.#readOptions);
    const previewId = this.#ctx.clock.newId('import');
    const pending: Pending = {
      previewId,
      fileName,
      bundle,
      plan: this.#plan(bundle, previewId, fileName),
      generation: this.#ctx.writer.generation,
    };
    this.#pending = pending;
    return describe(pending);
  }

  /** The id of the preview waiting for confirmation, if any. */
  get pendingPreview(): string | undefined {
    return this.#pending?.previewId;
  }

  cancel(previewId: string): void {
    if (this.#pending?.previewId === previewId) this.#pending = undefined;
  }

  /** Applies a previewed import whole, after a backup of the store; refuses if the store changed what the preview showed. */
  async confirm(previewId: string): Promise<ImportSummary> {
    const pending = this.#pending;
    if (!pending || pending.previewId !== previewId)
      throw new KbError('importPreviewExpired', `no preview ${previewId}`);
    if (pending.generation !== this.#ctx.writer.generation) {
      const replanned = this.#plan(pending.bundle, previewId, pending.fileName);
      if (JSON.stringify(replanned.counts) !== JSON.stringify(pending.plan.counts)) {
        this.#pending = undefined;
        throw new KbError('importPreviewExpired', 'the knowledge base changed since the preview');
      }
      pending.plan = replanned;
      pending.generation = this.#ctx.writer.generation;
    }
    const { store } = this.#ctx;
    const entry: ImportEntry = {
      id: previewId,
      importedAt: this.#ctx.clock.now(),
      fileName: pending.fileName,
      exportedAt: pending.bundle.exportedAt,
      exportedBy: pending.bundle.exportedBy,
      counts: pending.plan.counts,
      undo: pending.plan.undo,
    };
    // A bundle with nothing new changes nothing, not even the log.
    if (pending.plan.changes.length === 0) {
      this.#pending = undefined;
      return summarize(entry);
    }
    entry.backup = await this.#ctx.writer.backup('before-import');
    // Only the latest import can be undone: older entries give up their undo data.
    const older: Change[] = store
      .all('imports')
      .filter((i) => i.undo.length > 0)
      .map((i) => put('imports', { ...i, undo: [] }));
    await this.#ctx.writer.apply([...pending.plan.changes, ...older, put('imports', entry)]);
    this.#pending = undefined; // kept until now: after a failed write the user can try again
    return summarize(entry);
  }

  imports(): ImportSummary[] {
    return [...this.#ctx.store.all('imports')].sort((a, b) => b.importedAt.localeCompare(a.importedAt)).map(summarize);
  }

  /** Takes back the latest import, unless a record it changed was changed again since. */
  async undoLast(): Promise<ImportSummary> {
    const { store } = this.#ctx;
    const last = [...store.all('imports')].sort((a, b) => b.importedAt.localeCompare(a.importedAt))[0];
    if (!last || last.undoneAt || last.undo.length === 0) throw new KbError('nothingToUndo');
    const changedSince = last.undo.filter((step) => {
      const current = store.get(step.collection, step.id);
      return (current ? recordHash(current) : null) !== step.afterHash;
    });
    if (changedSince.length > 0) {
      throw new KbError('undoBlocked', `${changedSince.length} records changed since the import`, {
        params: { count: changedSince.length },
      });
    }
    // `before` was read from this store when the import was planned.
    const inverse = [...last.undo]
      .reverse()
      .map((step) =>
        step.before === undefined
          ? del(step.collection, step.id)
          : put(step.collection, step.before as RecordOf<typeof step.collection>),
      );
    const undone: ImportEntry = { ...last, undo: [], undoneAt: this.#ctx.clock.now() };
    await this.#ctx.writer.apply([...inverse, put('imports', undone)]);
    return summarize(undone);
  }

  #plan(bundle: Bundle, importId: string, fileName: string): ImportPlan {
    const importedAt = this.#ctx.clock.now();
    return planImport(bundle, {
      store: this.#ctx.store,
      now: importedAt,
      history: this.#ctx.history,
      origin: { importId, importedAt, fileName, exportedBy: bundle.exportedBy },
    });
  }
}

function describe({ previewId, fileName, bundle, plan }: Pending): ImportPreview {
  const exporter = bundle.content.organisations.find((o) => o.id === bundle.exportedBy.organisationId);
  return {
    previewId,
    fileName,
    exportedAt: bundle.exportedAt,
    exportedBy: bundle.exportedBy,
    ...(exporter ? { organisationName: exporter.name } : {}),
    counts: plan.counts,
    items: listed(plan.items),
    changeCount: plan.changes.length,
  };
}

/** The first PREVIEW_ITEMS_PER_OUTCOME records of each kind and outcome: enough to check, small enough to send. */
function listed(items: readonly ImportItem[]): ImportItem[] {
  const seen = new Map<string, number>();
  return items.filter((item) => {
    const key = `${item.collection}:${item.outcome}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n <= PREVIEW_ITEMS_PER_OUTCOME;
  });
}

function summarize({ undo, ...entry }: ImportEntry): ImportSummary {
  return { ...entry, undoable: undo.length > 0 && !entry.undoneAt };
}
