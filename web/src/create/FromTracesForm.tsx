// The "From gateway traces" tab: filter the gateway's traces, choose every call or only each
// agent session's last one, pick some (or all that match), name the dataset and create it; a
// large pick is added by a job whose progress shows here.
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { describeError } from "../api/errors";
import { queryKeys } from "../api/queries";
import { api } from "../api/session";
import type { FromTracesRequest, TraceSummary } from "../api/tracesTypes";
import type { Job } from "../api/types";
import { formatCount, formatCountOf } from "../format/numbers";
import { JobProgress } from "../jobs/JobProgress";
import { ModeChoice, type ModeOption } from "../ui/ModeChoice";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { NOTHING_SELECTED, pickedElsewhere, selectedCount, selectionForNewFilter, togglePage, toggleTrace, type TraceSelection } from "../traces/selection";
import { savedFilterForSelection, withSessionCalls, type SessionCalls } from "../traces/traceFilters";
import { TraceDetailDrawer } from "../traces/TraceDetailDrawer";
import { TraceFilters } from "../traces/TraceFilters";
import { TracesTable } from "../traces/TracesTable";
import { useTracePage } from "../traces/traceQueries";
import { totalLabel } from "../ui/cursorTrail";
import { useCursorTrail } from "../ui/useCursorTrail";
import { useTraceFilter } from "../traces/useTraceFilter";
import { useTraceFilterOptions } from "../traces/useTraceFilterOptions";

type Phase = { kind: "editing" } | { kind: "creating" } | { kind: "adding"; datasetId: number; job: Job };

const CALLS_OPTIONS: ModeOption<SessionCalls>[] = [
  ["every", "Every call", "each matching call becomes a record"],
  ["last_of_session", "The last call of each session", "one record per agent episode"],
];

