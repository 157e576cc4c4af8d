/**
 * The native dialogs, in the interface language, each attached to the main
 * window when there is one (so it is modal to it) and free-standing otherwise.
 */
import path from 'node:path';
import {
  app,
  dialog,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import type { i18n as I18n } from 'i18next';
import { ATTACHMENT_TYPES } from '../../shared/attachments';

export interface Dialogs {
  showAbout(): void;
  /** Asks before a link leaves the app; true when the user agreed. */
  confirmOpenLink(url: string): Promise<boolean>;
  /** Asks before closing over unsaved edits; true when the user chose to leave anyway. */
  confirmLeaveUnsaved(): boolean;
  chooseBundleToSave(suggestedName: string): Promise<string | null>;
  chooseBundleToOpen(): Promise<string | null>;
  chooseSyncFolder(): Promise<string | null>;
  choosePdfToSave(suggestedName: string): Promise<string | null>;
  /** Files to attach (several at once); null when cancelled. */
  chooseAttachmentFiles(): Promise<string[] | null>;
  /** Documents to bring in as new practices (several at once); null when cancelled. */
  chooseDocumentFiles(): Promise<string[] | null>;
  /** Asks before a document opens in the system's viewer; true when the user agreed. */
  confirmOpenAttachment(name: string): Promise<boolean>;
}

export function createDialogs(i18n: I18n, window: () => BrowserWindow | null): Dialogs {
  const t = (key: string, ns = 'menu', values: Record<string, string> = {}) => i18n.t(key, { ns, ...values });
  // The one place that decides between a window-modal and a free-standing dialog.
  const messageBox = (options: MessageBoxOptions) => {
    const parent = window();
    return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  };
  const save = async (options: SaveDialogOptions) => {
    const parent = window();
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  const openMany = async (options: OpenDialogOptions) => {
    const parent = window();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
  };
  const open = async (options: OpenDialogOptions) => (await openMany(options))?.[0] ?? null;
  const inDocuments = (name: string) => path.join(app.getPath('documents'), name);
  const bundleFilters = () => [{ name: t('bundleFiles'), extensions: ['json', 'zip'] }];
  const saveFilters = (name: string) => [
    { name: t('bundleFiles'), extensions: [name.endsWith('.zip') ? 'zip' : 'json'] },
  ];

  return {
    showAbout() {
      void messageBox({
        type: 'info',
        title: t('about'),
        message: 'twinning-kb',
        detail: t('aboutDetail', 'menu', { version: app.getVersion() }),
      });
    },
    async confirmOpenLink(url) {
      const { response } = await messageBox({
        type: 'question',
        title: t('openLinkTitle'),
        message: t('openLinkMessage'),
        detail: url,
        buttons: [t('openLinkConfirm'), t('cancel')],
        defaultId: 1,
        cancelId: 1,
      });
      return response === 0;
    },
    confirmLeaveUnsaved() {
      const options: MessageBoxOptions = {
        type: 'warning',
        title: t('unsavedTitle'),
        message: t('unsavedMessage'),
        buttons: [t('unsavedLeave'), t('unsavedStay')],
        defaultId: 1,
        cancelId: 1,
      };
      // Synchronous: Electron decides about the unload when the handler returns.
      const parent = window();
      return (parent ? dialog.showMessageBoxSync(parent, options) : dialog.showMessageBoxSync(options)) === 0;
    },
    chooseBundleToSave: (suggestedName) =>
      save({ title: t('exportTitle'), defaultPath: inDocuments(suggestedName), filters: saveFilters(suggestedName) }),
    chooseBundleToOpen: () => open({ title: t('importTitle'), properties: ['openFile'], filters: bundleFilters() }),
    chooseSyncFolder: () => open({ title: t('syncFolderTitle'), properties: ['openDirectory', 'createDirectory'] }),
    chooseAttachmentFiles: () =>
      openMany({
        title: t('attachTitle'),
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: t('attachFiles'), extensions: [...Object.values(ATTACHMENT_TYPES), 'jpeg'] }],
      }),
    chooseDocumentFiles: () =>
      openMany({
        title: t('importDocumentsTitle'),
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: t('importDocumentsFiles'), extensions: ['docx', 'pdf', 'md', 'markdown', 'txt'] }],
      }),
    async confirmOpenAttachment(name) {
      const { response } = await messageBox({
        type: 'question',
        title: t('openAttachmentTitle'),
        message: t('openAttachmentMessage'),
        detail: name,
        buttons: [t('openAttachmentConfirm'), t('cancel')],
        defaultId: 1,
        cancelId: 1,
      });
      return response === 0;
    },
    choosePdfToSave: (suggestedName) =>
      save({
        title: t('printDialogTitle', 'compare'),
        defaultPath: inDocuments(suggestedName),
        filters: [{ name: t('printDialogFiles', 'compare'), extensions: ['pdf'] }],
      }),
  };
}
