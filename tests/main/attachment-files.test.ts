import { afterAll, describe, expect, it } from 'vitest';
import { createAttachmentFileHandler, routeAppRequests } from '../../electron/main/attachment-files';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import type { KnowledgeBase } from '../../core/knowledge-base';
import { pdf, png } from '../helpers/attachment-fixtures';
import { germanPractice, writableKnowledgeBase } from '../helpers/knowledge-base';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const opened: KnowledgeBase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((kb) => kb.close()));
});

async function served() {
  const kb = await writableKnowledgeBase(await tempDir());
  opened.push(kb);
  const { practice } = await kb.practices.save(undefined, germanPractice(kb));
  const owner = { kind: 'practices' as const, id: practice.id };
  const [image] = await kb.attachments.add(owner, { bytes: png(), name: 'foto.png' });
  const [, document] = await kb.attachments.add(owner, { bytes: pdf(), name: 'doc.pdf' });
  const serve = routeAppRequests(
    createAttachmentFileHandler((sha256) => kb.attachments.image(sha256)),
    async () => new Response('page'),
  );
  return { kb, owner, serve, image: image!.sha256, document: document!.sha256 };
}

describe('the app:// attachment handler', () => {
  it('serves an attached image by its hash, with its type from the content and the CSP', async () => {
    const { serve, image } = await served();
    const response = await serve(new Request(`app://twinning-kb/attachments/${image}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(png());
  });

  it('leaves every other path to the renderer files', async () => {
    const { serve } = await served();
    expect(await (await serve(new Request('app://twinning-kb/index.html'))).text()).toBe('page');
  });

  it('serves no document, no unknown hash, no path and no removed image', async () => {
    const { kb, owner, serve, image, document } = await served();
    // A path out of the folder is normalized by the URL parser and so never reaches the attachment handler.
    expect(await (await serve(new Request('app://twinning-kb/attachments/../twinning-kb.json'))).text()).toBe('page');
    for (const tail of [document, '0'.repeat(64), `${image}/x`, `%2e%2e%2f${image}`, image.toUpperCase()]) {
      expect((await serve(new Request(`app://twinning-kb/attachments/${tail}`))).status).toBe(404);
    }
    await kb.attachments.remove(owner, image);
    expect((await serve(new Request(`app://twinning-kb/attachments/${image}`))).status).toBe(404);
  });
});
