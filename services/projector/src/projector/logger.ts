/** The slice of a pino logger the projector uses, so any structured logger fits. */
export interface ProjectorLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
