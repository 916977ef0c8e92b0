// The grader editor overlay: choose a type, fill its form (a script in CodeMirror with the input
// contract beside it, a judge's prompt and schema, a preset's parameters, a weighted
// combination), test the draft on 5 records without saving (their reference answers, or fresh
// samples of a base model), and save it as a new version.
import { useCallback, useState } from "react";
import { ApiError, describeError } from "../api/errors";
import type { GraderConfig, GraderTest, GraderType, SavedGrader } from "../api/gradingTypes";
import { api } from "../api/session";
import type { BaseModelErrors } from "../sampling/baseModel";
import { Modal } from "../ui/Modal";
import { useConfirmedClose } from "../ui/useConfirmedClose";
import { canonicalJson } from "./canonicalJson";
import { FieldErrorProvider } from "./fieldErrorContext";
import { fieldErrorFrom, type FieldError } from "./fieldErrors";
import { GRADER_GROUPS, GRADER_TYPES, graderTypeInfo, starterConfig } from "./graderCatalog";
import { GraderForm } from "./GraderForm";
import { InputContract } from "./InputContract";
import { buildTestSampleRequest, withSampledModel, type TestSampleChoice } from "./testSample";
import { TestResultList } from "./TestResults";
import { TestSampleGrades } from "./TestSampleGrades";
import "../styles/grading.css";

interface GraderEditorProps {
  datasetId: number;
  saved: SavedGrader;
  /** What ▶ Test sample grades; the step detail holds it, so both test the same way. */
  choice: TestSampleChoice;
  onChoiceChange: (choice: TestSampleChoice) => void;
  onClose: () => void;
  /** After a save, or a test of the saved grader: the step's status changes. */
  onSaved: () => Promise<unknown>;
}

type SideTab = "contract" | "results";

