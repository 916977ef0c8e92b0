// What starting would do, as the server answers the preflight while the form is edited: the
// dry-run gate and its message, the split's counts, whether the backend can use the grader, the
// hyperparameters the run would get; and the CAUTION confirmation or the gate's override.
import type { TrainingBackend, TrainingPreflight as Preflight } from "../api/trainingTypes";
import { formatCount } from "../format/numbers";
import { ErrorState, LoadingState } from "../ui/States";
import { StatusBadge } from "../ui/StatusBadge";
import { gateLook, type GateChoices } from "./startGate";
import { formatHyperparameters } from "./trainingDisplay";

interface TrainingPreflightProps {
  backend: TrainingBackend;
  /** null while the form has errors, so there is nothing to ask about. */
  preflight: { data: Preflight | undefined; error: unknown; checking: boolean } | null;
  choices: GateChoices | null;
  confirmCaution: boolean;
  overrideGate: boolean;
  onConfirmCaution: (value: boolean) => void;
  onOverrideGate: (value: boolean) => void;
  onUseExternal: () => void;
}

export function TrainingPreflight({ backend, preflight, choices, confirmCaution, overrideGate, onConfirmCaution, onOverrideGate, onUseExternal }: TrainingPreflightProps) {
  if (!preflight) return <p className="notice tone-muted preflight-note">Correct the fields marked in red to see what starting would do.</p>;
  if (preflight.error) return <ErrorState error={preflight.error} title="The server refused these settings" />;
  const data = preflight.data;
  if (!data || !choices) return <LoadingState label="Checking the gate…" />;
  // The server's sentence is about the gate unless another refusal comes first (the grader, no
  // valid records): then it stands with that problem, not beside the dry run's badge.
  const aboutTheGate = data.code == null || data.code === "gate_refused" || data.code === "gate_caution";
  return (
    <section className={`preflight${preflight.checking ? " preflight-checking" : ""}`} data-testid="training-preflight" data-allowed={data.allowed} aria-busy={preflight.checking}>
      <div className="preflight-gate">
        <span className="muted">Dry run</span>
        <span data-testid="preflight-gate" data-verdict={data.gate.verdict ?? "none"} data-stale={data.gate.stale}>
          <StatusBadge look={gateLook(data.gate)} />
        </span>
        <span className="preflight-message">{aboutTheGate ? data.message : data.gate.message}</span>
      </div>
      {!aboutTheGate && data.grader.ok && (
        <p className="notice tone-bad" data-testid="preflight-refusal">
          {data.message}
        </p>
      )}
      <p className="preflight-split" data-testid="preflight-split">
        <strong>{formatCount(data.split.train)}</strong> records to train on · <strong>{formatCount(data.split.valid)}</strong> to validate
      </p>
      {!data.grader.ok && (
        <div className="notice tone-bad preflight-grader" data-testid="preflight-grader">
          <span>{aboutTheGate ? `Grader: ${data.grader.error ?? "the backend cannot use it."}` : data.message}</span>
          <span className="muted">An external trainer scores with this grader as it is.</span>
          {backend === "openai" && (
            <button type="button" className="button button-small" onClick={onUseExternal}>
              Use an external trainer
            </button>
          )}
        </div>
      )}
      {data.grader.ok && (data.grader.notes?.length ?? 0) > 0 && (
        <ul className="notice tone-warn preflight-notes">
          {data.grader.notes?.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
      {choices.confirm && (
        <label className="checkbox gate-check tone-warn" data-testid="confirm-caution">
          <input type="checkbox" checked={confirmCaution} onChange={(event) => onConfirmCaution(event.target.checked)} />
          The dry run says CAUTION: I have looked at its metrics and want to train anyway.
        </label>
      )}
      {choices.override && (
        <div className="gate-override tone-bad" data-testid="override-gate">
          <label className="checkbox">
            <input type="checkbox" checked={overrideGate} onChange={(event) => onOverrideGate(event.target.checked)} />
            Override the gate and train without a current GO dry run
          </label>
          <p className="muted">
            Without a current GO dry run, training often wastes its budget: the model may have nothing to learn from. The run records that the gate was overridden.
          </p>
        </div>
      )}
      {Object.keys(data.hyperparameters).length > 0 && (
        <p className="muted preflight-hyperparameters" data-testid="preflight-hyperparameters">
          The run gets: {formatHyperparameters(data.hyperparameters)}
        </p>
      )}
    </section>
  );
}
