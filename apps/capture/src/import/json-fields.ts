/**
 * Reads fields of parsed JSON and collects what is wrong with each, named by its path
 * (`answers[2].endMs`), so one run reports every problem of a file at once.
 */
export class FieldProblems {
  readonly problems: string[] = [];

  constructor(private readonly file: string) {}

  add(path: string, message: string): void {
    this.problems.push(`${this.file}: ${path === '' ? '' : `${path} `}${message}`);
  }

  object(value: unknown, path: string): Record<string, unknown> | null {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    this.add(path, `must be an object, got ${describe(value)}`);
    return null;
  }

  array(value: unknown, path: string): unknown[] | null {
    if (Array.isArray(value)) return value;
    this.add(path, `must be an array, got ${describe(value)}`);
    return null;
  }

  string(value: unknown, path: string, options: { max?: number; pattern?: RegExp; hint?: string } = {}) {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, `must be a non-empty string, got ${describe(value)}`);
      return null;
    }
    if (options.max !== undefined && value.length > options.max) {
      this.add(path, `must be at most ${options.max} characters, got ${value.length}`);
      return null;
    }
    if (options.pattern !== undefined && !options.pattern.test(value)) {
      this.add(path, `must be ${options.hint ?? `like ${options.pattern}`}, got ${describe(value)}`);
      return null;
    }
    return value;
  }

  integer(value: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | null {
    if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
      this.add(path, `must be a whole number ${range}, got ${describe(value)}`);
      return null;
    }
    return value as number;
  }

  /** Keys the reader does not know are refused: a typo (`endMS`) must not pass silently. */
  unknownKeys(record: Record<string, unknown>, path: string, known: readonly string[]): void {
    for (const key of Object.keys(record)) {
      if (!known.includes(key)) {
        this.add(
          `${path}${path === '' ? '' : '.'}${key}`,
          `is not a known field (known: ${known.join(', ')})`,
        );
      }
    }
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** JSON.parse with the file named and the position of the syntax error. */
export function parseJsonFile(
  file: string,
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `${file} is not valid JSON: ${(error as Error).message}` };
  }
}
