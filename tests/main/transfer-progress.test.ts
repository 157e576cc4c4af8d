import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannel, TRANSFER_PROGRESS_CHANNEL, type TransferProgress } from '../../shared/contract';
import type { KnowledgeBase } from '../../core/knowledge-base';
import { createDispatcher } from '../../electron/main/ipc/dispatch';
import { createHandlers, type Shell } from '../../electron/main/ipc/handlers';
import { transferProgress } from '../../electron/main/ipc/progress';
import { registerIpc } from '../../electron/main/ipc/register';
import { jpeg } from '../helpers/attachment-fixtures';
import { AV, germanPractice, writableKnowledgeBase } from '../helpers/knowledge-base';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const opened: KnowledgeBase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((kb) => kb.close()));
});

/** A photo of about `size` bytes: a JPEG's start and end around random bytes (which do not compress). */
const photo = (size: number) => {
  const head = jpeg();
  return Buffer.concat([head.subarray(0, -2), randomBytes(size), head.subarray(-2)]);
};

/** The dialogs answer with the given paths; nothing else is asked of the shell here. */
function shellAnswering(paths: { save?: string; open?: string }): Shell {
  const unused = () => {
    throw new Error('not asked in this test');
  };
  return {
    languageChanged: unused,
    openExternal: unused,
    chooseBundleToSave: async () => paths.save ?? null,
    chooseBundleToOpen: async () => paths.open ?? null,
    chooseSyncFolder: unused,
    choosePdfToSave: unused,
    printToPdf: unused,
    chooseAttachmentFiles: unused,
    chooseDocumentFiles: unused,
    openAttachment: unused,
  };
}

/** Checks a transfer's events: all of `operation`, one total, never going back, the last at 100 %. */
function expectWholeTransfer(events: TransferProgress[], operation: TransferProgress['operation']) {
  expect(events.length).toBeGreaterThan(2);
  expect(new Set(events.map((e) => e.operation))).toEqual(new Set([operation]));
  const total = events[0]!.total;
  expect(events.every((e) => e.total === total)).toBe(true);
  for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThan(events[i - 1]!.done);
  expect(events.at(-1)!.done).toBe(total);
  expect(events.length).toBeLessThanOrEqual(101);
}

