import type { Health, RecordOrigin } from "../api/types";
import { CONFIDENCE_BANDS, CONFIDENCE_LOOK } from "../topics/confidence";
import { formatCount } from "../format/numbers";
import { issueCounts, issueLabel, type RecordFilterState } from "./recordFilters";

interface RecordFiltersProps {
  filters: RecordFilterState;
  search: string;
  health: Health;
  /** The leaf topics (names with their parents'), to filter by; empty before step 2. */
  topics: { id: string; name: string }[];
  onSearch: (text: string) => void;
  onChange: (filters: RecordFilterState) => void;
}

const ORIGINS: RecordOrigin[] = ["import", "trace", "generated", "edited"];
const NO_TOPICS = "Define topics in step 2 first";

export function RecordFilters({ filters, search, health, topics, onSearch, onChange }: RecordFiltersProps) {
  const noTopics = topics.length === 0;
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
      <label className="filter" title={noTopics ? NO_TOPICS : undefined}>
        <span>Topic</span>
        <select value={filters.topic} disabled={noTopics && !filters.topic} onChange={(event) => onChange({ ...filters, topic: event.target.value })}>
          <option value="">Any</option>
          <option value="uncategorized">Uncategorized</option>
          {topics.map((topic) => (
            <option key={topic.id} value={topic.id}>
              {topic.name}
            </option>
          ))}
          {filters.topic && filters.topic !== "uncategorized" && !topics.some((topic) => topic.id === filters.topic) && <option value={filters.topic}>{filters.topic}</option>}
        </select>
      </label>
      <label className="filter" title={noTopics ? NO_TOPICS : undefined}>
        <span>Confidence</span>
        <select value={filters.confidence} disabled={noTopics && !filters.confidence} onChange={(event) => onChange({ ...filters, confidence: event.target.value as RecordFilterState["confidence"] })}>
          <option value="">Any</option>
          {CONFIDENCE_BANDS.map((band) => (
            <option key={band} value={band}>
              {CONFIDENCE_LOOK[band].label} ({CONFIDENCE_LOOK[band].range})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
