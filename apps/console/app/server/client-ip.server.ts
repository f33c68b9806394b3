/**
 * The client's address as express determined it (app.set('trust proxy') decides whether proxies'
 * X-Forwarded-For counts). It arrives in the load context because a fetch Request has no peer address.
 */
export interface ConsoleLoadContext {
  readonly clientIp?: string | null;
}

export function clientIp(context: unknown): string | null {
  const value = (context as ConsoleLoadContext | undefined)?.clientIp;
  return typeof value === 'string' && value !== '' ? value : null;
}