export function GraderEditor({ datasetId, saved, choice, onChoiceChange, onClose, onSaved }: GraderEditorProps) {
  const initialType: GraderType = saved.version !== null ? saved.config.type : "script";
  const [type, setType] = useState<GraderType>(initialType);
  // One draft per type, so trying another type and coming back loses nothing.
  const [drafts, setDrafts] = useState<Partial<Record<GraderType, GraderConfig>>>(saved.version !== null ? { [initialType]: saved.config } : {});
  const [savedText, setSavedText] = useState(saved.version !== null ? canonicalJson(saved.config) : null);
  const [savedVersion, setSavedVersion] = useState(saved.version);
  const [invalidPaths, setInvalidPaths] = useState<ReadonlySet<string>>(new Set());
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"saving" | "testing" | null>(null);
  const [test, setTest] = useState<GraderTest | null>(saved.version !== null ? saved.last_test : null);
  // What the shown results graded, to say when the draft has changed since.
  const [testedText, setTestedText] = useState<string | null>(saved.version !== null && saved.last_test ? canonicalJson(saved.config) : null);
  const [sideTab, setSideTab] = useState<SideTab>(test ? "results" : "contract");
  const [justSaved, setJustSaved] = useState(false);
  const [choiceErrors, setChoiceErrors] = useState<BaseModelErrors>({});

  const config = drafts[type] ?? starterConfig(type);
  const changed = canonicalJson(config) !== savedText;
  const blocked = invalidPaths.size > 0;

  const setConfig = (next: GraderConfig) => {
    setDrafts((current) => ({ ...current, [type]: next }));
    setJustSaved(false);
  };
  const onValidityChange = useCallback((path: string, valid: boolean) => {
    setInvalidPaths((current) => {
      if (valid === !current.has(path)) return current;
      const next = new Set(current);
      if (valid) next.delete(path);
      else next.add(path);
      return next;
    });
  }, []);

  const showFailure = (caught: unknown) => {
    const field = caught instanceof ApiError && caught.status === 400 ? fieldErrorFrom(caught.message) : null;
    setFieldError(field);
    setError(field ? `The server refused the grader: ${field.path ? `${field.path}: ` : ""}${field.message}` : describeError(caught));
  };

  const save = async () => {
    setBusy("saving");
    setError(null);
    setFieldError(null);
    try {
      const result = await api.saveGrader(datasetId, config);
      setSavedVersion(result.version);
      setSavedText(canonicalJson(config));
      setJustSaved(true);
      await onSaved();
    } catch (caught) {
      showFailure(caught);
    } finally {
      setBusy(null);
    }
  };

  const chooseSample = (next: TestSampleChoice) => {
    onChoiceChange(next);
    setChoiceErrors({});
  };

  const runTest = async () => {
    setError(null);
    setFieldError(null);
    const built = buildTestSampleRequest(choice, config);
    if (!built.ok) {
      setChoiceErrors(built.errors);
      setSideTab("results");
      setError("Check the base model fields beside the test results.");
      return;
    }
    setChoiceErrors({});
    setBusy("testing");
    setSideTab("results");
    try {
      const result = withSampledModel(await api.testGrader(datasetId, built.request), built.request);
      setTest(result);
      setTestedText(canonicalJson(config));
      setSideTab("results");
      if (result.saved) await onSaved();
    } catch (caught) {
      showFailure(caught);
    } finally {
      setBusy(null);
    }
  };

  // A starter nobody has touched is not a change worth asking about.
  const edited = changed && (savedText !== null || Object.keys(drafts).length > 0);
  const { requestClose, confirmation } = useConfirmedClose({
    unsaved: edited,
    onClose,
    message: "The grader has unsaved changes. Closing the editor discards them; the saved grader stays as it is.",
  });
  const info = graderTypeInfo(type);
  const testTitle =
    choice.graded === "base_model"
      ? `Samples ${choice.model.trim() || "the base model"} on 5 random valid records and grades its answers with this draft, without saving it`
      : "Grades the reference answers of 5 random valid records with this draft, without saving it";

  return (
    <Modal
      title="Grader"
      size="full"
      onClose={requestClose}
      footer={
        <>
          <div className="grader-editor-status" aria-live="polite">
            {error ? (
              <span className="form-error" role="alert" data-testid="grader-error" title={error}>
                {error}
              </span>
            ) : blocked ? (
              <span className="form-error">Fix the JSON above before testing or saving.</span>
            ) : justSaved && savedVersion ? (
              <span className="tone-text-good" data-testid="grader-saved">
                ✓ Saved as version <code>{savedVersion}</code>
              </span>
            ) : changed ? (
              <span className="muted">Unsaved changes{savedVersion ? ` (saved version ${savedVersion})` : ""}</span>
            ) : (
              savedVersion && (
                <span className="muted">
                  Saved version <code>{savedVersion}</code>
                </span>
              )
            )}
          </div>
          <button type="button" className="button" onClick={runTest} disabled={busy !== null || blocked} title={testTitle}>
            {busy === "testing" ? "Testing…" : "▶ Test sample"}
          </button>
          <button type="button" className="button button-primary" onClick={save} disabled={busy !== null || blocked || !changed}>
            {busy === "saving" ? "Saving…" : "Save grader"}
          </button>
          <button type="button" className="button" onClick={requestClose}>
            Close
          </button>
        </>
      }
    >
      <div className="grader-editor" data-testid="grader-editor">
        <div className="grader-editor-main">
          <div className="grader-type-row">
            <label className="field grader-type-field">
              <span>Grader type</span>
              <select
                value={type}
                onChange={(event) => {
                  setType(event.target.value as GraderType);
                  setFieldError(null);
                  setError(null);
                }}
                data-testid="grader-type"
              >
                {GRADER_GROUPS.map((group) => (
                  <optgroup key={group} label={group}>
                    {GRADER_TYPES.filter((candidate) => candidate.group === group).map((candidate) => (
                      <option key={candidate.type} value={candidate.type}>
                        {candidate.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <p className="muted grader-type-description">{info.description}</p>
          </div>
          <FieldErrorProvider error={fieldError}>
            <GraderForm key={type} config={config} path="" onChange={setConfig} onValidityChange={onValidityChange} />
          </FieldErrorProvider>
        </div>
        <aside className="grader-editor-side" aria-label="Input contract and test results">
          <div className="tabs side-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={sideTab === "contract"} className={sideTab === "contract" ? "tab tab-active" : "tab"} onClick={() => setSideTab("contract")}>
              Input contract
            </button>
            <button type="button" role="tab" aria-selected={sideTab === "results"} className={sideTab === "results" ? "tab tab-active" : "tab"} onClick={() => setSideTab("results")}>
              Test results
              {test && <span className={test.errors > 0 ? "tab-note tone-text-bad" : "tab-note"}>{test.errors > 0 ? `${test.errors} errors` : test.results.length}</span>}
            </button>
          </div>
          <div className="side-panel" role="tabpanel">
            {sideTab === "contract" ? (
              <InputContract />
            ) : (
              <>
                <TestSampleGrades choice={choice} errors={choiceErrors} onChange={chooseSample} stacked />
                <TestResultsPanel test={test} busy={busy === "testing"} choice={choice} outdated={test !== null && testedText !== canonicalJson(config)} />
              </>
            )}
          </div>
        </aside>
      </div>
      {confirmation}
    </Modal>
  );
}

/** The side panel's results: the running test, the last results (saying when the draft changed since), or how to get some. */
function TestResultsPanel({ test, busy, choice, outdated }: { test: GraderTest | null; busy: boolean; choice: TestSampleChoice; outdated: boolean }) {
  const baseModel = choice.graded === "base_model";
  if (busy) return <p className="muted">{baseModel ? `Sampling ${choice.model.trim()} on 5 random records, then grading its answers…` : "Grading 5 random records…"}</p>;
  if (!test) {
    return (
      <div className="state state-empty">
        <strong>No test yet</strong>
        <p>
          ▶ Test sample grades {baseModel ? "fresh answers of the base model to 5 random valid records" : "the reference answers of 5 random valid records"} with this draft, without saving it.
        </p>
      </div>
    );
  }
  return (
    <>
      {outdated ? (
        <p className="notice tone-warn detail-note" data-testid="test-results-outdated">
          These results are for an earlier draft. ▶ Test sample grades this one.
        </p>
      ) : (
        <p className="muted detail-note">{test.saved === false ? "Results of this draft (not saved)." : "Results of the saved grader."}</p>
      )}
      <TestResultList test={test} />
    </>
  );
}
