import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** The bound port (the OS's choice when asked for 0). */
  readonly port: number;
  /** The host as it goes into a URL: IPv6 literals in brackets. */
  readonly urlHost: string;
}

/** Binds `server` and resolves once it listens; a bind error (port taken) rejects instead of throwing later. */
export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return { port: bound, urlHost: host.includes(':') ? `[${host}]` : host };
}
