/** The current URL's query with one parameter changed (or removed), for pager and tab links. */
export function withParam(search: string, name: string, value: string | number | null): string {
  const params = new URLSearchParams(search);
  if (value === null) params.delete(name);
  else params.set(name, String(value));
  const query = params.toString();
  return query === '' ? '?' : `?${query}`;
}

/** Previous and next links of a paged list whose page number is `name`. */
export function pagerLinks(
  search: string,
  name: string,
  page: { page: number; pages: number },
): { previous: string | null; next: string | null } {
  return {
    previous: page.page > 1 ? withParam(search, name, page.page - 1) : null,
    next: page.page < page.pages ? withParam(search, name, page.page + 1) : null,
  };
}
