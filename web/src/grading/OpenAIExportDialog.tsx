// "Export to OpenAI": the saved grader in OpenAI's RFT grader format with the notes on what
// differs, to copy or download; or the server's reason when there is no equivalent.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "../api/errors";
import { api } from "../api/session";
import { Modal } from "../ui/Modal";
import { saveDownload } from "../ui/saveDownload";
import { ErrorState, LoadingState } from "../ui/States";

interface OpenAIExportDialogProps {
  datasetId: number;
  version: string;
  onClose: () => void;
}

export function OpenAIExportDialog({ datasetId, version, onClose }: OpenAIExportDialogProps) {
  const exported = useQuery({ queryKey: ["dataset", datasetId, "grader-openai", version], queryFn: () => api.exportGraderToOpenAI(datasetId), retry: false });
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const text = exported.data ? JSON.stringify(exported.data.grader, null, 2) : "";
  const noEquivalent = exported.error instanceof ApiError && exported.error.code === "no_equivalent";

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  };

  return (
    <Modal
      title="Export to OpenAI"
      size="large"
      onClose={onClose}
      footer={
        <>
          {copied && <span className={copied === "copied" ? "tone-text-good" : "form-error"}>{copied === "copied" ? "✓ Copied" : "The browser refused the clipboard; download it instead."}</span>}
          {exported.data && (
            <>
              <button type="button" className="button" onClick={copy}>
                Copy JSON
              </button>
              <button type="button" className="button" onClick={() => saveDownload(new Blob([text + "\n"], { type: "application/json" }), "openai-grader.json")}>
                Download openai-grader.json
              </button>
            </>
          )}
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {exported.isPending ? (
        <LoadingState label="Translating the grader…" />
      ) : noEquivalent ? (
        <div className="state state-empty" data-testid="export-no-equivalent">
          <strong>This grader has no OpenAI equivalent</strong>
          <p>{(exported.error as ApiError).message}</p>
        </div>
      ) : exported.isError ? (
        <ErrorState error={exported.error} onRetry={() => exported.refetch()} />
      ) : (
        <div className="openai-export" data-testid="openai-export">
          <p className="muted">
            OpenAI's reinforcement fine-tuning <code>grader</code> object for version <code>{version}</code>. Put it in the fine-tuning job's{" "}
            <code>method.reinforcement.grader</code>.
          </p>
          {exported.data.notes.length > 0 && (
            <div className="notice tone-warn export-notes">
              <ul>
                {exported.data.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </div>
          )}
          <pre className="code-block" aria-label="OpenAI grader JSON">
            {text}
          </pre>
        </div>
      )}
    </Modal>
  );
}
