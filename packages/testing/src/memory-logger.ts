export interface LoggedLine {
  readonly level: string;
  readonly fields: object;
  readonly message: string;
}

/** A logger that keeps its lines (info, warn, error), for tests that check what was said. */
export function memoryLogger() {
  const lines: LoggedLine[] = [];
  const write = (level: string) => (fields: object, message: string) => {
    lines.push({ level, fields, message });
  };
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}