describe('progress of a transfer', () => {
  it('reports at most once per whole percent, in order, and always the end', () => {
    const events: TransferProgress[] = [];
    const progress = transferProgress('import', { progress: (e) => events.push(e) });
    for (let done = 0; done <= 1_000_000; done += 1000) progress(done, 1_000_000);
    progress(1_000_000, 1_000_000); // told twice at the end: sent once
    expect(events.map((e) => Math.floor((e.done / e.total) * 100))).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(events.at(-1)).toEqual({ operation: 'import', done: 1_000_000, total: 1_000_000 });
  });

  it('never reports more than the total, and reports an empty transfer as done', () => {
    const events: TransferProgress[] = [];
    const progress = transferProgress('export', { progress: (e) => events.push(e) });
    progress(1200, 1000);
    expect(events).toEqual([{ operation: 'export', done: 1000, total: 1000 }]);
    const empty: TransferProgress[] = [];
    transferProgress('preview', { progress: (e) => empty.push(e) })(0, 0);
    expect(empty).toEqual([{ operation: 'preview', done: 0, total: 0 }]);
  });

  it('goes from 0 to 100 % while a container is exported, previewed and imported through the IPC handlers', async () => {
    const source = await writableKnowledgeBase(await tempDir());
    opened.push(source);
    const { practice } = await source.practices.save(undefined, germanPractice(source));
    for (const [i, size] of [600_000, 900_000, 700_000].entries())
      await source.attachments.add(
        { kind: 'practices', id: practice.id },
        { bytes: photo(size), name: `foto-${i}.jpg` },
      );
    const file = path.join(await tempDir(), source.containers.suggestedFileName());

    const exported: TransferProgress[] = [];
    const exportCall = createDispatcher(createHandlers(source, shellAnswering({ save: file })));
    const summary = await exportCall(
      'exportBundle',
      { selection: {}, withAttachments: true },
      { progress: (e) => exported.push(e) },
    );
    expect(summary).toMatchObject({ ok: true, value: { attachments: 3 } });
    expectWholeTransfer(exported, 'export');
    expect(exported.at(-1)!.total).toBeGreaterThanOrEqual(2_200_000);

    const partner = await writableKnowledgeBase(await tempDir(), { name: 'Jan de Vries', organisationId: AV });
    opened.push(partner);
    const importCall = createDispatcher(createHandlers(partner, shellAnswering({ open: file })));
    const previewed: TransferProgress[] = [];
    const preview = await importCall('openBundle', undefined, { progress: (e) => previewed.push(e) });
    expect(preview.ok).toBe(true);
    expectWholeTransfer(previewed, 'preview');

    const imported: TransferProgress[] = [];
    const previewId = (preview as { value: { previewId: string } }).value.previewId;
    const result = await importCall('confirmImport', { previewId }, { progress: (e) => imported.push(e) });
    expect(result).toMatchObject({ ok: true });
    expectWholeTransfer(imported, 'import');
    expect(partner.store.get('practices', practice.id)?.attachments).toHaveLength(3);
  });

  it('reports nothing for a bundle without attachments, which is written at once', async () => {
    const kb = await writableKnowledgeBase(await tempDir());
    opened.push(kb);
    const events: TransferProgress[] = [];
    const file = path.join(await tempDir(), 'alles.twinning-kb.json');
    const call = createDispatcher(createHandlers(kb, shellAnswering({ save: file })));
    const result = await call(
      'exportBundle',
      { selection: {}, withAttachments: true },
      { progress: (e) => events.push(e) },
    );
    expect(result.ok).toBe(true);
    expect(events).toEqual([]);
  });
});

describe('progress events on IPC', () => {
  it('go to the window that made the call, and to no other, and not to one that is gone', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, listener: never) => handlers.set(channel, listener),
    } as unknown as IpcMain;
    const dispatch = vi.fn(
      async (_name: string, _payload: unknown, context?: { progress(e: TransferProgress): void }) => {
        context!.progress({ operation: 'import', done: 5, total: 10 });
        return { ok: true as const, value: null };
      },
    );
    registerIpc(ipcMain, dispatch);
    const window = (destroyed = false) => ({ isDestroyed: () => destroyed, send: vi.fn() });
    const asking = window();
    const other = window();
    const closed = window(true);
    const frame = { url: 'app://twinning-kb/index.html', parent: null };
    const event = (sender: ReturnType<typeof window>) =>
      ({ senderFrame: frame, sender }) as unknown as IpcMainInvokeEvent;

    await handlers.get(ipcChannel('confirmImport'))!(event(asking), { previewId: 'p1' });
    expect(asking.send).toHaveBeenCalledExactlyOnceWith(TRANSFER_PROGRESS_CHANNEL, {
      operation: 'import',
      done: 5,
      total: 10,
    });
    expect(other.send).not.toHaveBeenCalled();

    await handlers.get(ipcChannel('confirmImport'))!(event(closed), { previewId: 'p1' });
    expect(closed.send).not.toHaveBeenCalled();
  });

  it('are never sent for a call from a frame that is not the app', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, listener: never) => handlers.set(channel, listener),
    } as unknown as IpcMain;
    const dispatch = vi.fn();
    registerIpc(ipcMain, dispatch);
    const sender = { isDestroyed: () => false, send: vi.fn() };
    const result = await handlers.get(ipcChannel('openBundle'))!(
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender } as unknown as IpcMainInvokeEvent,
      undefined,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbiddenSender' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(sender.send).not.toHaveBeenCalled();
  });
});
