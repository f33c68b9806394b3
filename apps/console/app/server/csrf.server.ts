/**
 * CSRF defence for every mutation, in two layers: the session cookie is SameSite=Lax (browsers leave
 * it off cross-site POSTs), and this origin check refuses any non-GET request whose Origin (or, for
 * older browsers, Referer) is not this console's own host. A request with neither is refused too:
 * every browser that sends cookies sends Origin on POST.
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

/** Throws 403 unless the request is a safe method or comes from a page of this console. */
export function requireSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const expected = new URL(request.url).host;
  const origin = hostOf(request.headers.get('Origin')) ?? hostOf(request.headers.get('Referer'));
  if (origin !== expected) {
    throw new Response('Cross-site request refused', { status: 403, statusText: 'Forbidden' });
  }
}
