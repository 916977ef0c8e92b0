// The audit log's filters (who, which action) and its export, which takes the same filters.
import type { AuditFilter } from "../api/teamTypes";

interface AuditFiltersProps {
  filter: AuditFilter;
  onChange: (filter: AuditFilter) => void;
  /** Names to suggest for the user filter. */
  userNames: readonly string[];
  actions: readonly string[];
  onExport: () => void;
  exporting: boolean;
}

export function AuditFilters({ filter, onChange, userNames, actions, onExport, exporting }: AuditFiltersProps) {
  return (
    <div className="audit-filters">
      <label className="field">
        <span>User</span>
        <input
          list="audit-user-names"
          value={filter.user ?? ""}
          placeholder="Everyone"
          onChange={(event) => onChange({ ...filter, user: event.target.value || undefined })}
        />
        <datalist id="audit-user-names">
          {userNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>Action</span>
        <select value={filter.action ?? ""} onChange={(event) => onChange({ ...filter, action: event.target.value || undefined })}>
          <option value="">Every action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" onClick={onExport} disabled={exporting}>
        {exporting ? "Exporting…" : "Export JSONL"}
      </button>
    </div>
  );
}
