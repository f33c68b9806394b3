/** `?page=` counted from 1; anything else is page 1 rather than an error. */
export function pageNumber(url: URL): number {
  const page = Number(url.searchParams.get('page'));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
