/**
 * A plan diff asked for a page at a time: the groups' headings count the whole diff (the
 * server's `counts`), the lists show one page of it, and the pager walks the rest. A diff
 * of a large roadmap (10,000 changed measures) is never sent whole to the browser.
 */
import { useState } from 'react';
import { useDiff } from '../../api/baselines';
import { ErrorAlert, LoadingState, Pager } from '../../components';
import { DiffView } from './DiffView';

/** Measures per page of a diff. */
export const DIFF_PAGE = 100;

export function PagedDiff(p: {
  roadmapId: string;
  from: string | undefined;
  to: string;
  enabled: boolean;
  /** An error of what the sides were picked from, shown in the same place. */
  error?: unknown;
}) {
  const [at, setAt] = useState({ key: '', page: 1 });
  const key = `${p.from}|${p.to}`;
  // other sides start again at the first page
  const page = at.key === key ? at.page : 1;
  const diff = useDiff(p.roadmapId, { from: p.from, to: p.to, limit: DIFF_PAGE, page }, p.enabled);
  const pages = diff.data ? Math.ceil(diff.data.total / DIFF_PAGE) : 0;
  return (
    <>
      <ErrorAlert error={p.error ?? diff.error} />
      {diff.isLoading ? <LoadingState /> : diff.data ? <DiffView diff={diff.data} /> : null}
      <Pager pages={pages} page={page} onChange={(n) => setAt({ key, page: n })} />
    </>
  );
}
