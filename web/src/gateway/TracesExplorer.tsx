// The traces explorer: filters, a page of traces, and a trace's detail in a drawer.
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { TraceSummary } from "../api/tracesTypes";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { SendTrafficGuide } from "../traces/SendTrafficGuide";
import { TraceDetailDrawer } from "../traces/TraceDetailDrawer";
import { TraceFilters } from "../traces/TraceFilters";
import { TracesTable } from "../traces/TracesTable";
import { hasTraceFilters, NO_TRACE_FILTERS, traceFilterFromParams, traceFilterParams, type TraceFilterState } from "../traces/traceFilters";
import { useAnyTraces, useTracePage } from "../traces/traceQueries";
import { useTraceFilter } from "../traces/useTraceFilter";
import { useTraceFilterOptions } from "../traces/useTraceFilterOptions";
import { useCursorTrail } from "../ui/useCursorTrail";

export function TracesExplorer() {
  const anyTraces = useAnyTraces();
  // The filters live in the address too (a reload or a shared link keeps them); the tab stays.
  const [params, setParams] = useSearchParams();
  const [initialFilter] = useState(() => traceFilterFromParams(params));
  const filter = useTraceFilter(initialFilter);
  const options = useTraceFilterOptions();
  const paging = useCursorTrail();
  const [opened, setOpened] = useState<TraceSummary | null>(null);
  const page = useTracePage(filter.fields, paging.cursor, filter.problem === null);
  const changeFilter = (next: TraceFilterState) => {
    filter.change(next);
    paging.restart();
    setParams(
      (current) => {
        const kept = new URLSearchParams(traceFilterParams(next));
        const tab = current.get("tab");
        if (tab) kept.set("tab", tab);
        return kept;
      },
      { replace: true },
    );
  };

  if (anyTraces.isPending) return <LoadingState label="Loading traces…" />;
  if (anyTraces.isError) return <ErrorState error={anyTraces.error} onRetry={() => anyTraces.refetch()} title="The traces could not be loaded" />;
  if (anyTraces.data.total === 0) {
    return (
      <div className="card">
        <SendTrafficGuide />
      </div>
    );
  }

  return (
    <div className="explorer">
      <TraceFilters
        state={filter.state}
        onChange={changeFilter}
        models={options.models}
        providers={options.providers}
        keys={options.keys}
        problem={filter.problem}
      />
      {filter.problem ? null : page.isPending ? (
        <LoadingState label="Loading traces…" />
      ) : page.isError ? (
        <ErrorState error={page.error} onRetry={() => page.refetch()} title="The traces could not be loaded" />
      ) : page.data.total === 0 ? (
        <EmptyState
          title="No trace matches these filters"
          action={
            hasTraceFilters(filter.state) && (
              <button type="button" className="button" onClick={() => changeFilter(NO_TRACE_FILTERS)}>
                Clear the filters
              </button>
            )
          }
        >
          Widen the time range or clear a filter.
        </EmptyState>
      ) : (
        <TracesTable
          page={page.data}
          paging={paging}
          stale={page.isPlaceholderData}
          onOpen={setOpened}
        />
      )}
      {opened && <TraceDetailDrawer traceId={opened.id} keys={options.keys} onClose={() => setOpened(null)} />}
    </div>
  );
}
