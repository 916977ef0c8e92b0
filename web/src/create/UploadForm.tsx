import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { describeError } from "../api/errors";
import { queryKeys } from "../api/queries";
import { api } from "../api/session";
import { formatBytes } from "../format/numbers";
import { ProgressBar } from "../ui/ProgressBar";
import { FileDropZone } from "./FileDropZone";
import { suggestName } from "./suggestName";

type Phase = { kind: "editing" } | { kind: "creating" } | { kind: "uploading"; sent: number; total: number } | { kind: "upload_failed"; datasetId: number; message: string };

export function UploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [objective, setObjective] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "editing" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const busy = phase.kind === "creating" || phase.kind === "uploading";

  const chooseFile = (picked: File) => {
    setFile(picked);
    if (!nameTouched) setName(suggestName(picked.name));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError("Choose a JSONL file to upload.");
    // An empty file would make a dataset with nothing in it: said before anything is created. A
    // small file of blank lines alone is empty too (a large one is left to the server's count).
    if (file.size === 0 || (file.size < 1 << 20 && (await file.text()).trim() === "")) return setError(`${file.name} is empty: choose a JSONL file with one chat record per line.`);
    if (!name.trim()) return setError("Give the dataset a name.");
    setError(null);
    setPhase({ kind: "creating" });
    let datasetId: number;
    try {
      datasetId = (await api.createDataset(name.trim(), objective.trim())).id;
    } catch (caught) {
      setError(describeError(caught));
      setPhase({ kind: "editing" });
      return;
    }
    void queryClient.invalidateQueries({ queryKey: queryKeys.datasets });
    try {
      setPhase({ kind: "uploading", sent: 0, total: file.size });
      // start: once the records are in, the server finds their topics by itself (step 2).
      await api.importFile(datasetId, file, { mode: "append", start: true, onProgress: (sent, total) => setPhase({ kind: "uploading", sent, total }) });
      navigate(`/optimization/${datasetId}`);
    } catch (caught) {
      setPhase({ kind: "upload_failed", datasetId, message: describeError(caught) });
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FileDropZone file={file} onFile={chooseFile} disabled={busy} />
      <label className="field">
        <span>Name</span>
        <input
          value={name}
          maxLength={200}
          disabled={busy}
          onChange={(event) => {
            setName(event.target.value);
            setNameTouched(true);
          }}
          placeholder="chess-tutor"
        />
      </label>
      <label className="field">
        <span>
          Objective <span className="muted">(what the tuned model should do better)</span>
        </span>
        <textarea value={objective} rows={3} disabled={busy} onChange={(event) => setObjective(event.target.value)} placeholder="Explain chess moves the way a patient coach would" />
      </label>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {phase.kind === "uploading" && (
        <div className="upload-progress">
          <ProgressBar value={phase.total > 0 ? phase.sent / phase.total : null} label="Upload progress" />
          <span className="muted">
            Uploading {formatBytes(phase.sent)} of {formatBytes(phase.total)}
          </span>
        </div>
      )}
      {phase.kind === "upload_failed" && (
        <div className="notice tone-bad" role="alert">
          The dataset was created but the upload failed: {phase.message}{" "}
          <Link to={`/optimization/${phase.datasetId}`}>Open the dataset</Link> to import the file again.
        </div>
      )}

      <p className="muted detail-note">Create & start uploads the file, validates every record, then finds the records' topics (step 2) by itself.</p>
      <div className="form-actions">
        <Link to="/optimization" className="button">
          Cancel
        </Link>
        <button type="submit" className="button button-primary" disabled={busy || phase.kind === "upload_failed"}>
          {phase.kind === "creating" ? "Creating…" : phase.kind === "uploading" ? "Uploading…" : "Create & start"}
        </button>
      </div>
    </form>
  );
}
