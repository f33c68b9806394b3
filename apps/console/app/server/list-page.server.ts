/** One page of a list already in memory, counted from 1; a page past the end is the last one. */
export interface ListPage<T> {
  readonly items: T[];
  readonly page: number;
  readonly pages: number;
  readonly total: number;
}

/** `?<param>=` as a page number; anything else is page 1 rather than an error. */
export function pageParam(params: URLSearchParams, name = 'page'): number {
  const page = Number(params.get(name));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

export function pageOf<T>(items: readonly T[], page: number, size: number): ListPage<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(page, pages);
  return {
    items: items.slice((current - 1) * size, current * size),
    page: current,
    pages,
    total: items.length,
  };
}
