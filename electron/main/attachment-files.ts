/**
 * Serves attached images to the renderer on the app's own origin, under
 * `app://twinning-kb/attachments/<sha256>`: the page never sees a file path
 * and the CSP's `img-src 'self'` covers exactly this origin. Only bytes that
 * some record attaches as an image, and only when they still match their
 * hash, are served; everything else is 404. Plain Node (a fetch Request in,
 * a Response out), so the UI tests serve images with it too.
 */
import { ATTACHMENT_URL_PATH, AttachmentHash, type AttachmentType } from '../../shared/attachments';
import { CONTENT_SECURITY_POLICY } from './security';

export type ImageLookup = (sha256: string) => Promise<{ bytes: Uint8Array; type: AttachmentType } | null>;
type Handler = (request: Request) => Promise<Response>;

export function isAttachmentRequest(request: Request): boolean {
  return new URL(request.url).pathname.startsWith(ATTACHMENT_URL_PATH);
}

export function createAttachmentFileHandler(lookup: ImageLookup): Handler {
  return async (request) => {
    const hash = new URL(request.url).pathname.slice(ATTACHMENT_URL_PATH.length);
    if (request.method !== 'GET' || !AttachmentHash.safeParse(hash).success) return notFound();
    const image = await lookup(hash).catch(() => null);
    if (!image) return notFound();
    return new Response(image.bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        'content-type': image.type,
        'content-security-policy': CONTENT_SECURITY_POLICY, // the same policy as every app:// response (see app-files.ts)
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  };
}

/** The app scheme's one handler: attached images under /attachments/, the renderer's files for the rest. */
export function routeAppRequests(attachments: Handler, files: Handler): Handler {
  return (request) => (isAttachmentRequest(request) ? attachments(request) : files(request));
}

const notFound = () => new Response('Not found', { status: 404 });
