import pino, { type LevelWithSilent, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level: LevelWithSilent;
  format: LogFormat;
  /** The service or component, e.g. "capture-gateway"; every line carries it. */
  name: string;
  /** Fields added to every line, e.g. `{ target: 'ops' }`. */
  base?: Record<string, unknown>;
  /** Where lines go; standard output by default. Tests pass a stream to read them back. */
  destination?: NodeJS.WritableStream;
}

/** Configuration and credentials get logged at boot; their secrets must not reach the log. */
const secretPaths = [
  'password',
  '*.password',
  'secretAccessKey',
  '*.secretAccessKey',
  'sessionSecret',
  '*.sessionSecret',
  'headers.authorization',
  'headers.cookie',
];

/**
 * A pino logger writing JSON lines (for collectors) or pretty text (for people). Pretty printing runs
 * as a synchronous stream in this thread rather than a worker transport, which cannot load under
 * tsx or vitest and can lose the last lines when the process exits.
 */
export function createLogger(options: LoggerOptions): Logger {
  const pinoOptions = {
    name: options.name,
    level: options.level,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: secretPaths, censor: '[redacted]' },
  };
  const logger =
    options.format === 'json'
      ? pino(
          // Level names instead of pino's numbers, so log queries read `level="error"`.
          { ...pinoOptions, formatters: { level: (label: string) => ({ level: label }) } },
          options.destination ?? pino.destination({ dest: 1, sync: true }),
        )
      : pino(
          pinoOptions,
          pretty({
            sync: true,
            destination: options.destination ?? 1,
            colorize: options.destination === undefined && pretty.isColorSupported,
            ignore: 'pid,hostname',
            translateTime: 'SYS:HH:MM:ss.l',
          }),
        );
  return options.base === undefined ? logger : logger.child(options.base);
}

/**
 * A child logger whose lines carry the session and correlation ids. The correlation id of a session's
 * events is the session id (ARCHITECTURE.md), hence the default.
 */
export function sessionLogger(logger: Logger, sessionId: string, correlationId: string = sessionId): Logger {
  return logger.child({ sessionId, correlationId });
}
