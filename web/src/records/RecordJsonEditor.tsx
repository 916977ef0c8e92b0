// A record's JSON in the code editor beside the dataset's verdict on it, checked again 400 ms after
// typing stops (POST /api/datasets/:id/validate); the caller's buttons sit under the verdict. The
// records' editor and a generation run's record editor both use it, and the records' editor shows
// a record read-only, with its stored verdict, to a role that may not change it.
import { lazy, Suspense, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { Verdict } from "../api/types";
import { LoadingState } from "../ui/States";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { toRecordLine } from "./recordText";
import { VerdictPanel } from "./VerdictPanel";

const JsonEditor = lazy(() => import("./JsonEditor"));

const VALIDATE_DELAY_MS = 400;

interface RecordJsonEditorProps {
  datasetId: number;
  initialText: string;
  /** The text now in the editor (the caller keeps it, to save it). */
  text: string;
  onChange: (text: string) => void;
  label: string;
  /** A line under the editor: where the record comes from, what saving does. */
  hint: ReactNode;
  /** Why the last save failed, or null. */
  error: string | null;
  /** The actions: save, discard, delete. */
  children: ReactNode;
  /** Read-only: the text cannot change, so this verdict (the record's, as stored) is shown and nothing is asked. */
  readOnlyVerdict?: Verdict;
}

export function RecordJsonEditor({ datasetId, initialText, text, onChange, label, hint, error, children, readOnlyVerdict }: RecordJsonEditorProps) {
  const settledText = useDebouncedValue(text, VALIDATE_DELAY_MS);
  const checked = useQuery({
    queryKey: ["validate", datasetId, settledText],
    queryFn: () => api.validateRecord(datasetId, toRecordLine(settledText)),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
    enabled: readOnlyVerdict === undefined,
  });
  const verdict = readOnlyVerdict ?? checked.data;
  return (
    <div className="record-editor">
      <div className="record-editor-main">
        <Suspense fallback={<LoadingState label="Loading the editor…" />}>
          <JsonEditor initialText={initialText} onChange={onChange} label={label} readOnly={readOnlyVerdict !== undefined} />
        </Suspense>
        <p className="muted editor-hint">{hint}</p>
      </div>
      <div className="record-editor-side">
        <VerdictPanel verdict={verdict} checking={checked.isFetching || text !== settledText} error={checked.isError ? describeError(checked.error) : null} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="record-editor-actions">{children}</div>
      </div>
    </div>
  );
}
