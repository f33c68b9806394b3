export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown for `${VAR:?message}` when VAR is missing, as `docker compose` refuses to start then. */
export class MissingVariableError extends Error {
  override name = 'MissingVariableError';
}

const reference = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitutes variables in one compose string the way `docker compose` does: `$$` is a literal `$`;
 * `${VAR}` and `$VAR`; `:-`/`-` default when unset-or-empty/unset; `:?`/`?` fail; `:+`/`+` replace.
 */
export function interpolate(text: string, env: Env): string {
  return text.replace(reference, (_match, dollar, braced, operator, argument, bare) => {
    if (dollar !== undefined) return '$';
    const name: string = braced ?? bare;
    const value = env[name];
    const colon = typeof operator === 'string' && operator.startsWith(':');
    const missing = colon ? value === undefined || value === '' : value === undefined;
    switch (operator?.replace(':', '')) {
      case '-':
        return missing ? argument : (value ?? '');
      case '?':
        if (missing) throw new MissingVariableError(`${name}: ${argument || 'required'}`);
        return value ?? '';
      case '+':
        return missing ? '' : argument;
      default:
        return value ?? '';
    }
  });
}

/** Interpolates every string inside a parsed compose document; keys stay as written. */
export function interpolateDeep(value: unknown, env: Env): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, env)]));
  }
  return value;
}
