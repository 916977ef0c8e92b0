import { useMemo, useState } from "react";
import type { TraceFilterFields } from "../api/tracesTypes";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { NO_TRACE_FILTERS, rangeProblem, toTraceFilterFields, type TraceFilterState } from "./traceFilters";

const TYPING_DELAY_MS = 300;

/**
 * The filter controls' state and the fields to query with. "Last hour" is counted from the moment
 * the filter was last changed, not from each render, so the query stays the same while the user
 * pages (new calls still show: a preset has no end).
 */
export function useTraceFilter(initial: TraceFilterState = NO_TRACE_FILTERS) {
  const [state, setState] = useState(initial);
  const [anchorMs, setAnchorMs] = useState(() => Date.now());
  const fields = useMemo(() => toTraceFilterFields(state, anchorMs), [state, anchorMs]);
  const settled = useDebouncedValue(fields, TYPING_DELAY_MS);
  const change = (next: TraceFilterState) => {
    setState(next);
    setAnchorMs(Date.now());
  };
  return { state, change, fields: settled as TraceFilterFields, problem: rangeProblem(state) };
}
