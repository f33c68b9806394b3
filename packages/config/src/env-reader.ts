import type { ConfigIssue } from './config-error';
import type { DefaultedVariable, OptionalVariable, Variable } from './variables';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads typed values out of an environment and collects every problem instead of stopping at the
 * first, so one failed boot shows everything to fix. An empty string counts as unset, because
 * compose files and shells produce `VAR=` for "no value".
 */
export class EnvReader {
  readonly #env: Env;
  readonly #order: readonly string[];
  readonly #issues: ConfigIssue[] = [];

  /** Validates every given variable up front, including ones the chosen adapters will not use. */
  constructor(env: Env, variables: readonly Variable<unknown>[]) {
    this.#env = env;
    this.#order = variables.map((variable) => variable.name);
    for (const variable of variables) {
      const raw = this.#raw(variable);
      if (raw === undefined) continue;
      const result = variable.format.schema.safeParse(raw);
      if (!result.success) {
        const expected = result.error.issues[0]?.message ?? variable.format.expected;
        this.#issues.push({ variable: variable.name, expected, found: this.#found(variable) });
      }
    }
  }

  /** In the order of the variable table, so related variables sit together in the message. */
  get issues(): readonly ConfigIssue[] {
    const rank = (issue: ConfigIssue) => this.#order.indexOf(issue.variable);
    return this.#issues.toSorted((a, b) => rank(a) - rank(b));
  }

  /** The given value, or the variable's default when unset or invalid (the invalid value is already an issue). */
  value<T>(variable: DefaultedVariable<T>): T {
    const given = this.optional(variable);
    if (given !== undefined) return given;
    const fallback =
      typeof variable.fallback === 'string'
        ? variable.fallback
        : variable.fallback((other) => this.value(other));
    return variable.format.schema.parse(fallback);
  }

  optional<T>(variable: Variable<T>): T | undefined {
    const raw = this.#raw(variable);
    if (raw === undefined) return undefined;
    const result = variable.format.schema.safeParse(raw);
    return result.success ? result.data : undefined;
  }

  /** Records a missing-variable issue when unset; `when` names the setting that makes it necessary. */
  required<T>(variable: OptionalVariable<T>, when: string): T | undefined {
    if (this.#raw(variable) === undefined) {
      this.#issues.push({
        variable: variable.name,
        expected: variable.format.expected,
        found: 'nothing',
        requiredWhen: when,
      });
    }
    return this.optional(variable);
  }

  /** For rules that span variables (distinct ports, no development secret in production). */
  reject(variable: Variable<unknown>, expected: string): void {
    this.#issues.push({ variable: variable.name, expected, found: this.#found(variable) });
  }

  #raw(variable: Variable<unknown>): string | undefined {
    const raw = this.#env[variable.name];
    return raw === '' ? undefined : raw;
  }

  #found(variable: Variable<unknown>): string {
    const raw = this.#raw(variable);
    if (raw === undefined) return 'nothing';
    return variable.secret ? `a hidden value of ${raw.length} characters` : JSON.stringify(raw);
  }
}
