import { openAuthStore } from '@poise/auth';
import { ImportInterruptedError, type ImportTarget, runImport } from '@poise/capture';
import type { PoiseConfig } from '@poise/config';
import type { Output } from './log/log-commands';
import { openEventLog } from './platform/open-event-log';
import { createProgressBar } from './progress-bar';

export interface ImportCommand {
  readonly folder: string;
  /** Overrides the gateway of the config. */
  readonly gateway: string | undefined;
  readonly resume: boolean;
}

/** A dropped connection is retried this many times in one run, each resuming from the gateway's ack. */
const RECONNECTS = 3;

/** The gateway this machine's config points at; a wildcard bind address is reached on loopback. */
export function configuredGatewayUrl(config: PoiseConfig): string {
  const { host, capturePort } = config.network;
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `ws://${reachable.includes(':') ? `[${reachable}]` : reachable}:${capturePort}/capture`;
}

/** `poise import <folder>`: validate, then send through the running gateway with a progress bar. */
export async function importCommand(
  config: PoiseConfig,
  command: ImportCommand,
  out: Output,
  progress: Output,
  signal?: AbortSignal,
): Promise<number> {
  const log = openEventLog(config.eventLog);
  const authStore = await openAuthStore(config.authStore);
  const target: ImportTarget = {
    log,
    authStore,
    gatewayUrl: command.gateway ?? configuredGatewayUrl(config),
    secret: config.sessionSecret,
  };
  try {
    let resume = command.resume;
    for (let attempt = 0; ; attempt++) {
      const bar = createProgressBar(progress);
      try {
        const result = await runImport(command.folder, target, {
          resume,
          onStart: ({ sessionId, frames, audioChunks }) =>
            progress.write(`importing session ${sessionId}: ${frames} frames, ${audioChunks} audio chunks\n`),
          onProgress: bar.update,
          ...(signal === undefined ? {} : { signal }),
        });
        bar.finish();
        if (result.alreadyComplete) {
          out.write(
            `${command.folder} was imported completely before (session ${result.sessionId}); nothing sent\n`,
          );
        } else {
          const resumed =
            result.framesBefore + result.audioChunksBefore > 0
              ? ` (resumed after ${result.framesBefore} frames and ${result.audioChunksBefore} audio chunks)`
              : '';
          out.write(
            `imported session ${result.sessionId}: ${result.frames} frames, ${result.audioChunks} audio chunks${resumed}\n`,
          );
        }
        return 0;
      } catch (error) {
        bar.finish();
        const retry =
          error instanceof ImportInterruptedError && signal?.aborted !== true && attempt < RECONNECTS;
        if (!retry) throw error;
        progress.write(`${(error as Error).message}; reconnecting (${attempt + 1}/${RECONNECTS})\n`);
        // The session exists now, started by this run: the retry continues it.
        resume = true;
        await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
      }
    }
  } finally {
    await authStore.close();
    await log.close();
  }
}
