import { Link } from '@remix-run/react';

/**
 * The page numbers to show: first, last, and a window around the current page; null marks a gap.
 * Pure, exported for tests.
 */
export function pageWindow(current: number, last: number, around = 2): (number | null)[] {
  const pages: (number | null)[] = [];
  const from = Math.max(2, current - around);
  const to = Math.min(last - 1, current + around);
  pages.push(1);
  if (from > 2) pages.push(null);
  for (let p = from; p <= to; p++) pages.push(p);
  if (to < last - 1) pages.push(null);
  if (last > 1) pages.push(last);
  return pages;
}

export function Pagination({
  page,
  lastPage,
  hrefFor,
}: {
  page: number;
  lastPage: number;
  hrefFor: (page: number) => string;
}) {
  if (lastPage <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination des résultats">
      <ul>
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)} rel="prev">
              ‹ Précédente
            </Link>
          </li>
        ) : null}
        {pageWindow(page, lastPage).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`}>
              <span className="gap" aria-hidden="true">
                …
              </span>
            </li>
          ) : (
            <li key={p}>
              <Link
                to={hrefFor(p)}
                aria-current={p === page ? 'page' : undefined}
                aria-label={p === page ? `Page ${p}, page courante` : `Page ${p}`}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        {page < lastPage ? (
          <li>
            <Link to={hrefFor(page + 1)} rel="next">
              Suivante ›
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
