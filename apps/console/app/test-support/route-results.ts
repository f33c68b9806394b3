/** Reading what a loader or action returned: a plain value, or `data(value, init)` with a status. */
export interface RouteResult<T> {
  readonly status: number;
  readonly body: T;
}

export function routeResult<T>(result: unknown): RouteResult<T> {
  const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } | null } | null;
  if (wrapped !== null && typeof wrapped === 'object' && wrapped.type === 'DataWithResponseInit') {
    return { status: wrapped.init?.status ?? 200, body: wrapped.data as T };
  }
  return { status: 200, body: result as T };
}
