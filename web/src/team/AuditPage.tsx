// /audit: who changed what and when, newest first; filtered by user and action, exported as JSONL.
import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import { useAuditActions, useAuditPage, useUsers } from "../api/teamQueries";
import type { AuditFilter } from "../api/teamTypes";
import { useMayChange } from "../auth/useSession";
import { saveDownload } from "../ui/saveDownload";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { useCursorTrail } from "../ui/useCursorTrail";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { AuditFilters } from "./AuditFilters";
import { AuditTable } from "./AuditTable";
import "../styles/team.css";
import "../styles/traces.css";

const TYPING_PAUSE_MS = 300;

export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const settledFilter = useDebouncedValue(filter, TYPING_PAUSE_MS);
  const paging = useCursorTrail();
  const page = useAuditPage(settledFilter, paging.cursor);
  const actions = useAuditActions();
  // Only admins may list users; the others type a name.
  const users = useUsers(useMayChange()("users"));
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const exportLog = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const download = await api.exportAudit(settledFilter);
      saveDownload(download.blob, download.filename);
    } catch (error) {
      setExportError(describeError(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="muted">Every change anyone made, newest first: who, what, on which object, and from where.</p>
        </div>
      </div>
      <AuditFilters
        filter={filter}
        onChange={(next) => {
          setFilter(next);
          paging.restart();
        }}
        userNames={users.data?.items.map((user) => user.name) ?? []}
        actions={actions.data?.items ?? []}
        onExport={() => void exportLog()}
        exporting={exporting}
      />
      {exportError && (
        <p className="form-error" role="alert">
          {exportError}
        </p>
      )}
      {page.isPending ? (
        <LoadingState label="Loading the audit log…" />
      ) : page.isError ? (
        <ErrorState error={page.error} onRetry={() => page.refetch()} title="The audit log could not be loaded" />
      ) : page.data.items.length === 0 ? (
        <EmptyState title={filter.user || filter.action ? "No change matches these filters" : "Nothing changed yet"}>
          {filter.user || filter.action ? "Clear a filter to see more." : "Changes to datasets, users, keys and deployments show up here as they happen."}
        </EmptyState>
      ) : (
        <AuditTable page={page.data} paging={paging} stale={page.isPlaceholderData} />
      )}
    </main>
  );
}