export function FromTracesForm() {
  const filter = useTraceFilter();
  const options = useTraceFilterOptions();
  const [calls, setCalls] = useState<SessionCalls>("every");
  const paging = useCursorTrail();
  const [selection, setSelection] = useState<TraceSelection>(NOTHING_SELECTED);
  // Set when a filter change ended a pick of "all matching", so the bar can say why it is empty.
  const [allMatchingCleared, setAllMatchingCleared] = useState(false);
  const [opened, setOpened] = useState<TraceSummary | null>(null);
  const [name, setName] = useState("");
  const [objective, setObjective] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "editing" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The list, its count and the dataset's saved filter all take the choice of calls.
  const fields = withSessionCalls(filter.fields, calls);
  const page = useTracePage(fields, paging.cursor, filter.problem === null);

  const total = page.data?.total ?? 0;
  const totalExact = page.data?.total_exact ?? true;
  const pageIds = page.data?.items.map((trace) => trace.id) ?? [];
  const count = selectedCount(selection, total);
  const elsewhere = pickedElsewhere(selection, pageIds);
  const busy = phase.kind !== "editing";

  const pick = (next: TraceSelection) => {
    setSelection(next);
    setAllMatchingCleared(false);
  };
  // Rows picked by id stay picked under another filter (the bar says how many it hides); a pick of
  // "all matching" was the old filter's, so it ends, and the bar says so.
  const restartPick = () => {
    paging.restart();
    setSelection(selectionForNewFilter(selection));
    setAllMatchingCleared(selection.kind === "all_matching");
  };
  const changeFilter: typeof filter.change = (next) => {
    filter.change(next);
    restartPick();
  };
  const changeCalls = (next: SessionCalls) => {
    setCalls(next);
    restartPick();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (count === 0) return setError("Select the traces to turn into records, or select all that match the filter.");
    if (!name.trim()) return setError("Give the dataset a name.");
    setError(null);
    setPhase({ kind: "creating" });
    try {
      const request: FromTracesRequest = { name: name.trim(), objective: objective.trim(), filter: fields, start: true };
      if (selection.kind === "some") {
        const newest = await api.listTraces(fields, null, 1);
        request.trace_ids = [...selection.ids];
        request.filter = savedFilterForSelection(fields, newest.items[0]?.created_at_ms);
      }
      const created = await api.createDatasetFromTraces(request);
      void queryClient.invalidateQueries({ queryKey: queryKeys.datasets });
      if (created.job) setPhase({ kind: "adding", datasetId: created.id, job: created.job });
      else navigate(`/optimization/${created.id}`);
    } catch (caught) {
      setError(describeError(caught));
      setPhase({ kind: "editing" });
    }
  };

  return (
    <div className="form from-traces">
      <TraceFilters state={filter.state} onChange={changeFilter} models={options.models} providers={options.providers} keys={options.keys} problem={filter.problem} />
      <ModeChoice legend="Records from" options={CALLS_OPTIONS} value={calls} onChange={changeCalls} />

      <div className="selection-bar" data-testid="selection-bar">
        <span>
          <strong>{selection.kind === "all_matching" ? totalLabel(count, totalExact, formatCount) : formatCount(count)}</strong> selected
          {selection.kind === "all_matching" ? " — every trace matching the filter" : ""}
          {elsewhere > 0 && <span data-testid="picked-elsewhere">, {formatCount(elsewhere)} of them not on this page</span>}
          {allMatchingCleared && <span className="tone-text-warn"> — the filter changed, so “all matching” was cleared</span>}
          <span className="muted" data-testid="match-count">
            {" "}
            · {totalLabel(total, totalExact, formatCount)} {calls === "last_of_session" ? (total === 1 ? "session matches" : "sessions match") : "match"}
          </span>
        </span>
        <span className="spacer" />
        {selection.kind === "some" && total > selection.ids.size && (
          <button type="button" className="button button-small" onClick={() => pick({ kind: "all_matching" })} disabled={busy}>
            Select all {totalLabel(total, totalExact, formatCount)} matching
          </button>
        )}
        {count > 0 && (
          <button type="button" className="button button-small button-ghost" onClick={() => pick(NOTHING_SELECTED)} disabled={busy}>
            Clear selection
          </button>
        )}
      </div>

      {filter.problem ? null : page.isPending ? (
        <LoadingState label="Loading traces…" />
      ) : page.isError ? (
        <ErrorState error={page.error} onRetry={() => page.refetch()} title="The traces could not be loaded" />
      ) : page.data.total === 0 ? (
        <EmptyState title="No trace matches these filters">Widen the time range or clear a filter.</EmptyState>
      ) : (
        <TracesTable
          page={page.data}
          paging={paging}
          stale={page.isPlaceholderData}
          onOpen={setOpened}
          selecting={{
            selection,
            onToggle: (id) => pick(toggleTrace(selection, id, pageIds)),
            onTogglePage: () => pick(togglePage(selection, pageIds)),
          }}
        />
      )}
      <p className="muted form-hint">Successful chat, Responses and Anthropic Messages calls become records (the messages and tools, the answer as the reference); failed calls and embeddings are skipped.</p>

      <form className="form from-traces-details" onSubmit={submit} noValidate>
        <div className="field-row">
          <label className="field">
            <span>Name</span>
            <input value={name} maxLength={200} disabled={busy} onChange={(event) => setName(event.target.value)} placeholder="support-bot" />
          </label>
        </div>
        <label className="field">
          <span>
            Objective <span className="muted">(what the tuned model should do better)</span>
          </span>
          <textarea value={objective} rows={2} disabled={busy} onChange={(event) => setObjective(event.target.value)} placeholder="Answer support questions with the right tool call" />
        </label>

        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {phase.kind === "adding" && (
          <JobProgress job={phase.job} onFinished={() => navigate(`/optimization/${phase.datasetId}`)} />
        )}

        <div className="form-actions">
          <Link to="/optimization" className="button">
            Cancel
          </Link>
          <button type="submit" className="button button-primary" disabled={busy}>
            {phase.kind === "creating" ? "Creating…" : phase.kind === "adding" ? "Adding traces…" : `Create & start${count > 0 ? ` with ${formatCountOf(count, "trace")}` : ""}`}
          </button>
        </div>
      </form>
      {opened && <TraceDetailDrawer traceId={opened.id} keys={options.keys} onClose={() => setOpened(null)} />}
    </div>
  );
}
