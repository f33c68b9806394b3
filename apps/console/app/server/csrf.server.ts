/**
 * CSRF defence for every mutation, in two layers: the session cookie is SameSite=Lax (browsers leave
 * it off cross-site POSTs), and this origin check refuses any non-GET request whose Origin (or, for
 * older browsers, Referer) is not this console's own host. A request with neither is refused too:
 * every browser that sends cookies sends Origin on POST.
 *
 * The HTTP layer (src/console-http.ts) runs the same check before Remix, whose own origin check
 * (against X-Forwarded-Host, else Host) throws a bare 500; so the check here also refuses what
 * Remix's would, and Remix never sees a request it would refuse.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(value: string | null): string | null {
  if (value === null || value === 'null') return null;
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}

/** The host Remix compares Origin with: the first X-Forwarded-Host, else Host. */
function remixHost(headers: Headers): string | null {
  const forwarded = headers.get('X-Forwarded-Host')?.split(',')[0]?.trim();
  return forwarded !== undefined && forwarded !== '' ? forwarded : headers.get('Host');
}

/**
 * Why a mutation is refused as cross-site, or null when it comes from a page of this console.
 * `checkHostHeader` also compares Origin with the Host headers as Remix does (the HTTP layer, where
 * the request carries them).
 */
export function crossSiteProblem(request: Request, checkHostHeader = false): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const expected = new URL(request.url).host;
  const originHeader = request.headers.get('Origin');
  if (originHeader !== null) {
    // Present, Origin decides (an opaque "null" or unreadable Origin is another site's).
    const origin = hostOf(originHeader);
    if (origin === null || origin !== expected) {
      return 'Cross-site request refused: the form was sent from another site.';
    }
    // Remix refuses an Origin that differs from the forwarded or plain Host; so do we, with a 403.
    if (checkHostHeader && remixHost(request.headers) !== origin) {
      return 'Cross-site request refused: the Origin does not match the host the request was sent to.';
    }
    return null;
  }
  const referer = hostOf(request.headers.get('Referer'));
  if (referer === null) {
    return 'Cross-site request refused: a form must be sent from a page of this console (no Origin or Referer).';
  }
  return referer === expected ? null : 'Cross-site request refused: the form was sent from another site.';
}

/** Throws 403 unless the request is a safe method or comes from a page of this console. */
export function requireSameOrigin(request: Request): void {
  if (crossSiteProblem(request) !== null) {
    throw new Response('Cross-site request refused', { status: 403, statusText: 'Forbidden' });
  }
}
