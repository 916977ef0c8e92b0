// The trace filter controls: time range, endpoint, model, provider, status, key, tag and text.
import type { GatewayKey } from "../api/tracesTypes";
import { TRACE_ENDPOINTS } from "./traceEndpoints";
import { TIME_RANGES, type TimeRange, type TraceFilterState } from "./traceFilters";
import "../styles/traces.css";

interface TraceFiltersProps {
  state: TraceFilterState;
  onChange: (state: TraceFilterState) => void;
  /** Model and provider names to suggest (configured ones and those seen in traces). */
  models: string[];
  providers: string[];
  keys: GatewayKey[];
  problem?: string | null;
}

export function TraceFilters({ state, onChange, models, providers, keys, problem }: TraceFiltersProps) {
  const set = <K extends keyof TraceFilterState>(key: K, value: TraceFilterState[K]) => onChange({ ...state, [key]: value });
  return (
    <div className="trace-filters" role="search" aria-label="Filter traces">
      <div className="filters">
        <input
          type="search"
          className="filter-search"
          placeholder="Search the text…"
          aria-label="Search traces"
          value={state.search}
          onChange={(event) => set("search", event.target.value)}
        />
        {/* Each select named by aria-label too: a label around a select would take its options' text into the name. */}
        <label className="filter">
          <span>Time</span>
          <select aria-label="Time" value={state.range} onChange={(event) => set("range", event.target.value as TimeRange)}>
            {TIME_RANGES.map((range) => (
              <option key={range.id} value={range.id}>
                {range.label}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Endpoint</span>
          <select aria-label="Endpoint" value={state.endpoint} onChange={(event) => set("endpoint", event.target.value as TraceFilterState["endpoint"])}>
            <option value="">All</option>
            {TRACE_ENDPOINTS.map((endpoint) => (
              <option key={endpoint.id} value={endpoint.id}>
                {endpoint.label}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Model</span>
          <input className="filter-input" list="trace-filter-models" value={state.model} placeholder="Any" onChange={(event) => set("model", event.target.value)} />
          <datalist id="trace-filter-models">
            {models.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        </label>
        <label className="filter">
          <span>Provider</span>
          <select aria-label="Provider" value={state.provider} onChange={(event) => set("provider", event.target.value)}>
            <option value="">Any</option>
            {providers.map((provider) => (
              <option key={provider} value={provider}>
                {provider}
              </option>
            ))}
            {state.provider && !providers.includes(state.provider) && <option value={state.provider}>{state.provider}</option>}
          </select>
        </label>
        <label className="filter">
          <span>Status</span>
          <select aria-label="Status" value={state.status} onChange={(event) => set("status", event.target.value as TraceFilterState["status"])}>
            <option value="">Any</option>
            <option value="ok">OK (2xx)</option>
            <option value="error">Error</option>
          </select>
        </label>
        <label className="filter">
          <span>Gateway key</span>
          <select aria-label="Gateway key" value={state.key} onChange={(event) => set("key", event.target.value)}>
            <option value="">Any</option>
            {keys.map((key) => (
              <option key={key.id} value={String(key.id)}>
                {key.name}
                {key.revoked_at ? " (revoked)" : ""}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Tag</span>
          <input className="filter-input filter-input-short" value={state.tag} placeholder="Any" onChange={(event) => set("tag", event.target.value)} />
        </label>
      </div>
      {state.range === "custom" && (
        <div className="filters trace-range">
          <label className="filter">
            <span>From</span>
            <input type="datetime-local" className="filter-input" value={state.customFrom} onChange={(event) => set("customFrom", event.target.value)} />
          </label>
          <label className="filter">
            <span>To</span>
            <input type="datetime-local" className="filter-input" value={state.customTo} onChange={(event) => set("customTo", event.target.value)} />
          </label>
          <span className="muted trace-range-note">Your local time. Leave an end empty for an open range.</span>
        </div>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
