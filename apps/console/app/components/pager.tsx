import { Link } from '@remix-run/react';

const linkClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100';

/** Previous / next links; a missing target means there is no page that way. */
export function Pager({
  previous,
  next,
  label,
}: {
  previous: string | null;
  next: string | null;
  label: string;
}) {
  return (
    <nav className="mt-4 flex items-center justify-between gap-2" aria-label="Pagination">
      <span className="text-sm text-slate-600">{label}</span>
      <div className="flex gap-2">
        {previous !== null && (
          <Link to={previous} className={linkClass} rel="prev">
            Previous
          </Link>
        )}
        {next !== null && (
          <Link to={next} className={linkClass} rel="next">
            Next
          </Link>
        )}
      </div>
    </nav>
  );
}
