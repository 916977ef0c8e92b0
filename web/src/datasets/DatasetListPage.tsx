import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { describeError } from "../api/errors";
import { useDatasets, useRefreshDataset, queryKeys } from "../api/queries";
import { api } from "../api/session";
import type { DatasetSummary } from "../api/types";
import { useQueryClient } from "@tanstack/react-query";
import { IfAllowed } from "../auth/IfAllowed";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { saveDownload } from "../ui/saveDownload";
import { formatCount, formatCountOf } from "../format/numbers";
import { DatasetRow } from "./DatasetRow";

export function DatasetListPage() {
  const datasets = useDatasets();
  const queryClient = useQueryClient();
  const refresh = useRefreshDataset();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<DatasetSummary | null>(null);
  const [notice, setNotice] = useState<{ tone: "good" | "bad"; text: string } | null>(null);

  const run = async (action: () => Promise<string>) => {
    setNotice(null);
    try {
      setNotice({ tone: "good", text: await action() });
    } catch (error) {
      setNotice({ tone: "bad", text: describeError(error) });
    }
  };

  const duplicate = (dataset: DatasetSummary) =>
    run(async () => {
      const copy = await api.duplicateDataset(dataset.id);
      await queryClient.invalidateQueries({ queryKey: queryKeys.datasets });
      return `Duplicated “${dataset.name}” as “${copy.name}”.`;
    });

  const exportRecords = (dataset: DatasetSummary) =>
    run(async () => {
      const download = await api.exportRecords(dataset.id, false, dataset.name);
      saveDownload(download.blob, download.filename);
      return `Exported ${formatCountOf(dataset.record_count, "record")} of “${dataset.name}”.`;
    });

  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>Datasets</h1>
          <p className="muted">Each dataset goes through the 7 steps from records to a deployed model.</p>
        </div>
        <IfAllowed to="datasets">
          <Link to="/optimization/new" className="button button-primary">
            + New dataset
          </Link>
        </IfAllowed>
      </div>

      {notice && (
        <div className={`notice tone-${notice.tone}`} role="status">
          {notice.text}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ✕
          </button>
        </div>
      )}

      {datasets.isPending ? (
        <LoadingState label="Loading datasets…" />
      ) : datasets.isError ? (
        <ErrorState error={datasets.error} onRetry={() => datasets.refetch()} title="The datasets could not be loaded" />
      ) : datasets.data.items.length === 0 ? (
        <EmptyState
          title="No datasets yet"
          action={
            <IfAllowed to="datasets" otherwise={<ReadOnlyNote what="datasets" lead="An editor or an admin creates them." />}>
              <button type="button" className="button button-primary" onClick={() => navigate("/optimization/new")}>
                Create your first dataset
              </button>
            </IfAllowed>
          }
        >
          Upload a JSONL file of chat records (one <code>{'{"messages": [...]}'}</code> per line) to start.
        </EmptyState>
      ) : (
        <div className="table-card">
          <table className="table dataset-table">
            <thead>
              <tr>
                <th>Name</th>
                <th className="numeric">Records</th>
                <th className="numeric">Topics</th>
                <th className="numeric">Balance</th>
                <th>Progress</th>
                <th>Status</th>
                <th>Updated</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {datasets.data.items.map((dataset) => (
                <DatasetRow
                  key={dataset.id}
                  dataset={dataset}
                  onDuplicate={() => duplicate(dataset)}
                  onExport={() => exportRecords(dataset)}
                  onDelete={() => setDeleting(dataset)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete dataset"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.deleteDataset(deleting.id);
            await refresh(deleting.id);
            setNotice({ tone: "good", text: `Deleted “${deleting.name}”.` });
          }}
        >
          <p>
            Its {formatCount(deleting.record_count)} records and everything built from them are deleted. This cannot be undone; export the records first if
            you may need them.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}
