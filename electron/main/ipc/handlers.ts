/** Binds every contract channel to the knowledge base or to a main-process service. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Lang } from '../../../shared/model';
import { readBundleFile, writeBundleFile } from '../../../core/bundle/bundle-file';
import { isContainerFile } from '../../../core/bundle/container';
import type { KnowledgeBase } from '../../../core/knowledge-base';
import type { Handlers } from './dispatch';
import { transferProgress } from './progress';

/** What only the Electron side can do; a stand-in in tests. */
export interface Shell {
  languageChanged(language: Lang): void;
  /** Asks the user, then opens the URL in the system browser; true if opened. */
  openExternal(url: string): Promise<boolean>;
  /** A save dialog for a bundle; the chosen path, or null when cancelled. */
  chooseBundleToSave(suggestedName: string): Promise<string | null>;
  /** An open dialog for a bundle; the chosen path, or null when cancelled. */
  chooseBundleToOpen(): Promise<string | null>;
  /** A folder dialog for the shared folder to sync with; the chosen path, or null when cancelled. */
  chooseSyncFolder(): Promise<string | null>;
  /** A save dialog for a PDF; the chosen path, or null when cancelled. */
  choosePdfToSave(suggestedName: string): Promise<string | null>;
  /** Prints the window's page, in its print layout, to a PDF file at `file` (landscape unless said). */
  printToPdf(file: string, options?: { landscape: boolean }): Promise<void>;
  /** An open dialog for files to attach; the chosen paths, or null when cancelled. */
  chooseAttachmentFiles(): Promise<string[] | null>;
  /** An open dialog for documents to bring in (Word, PDF, Markdown, text); the chosen paths, or null when cancelled. */
  chooseDocumentFiles(): Promise<string[] | null>;
  /**
   * Asks the user, then has `copy()` make a temporary copy of the attachment
   * and opens it in the system's viewer; true if opened.
   */
  openAttachment(name: string, copy: (folder: string) => Promise<string>): Promise<boolean>;
}

