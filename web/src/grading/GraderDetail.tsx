// Step 4's detail: the saved grader (type, version, summary), its last test sample, what a test
// sample grades (reference answers or base model samples, shared with the editor), and the
// actions Edit grader, Test sample and Export to OpenAI.
import { useState } from "react";
import { describeError } from "../api/errors";
import { useGrader } from "../api/gradingQueries";
import { useRefreshDataset } from "../api/queries";
import { api } from "../api/session";
import type { Dataset } from "../api/types";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { useMayChange } from "../auth/useSession";
import { loadDryRunForm } from "../dryrun/dryRunForm";
import { formatRelativeTime } from "../format/time";
import type { BaseModelErrors } from "../sampling/baseModel";
import { ErrorState, LoadingState } from "../ui/States";
import { graderTypeInfo } from "./graderCatalog";
import { GraderEditor } from "./GraderEditor";
import { graderSummary } from "./graderSummary";
import { testHeadline } from "./testHeadline";
import { OpenAIExportDialog } from "./OpenAIExportDialog";
import { buildTestSampleRequest, defaultTestSampleChoice, type TestSampleChoice } from "./testSample";
import { TestResultList } from "./TestResults";
import { TestSampleGrades } from "./TestSampleGrades";
import "../styles/grading.css";

export function GraderDetail({ dataset }: { dataset: Dataset }) {
  const grader = useGrader(dataset.id);
  const refreshDataset = useRefreshDataset();
  const [editing, setEditing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [testing, setTesting] = useState(false);
  const [testError, setTestError] = useState<string | null>(null);
  // The model fields start from the dataset's last dry-run form (names only), the model the dry run will sample.
  const [choice, setChoice] = useState<TestSampleChoice>(() => defaultTestSampleChoice(loadDryRunForm(window.localStorage, dataset.id)));
  const [choiceErrors, setChoiceErrors] = useState<BaseModelErrors>({});
  const refresh = () => refreshDataset(dataset.id);
  const mayChange = useMayChange()("graders");

  if (grader.isPending) return <LoadingState label="Loading the grader…" />;
  if (grader.isError) return <ErrorState error={grader.error} onRetry={() => grader.refetch()} title="The grader could not be loaded" />;

  const saved = grader.data;
  const chooseSample = (next: TestSampleChoice) => {
    setChoice(next);
    setChoiceErrors({});
  };
  const runTest = async () => {
    const built = buildTestSampleRequest(choice);
    if (!built.ok) {
      setChoiceErrors(built.errors);
      return;
    }
    setChoiceErrors({});
    setTesting(true);
    setTestError(null);
    try {
      await api.testGrader(dataset.id, built.request);
      await refresh();
    } catch (caught) {
      setTestError(describeError(caught));
    } finally {
      setTesting(false);
    }
  };

  return (
    <>
      {saved.version === null ? (
        <p className="muted detail-note">
          No grader yet. A grader scores a model's answer to a record from 0 to 1: a JavaScript function, an LLM judge, a preset (exact match, tool
          usage, JSON, pattern, similarity) or a weighted mix.
        </p>
      ) : (
        <>
          <dl className="figures">
            <div>
              <dt>Type</dt>
              <dd data-testid="grader-type-label">{graderTypeInfo(saved.config.type).label}</dd>
            </div>
            <div>
              <dt>Version</dt>
              <dd className="figure-code">
                <code>{saved.version}</code>
              </dd>
            </div>
          </dl>
          <p className="grader-summary" data-testid="grader-summary">
            <code>{graderSummary(saved.config)}</code>
          </p>
          {saved.last_test ? (
            <details className="last-test" open={saved.last_test.errors > 0}>
              <summary>
                Last test sample:{" "}
                <span className={saved.last_test.errors > 0 ? "tone-text-bad" : undefined} data-testid="last-test-headline">
                  {testHeadline(saved.last_test)}
                </span>{" "}
                <span className="muted" title={saved.last_test.ran_at}>
                  · {formatRelativeTime(saved.last_test.ran_at)}
                </span>
              </summary>
              <TestResultList test={saved.last_test} compact />
            </details>
          ) : (
            <p className="muted detail-note">Not tested yet: ▶ Test sample grades 5 random records, their reference answers or the base model's fresh samples.</p>
          )}
          {mayChange && <TestSampleGrades choice={choice} errors={choiceErrors} onChange={chooseSample} />}
        </>
      )}
      {testError && (
        <p className="form-error" role="alert">
          {testError}
        </p>
      )}
      {!mayChange && <ReadOnlyNote what="graders" />}
      <div className="detail-actions">
        {mayChange && (
          <>
            <button type="button" className="button button-primary" onClick={() => setEditing(true)}>
              ✎ {saved.version === null ? "Define grader" : "Edit grader"}
            </button>
            <button type="button" className="button" onClick={runTest} disabled={saved.version === null || testing || dataset.valid_count === 0}>
              {testing ? "Testing…" : "▶ Test sample"}
            </button>
          </>
        )}
        <button type="button" className="button" onClick={() => setExporting(true)} disabled={saved.version === null}>
          Export to OpenAI
        </button>
      </div>
      {editing && (
        <GraderEditor datasetId={dataset.id} saved={saved} choice={choice} onChoiceChange={setChoice} onClose={() => setEditing(false)} onSaved={refresh} />
      )}
      {exporting && saved.version !== null && <OpenAIExportDialog datasetId={dataset.id} version={saved.version} onClose={() => setExporting(false)} />}
    </>
  );
}
