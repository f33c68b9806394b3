/**
 * Headers on every document the console serves. The CSP admits only this origin; inline scripts are
 * allowed through a per-response nonce (Remix inlines its hydration data). Styles allow 'unsafe-inline'
 * because Tremor's charts set style attributes.
 */
export function securityHeaders(nonce: string, production: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${production ? '' : " 'unsafe-inline'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Vite's dev server pushes module updates over a WebSocket.
    `connect-src 'self'${production ? '' : ' ws: wss:'}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
  };
}