export function createHandlers(kb: KnowledgeBase, shell: Shell): Handlers {
  const { practices, annotations, visits, exchange, conflicts, comparison, glossary } = kb;
  /** Prints the window's page, in its print layout, to a PDF the user names in a save dialog. */
  const printPage = async (fileName: string, landscape: boolean) => {
    const file = await shell.choosePdfToSave(fileName);
    if (!file) return null;
    await shell.printToPdf(file, { landscape });
    return { fileName: path.basename(file) };
  };
  return {
    getOverview: () => kb.overview(),
    setLanguage: async ({ language }) => {
      const settings = await kb.settings.setLanguage(language);
      shell.languageChanged(language);
      return settings;
    },
    setUser: (user) => kb.settings.setUser(user),
    addOrganisation: ({ name, country }) => kb.organisations.add(name, country),

    listPractices: (query) => practices.list(query),
    getPractice: ({ id }) => practices.get(id),
    savePractice: ({ id, baseUpdatedAt, resolvesConflict, practice }) =>
      practices.save(id, practice, baseUpdatedAt, resolvesConflict),
    markTranslationChecked: ({ id, language }) => practices.markTranslationChecked(id, language),
    deletePractice: async ({ id }) => {
      await practices.trash(id);
      return null;
    },
    restorePractice: ({ id }) => practices.restore(id),
    purgePractice: async ({ id }) => {
      await practices.purge(id);
      return null;
    },
    listTrash: () => practices.listTrash(),
    listRevisions: ({ id }) => practices.revisions(id),
    restoreRevision: ({ id, revisionId }) => practices.restoreRevision(id, revisionId),

    listAnnotations: (query) => annotations.list(query),
    saveAnnotation: ({ id, annotation }) => annotations.save(id, annotation),
    deleteAnnotation: async ({ id }) => {
      await annotations.trash(id);
      return null;
    },
    restoreAnnotation: ({ id }) => annotations.restore(id),
    translateAnnotation: ({ id, text }) => annotations.translate(id, text),
    markAnnotationTranslationChecked: ({ id }) => annotations.markTranslationChecked(id),
    listAnnotationRevisions: ({ id }) => annotations.revisions(id),
    restoreAnnotationRevision: ({ id, revisionId }) => annotations.restoreRevision(id, revisionId),

    listVisits: () => visits.list(),
    getVisit: ({ id }) => visits.detail(id),
    saveVisit: ({ id, visit }) => visits.save(id, visit),
    deleteVisit: async ({ id }) => {
      await visits.trash(id);
      return null;
    },
    restoreVisit: ({ id }) => visits.restore(id),
    markVisitTranslationChecked: ({ id, language }) => visits.markTranslationChecked(id, language),
    listVisitRevisions: ({ id }) => visits.revisions(id),
    restoreVisitRevision: ({ id, revisionId }) => visits.restoreRevision(id, revisionId),
    listPracticeVisits: ({ id }) => visits.forPractice(id),
    getVisitReport: ({ id }) => kb.visitReports.report(id),
    printView: ({ fileName }) => printPage(fileName, false),

    listAttachments: ({ owner }) => kb.attachments.list(owner),
    chooseAttachments: async ({ owner }) => {
      const files = await shell.chooseAttachmentFiles();
      if (!files) return null;
      let list = await kb.attachments.list(owner);
      for (const file of files) list = await kb.attachments.add(owner, { file });
      return list;
    },
    addAttachment: ({ owner, name, data, caption }) => kb.attachments.add(owner, { bytes: data, name }, caption),
    updateAttachment: ({ owner, sha256, name, caption }) =>
      kb.attachments.update(owner, sha256, {
        ...(name !== undefined ? { name } : {}),
        ...(caption !== undefined ? { caption } : {}),
      }),
    reorderAttachments: ({ owner, order }) => kb.attachments.reorder(owner, order),
    removeAttachment: ({ owner, sha256 }) => kb.attachments.remove(owner, sha256),
    restoreAttachment: ({ owner, sha256 }) => kb.attachments.restore(owner, sha256),
    listRemovedAttachments: () => kb.attachments.removed(),
    purgeAttachment: ({ owner, sha256 }) => kb.attachments.purge(owner, sha256),
    stageAttachment: ({ name, data }) => kb.attachments.stage({ bytes: data, name }),
    attachStored: ({ owner, files }) => kb.attachments.attachStored(owner, files),
    importDocuments: async () => {
      const files = await shell.chooseDocumentFiles();
      return files ? kb.documents.drafts(files) : null;
    },
    openAttachment: async ({ owner, sha256 }) => {
      const attachment = (await kb.attachments.list(owner)).find((a) => a.sha256 === sha256);
      if (!attachment) return false;
      await kb.attachments.blobs.require(sha256, attachment.name); // refused before asking, when damaged or missing
      return shell.openAttachment(attachment.name, (folder) => kb.attachments.copyForViewer(owner, sha256, folder));
    },

    exportBundle: async ({ selection, withAttachments }, context) => {
      if (withAttachments && kb.containers.attachmentCount(selection) > 0) {
        const file = await shell.chooseBundleToSave(kb.containers.suggestedFileName());
        if (!file) return null;
        const summary = await kb.containers.export(file, selection, transferProgress('export', context));
        return { ...summary, fileName: path.basename(file) };
      }
      const file = await shell.chooseBundleToSave(exchange.suggestedFileName());
      if (!file) return null;
      const { pieces, summary } = exchange.exportBundle(selection);
      await writeBundleFile(file, pieces);
      return { ...summary, fileName: path.basename(file) };
    },
    openBundle: async (_request, context) => {
      const file = await shell.chooseBundleToOpen();
      if (!file) return null;
      // A container is told by its content: a ZIP, whatever its name.
      if (await isContainerFile(file))
        return kb.containers.preview(file, path.basename(file), transferProgress('preview', context));
      return exchange.preview(await readBundleFile(file), path.basename(file));
    },
    previewBundle: async ({ fileName, data }, context) => {
      if (!isZip(data)) return exchange.preview(data, fileName);
      // A dropped container is read from a file like a chosen one: its attachments are streamed, never held twice.
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'twinning-kb-drop-')), 'dropped.zip');
      await writeFile(file, data);
      return kb.containers.preview(file, fileName, transferProgress('preview', context));
    },
    confirmImport: ({ previewId }, context) => kb.containers.confirm(previewId, transferProgress('import', context)),
    cancelImport: ({ previewId }) => {
      kb.containers.cancel(previewId);
      return null;
    },
    listImports: () => exchange.imports(),
    undoLastImport: () => exchange.undoLast(),
    listConflicts: () => conflicts.list(),
    resolveConflict: async ({ collection, recordId, hash }) => {
      await conflicts.keep(collection, recordId, hash);
      return null;
    },

    getComparison: () => comparison.table(),
    saveComparisonCell: (input) => comparison.save(input),
    markComparisonChecked: ({ id, language }) => comparison.markChecked(id, language),
    listComparisonRevisions: ({ id }) => comparison.revisions(id),
    restoreComparisonRevision: ({ id, revisionId }) => comparison.restoreRevision(id, revisionId),
    printComparison: ({ fileName }) => printPage(fileName, true),

    listGlossary: () => glossary.list(),
    saveGlossaryTerm: ({ id, baseUpdatedAt, term }) => glossary.save(id, term, baseUpdatedAt),
    deleteGlossaryTerm: async ({ id }) => {
      await glossary.delete(id);
      return null;
    },
    listGlossaryRevisions: ({ id }) => glossary.revisions(id),
    restoreGlossaryRevision: ({ id, revisionId }) => glossary.restoreRevision(id, revisionId),

    listTags: () => kb.tags.list(),
    renameTag: (input) => kb.tags.rename(input),
    mergeTags: ({ tag, into }) => kb.tags.merge(tag, into),
    deleteTag: ({ tag }) => kb.tags.delete(tag),
    undoTagChange: (change) => kb.tags.undo(change),
    search: (query) => kb.search.search(query),

    getStarterContent: () => kb.starterContent.state(),
    removeStarterContent: () => kb.starterContent.remove(),

    getSyncStatus: () => kb.sync.status(),
    connectSyncFolder: async ({ selection }) => {
      const folder = await shell.chooseSyncFolder();
      return folder ? kb.sync.connect(folder, selection) : null;
    },
    disconnectSyncFolder: ({ id }) => kb.sync.disconnect(id),
    syncNow: () => kb.sync.syncNow(),
    getNewSince: () => kb.sync.newSince(),
    markNewSinceSeen: () => kb.sync.markSeen(),

    openExternal: ({ url }) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK — this `shell` is the main process's confirming openExternal in main.ts, not Electron's
  };
}

const isZip = (data: Uint8Array) => data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
