import { Link } from "react-router";
import type { Dataset } from "../api/types";
import { IfAllowed } from "../auth/IfAllowed";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { useMayChange } from "../auth/useSession";
import { formatCount } from "../format/numbers";
import { Menu } from "../ui/Menu";

interface CanvasHeaderProps {
  dataset: Dataset;
  onRecords: () => void;
  onAppend: () => void;
  onReplace: () => void;
  onDownload: (validOnly: boolean) => void;
  onDownloadTopics: () => void;
  onUploadTopics: () => void;
  onSettings: () => void;
}

export function CanvasHeader({ dataset, onRecords, onAppend, onReplace, onDownload, onDownloadTopics, onUploadTopics, onSettings }: CanvasHeaderProps) {
  const busy = dataset.active_job !== null;
  const empty = dataset.record_count === 0;
  const may = useMayChange();
  return (
    <header className="canvas-header">
      <div className="canvas-title">
        <nav className="breadcrumbs" aria-label="Breadcrumbs">
          <Link to="/optimization">Datasets</Link> /
        </nav>
        <h1>{dataset.name}</h1>
        {dataset.objective && <p className="muted canvas-objective">{dataset.objective}</p>}
        {!may("datasets") && <ReadOnlyNote what="datasets" />}
      </div>
      <div className="canvas-actions">
        <button type="button" className="button" onClick={onRecords}>
          Records <span className="count-pill">{formatCount(dataset.record_count)}</span>
        </button>
        <Menu
          label="Import / Export ▾"
          items={[
            may("datasets") && { label: "Append records…", onSelect: onAppend, disabled: busy, hint: "An import is running" },
            may("datasets") && { label: "Replace records…", onSelect: onReplace, disabled: busy, hint: "An import is running" },
            "separator",
            { label: "Download records (JSONL)", onSelect: () => onDownload(false), disabled: empty, hint: "No records yet" },
            { label: "Download valid records only", onSelect: () => onDownload(true), disabled: empty, hint: "No records yet" },
            "separator",
            { label: "Download topics (JSON)", onSelect: onDownloadTopics, disabled: dataset.topic_count === null, hint: "No topics yet" },
            may("topics") && { label: "Upload topics…", onSelect: onUploadTopics, disabled: busy, hint: "A job is running" },
          ]}
        />
        <IfAllowed to="datasets">
          <button type="button" className="icon-button icon-button-bordered" onClick={onSettings} aria-label="Dataset settings" title="Settings">
            ⚙
          </button>
        </IfAllowed>
      </div>
    </header>
  );
}
