/** One page of a list already in memory, counted from 1; a page past the end is the last one. */
export interface ListPage<T> {
  readonly items: T[];
  readonly page: number;
  readonly pages: number;
  readonly total: number;
}

/** Far past any list's end; a larger number is a made-up link (and would overflow an offset). */
export const MAX_PAGE = 1_000_000;
const PAGE_PATTERN = /^[1-9]\d{0,6}$/;

/**
 * `?<param>=` as a page number counted from 1 (absent or empty is page 1). Anything else, such as
 * `1e308`, `-1` or `2.5`, is a 400 that says what a page number is, not a server error.
 */
export function pageParam(params: URLSearchParams, name = 'page'): number {
  const text = (params.get(name) ?? '').trim();
  if (text === '') return 1;
  const page = PAGE_PATTERN.test(text) ? Number(text) : Number.NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) {
    throw new Response(`Invalid ${name}: a page number is a whole number from 1 to ${MAX_PAGE}.`, {
      status: 400,
      statusText: 'Bad Request',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  return page;
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
