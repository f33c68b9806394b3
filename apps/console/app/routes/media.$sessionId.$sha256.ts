import { sessionMediaObject } from '@poise/read-models';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { describeMediaDeletion, mediaDeletion } from '../server/media-deletion.server';
import { notFound, requireSessionAccess } from '../server/report-access.server';
import { getServices } from '../server/services.server';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * GET /media/:sessionId/:sha256 — one recorded frame or audio chunk for the replay. The viewer must
 * be allowed to see the session, and the object must be referenced by a capture of that very session
 * (from the read model, never from the URL alone), or the answer is 404; 410 Gone, saying when and
 * why, once the session's recordings were deleted (retention or erasure).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, session } = await requireSessionAccess(request, params.sessionId, 'read:session:own');
  const sha256 = params.sha256 ?? '';
  if (!SHA256.test(sha256)) throw notFound();
  const { readModels, mediaStore } = getServices();
  const reference = await sessionMediaObject(readModels, {
    tenantId: user.tenantId,
    sessionId: session.sessionId,
    sha256,
  });
  const gone = async () => {
    const deletion = await mediaDeletion(readModels, user.tenantId, session.sessionId);
    return deletion === null
      ? notFound()
      : new Response(describeMediaDeletion(deletion), {
          status: 410,
          headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
        });
  };
  if (reference === null) throw await gone();
  const stored = await mediaStore.get(sha256);
  if (stored === null) throw await gone();
  // A copy typed on a plain ArrayBuffer, as the fetch Response accepts.
  return new Response(new Uint8Array(stored.body), {
    headers: {
      'Content-Type': stored.contentType,
      'Content-Length': String(stored.body.byteLength),
      // Someone's face: only this browser may keep it, and only until retention could remove it.
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    },
  });
}
