// Drop a JSONL file here or pick one: the drop zone is a label for a hidden file input, so the
// keyboard and screen readers get the ordinary file picker.
import { useId, useState, type DragEvent } from "react";
import { formatBytes } from "../format/numbers";

interface FileDropZoneProps {
  file: File | null;
  onFile: (file: File) => void;
  disabled?: boolean;
}

export function FileDropZone({ file, onFile, disabled }: FileDropZoneProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };

  return (
    <div
      className={`dropzone${dragging ? " dropzone-active" : ""}${file ? " dropzone-filled" : ""}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <input
        id={inputId}
        type="file"
        accept=".jsonl,.ndjson,.json,application/x-ndjson,application/jsonl,text/plain"
        className="visually-hidden"
        disabled={disabled}
        onChange={(event) => {
          const picked = event.target.files?.[0];
          if (picked) onFile(picked);
        }}
      />
      <label htmlFor={inputId} className="dropzone-label">
        {file ? (
          <>
            <strong>{file.name}</strong>
            <span className="muted">{formatBytes(file.size)} · choose another file or drop it here</span>
          </>
        ) : (
          <>
            <strong>Drop a JSONL file here</strong>
            <span className="muted">or click to choose one · one {'{"messages": [...]}'} record per line</span>
          </>
        )}
      </label>
    </div>
  );
}
