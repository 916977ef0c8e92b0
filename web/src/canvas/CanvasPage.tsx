import { useCallback, useState } from "react";
import { useParams } from "react-router";
import { describeError } from "../api/errors";
import { useDataset, useRefreshDataset } from "../api/queries";
import { useTopicsFreshness } from "../api/topicsQueries";
import { api } from "../api/session";
import type { ImportMode, StepName } from "../api/types";
import { IssuesOverlay } from "../issues/IssuesOverlay";
import { RecordEditor } from "../records/RecordEditor";
import type { RecordFilterState } from "../records/recordFilters";
import { RecordsOverlay } from "../records/RecordsOverlay";
import { ErrorState, LoadingState } from "../ui/States";
import { saveDownload } from "../ui/saveDownload";
import { CanvasHeader } from "./CanvasHeader";
import { HealthBar } from "./HealthBar";
import { ImportDialog } from "./ImportDialog";
import { PipelineCanvas } from "./PipelineCanvas";
import { SettingsDialog } from "./SettingsDialog";
import { StepDetailPanel } from "./StepDetailPanel";
import { TopicsUploadDialog } from "../topics/TopicsUploadDialog";

type Panel = { kind: "none" } | { kind: "records"; filters?: Partial<RecordFilterState> } | { kind: "issues" };

export function CanvasPage() {
  const id = Number(useParams().id);
  const dataset = useDataset(id);
  const refreshDataset = useRefreshDataset();
  const [selectedStep, setSelectedStep] = useState<StepName>("extract");
  // The records or issues list stays open under the record editor, so closing the editor returns to it.
  const [panel, setPanel] = useState<Panel>({ kind: "none" });
  const [editing, setEditing] = useState<number | null>(null);
  const [importing, setImporting] = useState<ImportMode | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [uploadingTopics, setUploadingTopics] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(() => refreshDataset(id), [refreshDataset, id]);
  const selectStep = useCallback((step: StepName) => setSelectedStep(step), []);
  const openRecords = useCallback((filters: Partial<RecordFilterState>) => setPanel({ kind: "records", filters }), []);

  useTopicsFreshness(dataset.data ?? { id, steps: [], active_job: null });

  if (!Number.isInteger(id) || id <= 0) return <ErrorState error={new Error("This address does not name a dataset.")} />;
  if (dataset.isPending) return <LoadingState label="Loading the dataset…" />;
  if (dataset.isError)
    return (
      <main className="page">
        <ErrorState error={dataset.error} onRetry={() => dataset.refetch()} title="The dataset could not be loaded" />
      </main>
    );

  const current = dataset.data;
  const downloadTopics = async () => {
    setNotice(null);
    try {
      const file = await api.exportTopics(current.id);
      saveDownload(file.blob, `${current.name}-topics.json`);
    } catch (error) {
      setNotice(describeError(error));
    }
  };
  const download = async (validOnly: boolean) => {
    setNotice(null);
    try {
      const file = await api.exportRecords(current.id, validOnly, current.name);
      saveDownload(file.blob, file.filename);
    } catch (error) {
      setNotice(describeError(error));
    }
  };

  return (
    <main className="canvas-page">
      <CanvasHeader
        dataset={current}
        onRecords={() => setPanel({ kind: "records" })}
        onAppend={() => setImporting("append")}
        onReplace={() => setImporting("replace")}
        onDownload={download}
        onDownloadTopics={downloadTopics}
        onUploadTopics={() => setUploadingTopics(true)}
        onSettings={() => setSettingsOpen(true)}
      />
      <HealthBar health={current.health} onViewIssues={() => setPanel({ kind: "issues" })} />
      {notice && (
        <div className="notice tone-bad" role="alert">
          {notice}
        </div>
      )}
      <PipelineCanvas steps={current.steps} selected={selectedStep} onSelect={selectStep} />
      <StepDetailPanel
        dataset={current}
        step={selectedStep}
        onJobFinished={refresh}
        extractActions={{ viewRecords: () => setPanel({ kind: "records" }), append: () => setImporting("append") }}
        openRecords={openRecords}
        selectStep={selectStep}
        openSettings={() => setSettingsOpen(true)}
      />

      {panel.kind === "records" && (
        <RecordsOverlay datasetId={id} health={current.health} initialFilters={panel.filters} onOpenRecord={setEditing} onChanged={refresh} onClose={() => setPanel({ kind: "none" })} />
      )}
      {panel.kind === "issues" && (
        <IssuesOverlay
          datasetId={id}
          health={current.health}
          onShowRecordsWithIssue={(code) => setPanel({ kind: "records", filters: { issue: code } })}
          onFixRecord={setEditing}
          onClose={() => setPanel({ kind: "none" })}
        />
      )}
      {editing !== null && <RecordEditor datasetId={id} recordId={editing} onClose={() => setEditing(null)} onChanged={refresh} />}
      {importing && <ImportDialog datasetId={id} recordCount={current.record_count} mode={importing} onClose={() => setImporting(null)} onStarted={refresh} />}
      {uploadingTopics && <TopicsUploadDialog dataset={current} onClose={() => setUploadingTopics(false)} onUploaded={refresh} />}
      {settingsOpen && <SettingsDialog dataset={current} onClose={() => setSettingsOpen(false)} onSaved={refresh} />}
    </main>
  );
}
