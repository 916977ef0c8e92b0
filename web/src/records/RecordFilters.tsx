import type { Health, RecordOrigin } from "../api/types";
import { formatCount } from "../format/numbers";
import { issueCounts, issueLabel, type RecordFilterState } from "./recordFilters";

interface RecordFiltersProps {
  filters: RecordFilterState;
  search: string;
  health: Health;
  onSearch: (text: string) => void;
  onChange: (filters: RecordFilterState) => void;
}

const ORIGINS: RecordOrigin[] = ["import", "trace", "generated", "edited"];
const TOPICS_LATER = "Topics and confidence come with step 2";

export function RecordFilters({ filters, search, health, onSearch, onChange }: RecordFiltersProps) {
  const codes = issueCounts(health);
  return (
    <div className="filters" role="search">
      <input type="search" className="filter-search" placeholder="Search the records' text…" aria-label="Search records" value={search} onChange={(event) => onSearch(event.target.value)} />
      <label className="filter">
        <span>Validity</span>
        <select value={filters.validity} onChange={(event) => onChange({ ...filters, validity: event.target.value as RecordFilterState["validity"] })}>
          <option value="all">All</option>
          <option value="valid">Valid</option>
          <option value="invalid">Invalid</option>
        </select>
      </label>
      <label className="filter">
        <span>Issue</span>
        <select value={filters.issue} onChange={(event) => onChange({ ...filters, issue: event.target.value })}>
          <option value="">Any</option>
          {codes.map((code) => (
            <option key={code.code} value={code.code}>
              {issueLabel(code.code)} ({formatCount(code.count)})
            </option>
          ))}
          {filters.issue && !codes.some((code) => code.code === filters.issue) && <option value={filters.issue}>{issueLabel(filters.issue)}</option>}
        </select>
      </label>
      <label className="filter">
        <span>Origin</span>
        <select value={filters.origin} onChange={(event) => onChange({ ...filters, origin: event.target.value as RecordFilterState["origin"] })}>
          <option value="">Any</option>
          {ORIGINS.map((origin) => (
            <option key={origin} value={origin}>
              {origin}
            </option>
          ))}
        </select>
      </label>
      <label className="filter" title={TOPICS_LATER}>
        <span>Topic</span>
        <select disabled>
          <option>Any</option>
        </select>
      </label>
      <label className="filter" title={TOPICS_LATER}>
        <span>Confidence</span>
        <select disabled>
          <option>Any</option>
        </select>
      </label>
    </div>
  );
}
