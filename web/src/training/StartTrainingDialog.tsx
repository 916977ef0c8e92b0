// "Start training": the backend, base model, split and hyperparameters, with the server's
// preflight (gate, split counts, grader) asked again 400 ms after each edit; then Start. An
// external run's trainer token is shown here once, with how to connect the trainer.
import { useMemo, useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { StartedTraining, TrainingBackend } from "../api/trainingTypes";
import { useRefreshTraining, useTrainingPreflight } from "../api/trainingQueries";
import { BaseModelFields } from "../sampling/BaseModelFields";
import { useRole } from "../auth/useSession";
import { useGatewayProviders } from "../traces/traceQueries";
import { FormField } from "../ui/FormField";
import { Modal } from "../ui/Modal";
import { ModeChoice } from "../ui/ModeChoice";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { HyperparameterFields } from "./HyperparameterFields";
import { gateChoices } from "./startGate";
import { TrainerConnection } from "./TrainerConnection";
import { BACKEND_INFO } from "./trainingDisplay";
import { buildTrainingRequest, DEFAULT_TRAINING_FORM, switchBackend, type TrainingFormState } from "./trainingForm";
import { TrainingPreflight } from "./TrainingPreflight";

const PREFLIGHT_DELAY_MS = 400;

interface StartTrainingDialogProps {
  datasetId: number;
  onClose: () => void;
  /** Opens the training view of a run just started. */
  onOpenRun: (runId: number) => void;
}

export function StartTrainingDialog({ datasetId, onClose, onOpenRun }: StartTrainingDialogProps) {
  const [form, setForm] = useState<TrainingFormState>(DEFAULT_TRAINING_FORM);
  const mayLaunchCommands = useRole() === "admin";
  // Whether the server has OPENAI_API_KEY: the gateway then has the zero-config "openai" provider.
  const gatewayProviders = useGatewayProviders().data?.providers;
  const openaiKeySet = gatewayProviders?.some((provider) => provider.api_key_env === "OPENAI_API_KEY" && provider.api_key_set);
  const [serverError, setServerError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [started, setStarted] = useState<StartedTraining | null>(null);
  const refreshTraining = useRefreshTraining();

  const built = useMemo(() => buildTrainingRequest(form), [form]);
  const request = built.ok ? built.request : null;
  const settled = useDebouncedValue(request, PREFLIGHT_DELAY_MS);
  const preflight = useTrainingPreflight(datasetId, settled);
  const errors = built.ok ? {} : built.errors;
  // The answer on screen is for the request as it is now, not one typed a moment ago.
  const current = request !== null && settled === request && !preflight.isPlaceholderData;
  const choices = preflight.data ? gateChoices(preflight.data, form) : null;
  const canStart = current && !preflight.isFetching && choices?.canStart === true && !starting;

  const set = <K extends keyof TrainingFormState>(key: K, value: TrainingFormState[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setServerError(null);
  };
  const chooseBackend = (backend: TrainingBackend) => setForm((previous) => switchBackend(previous, backend));

  const start = async () => {
    if (!request) return;
    setStarting(true);
    setServerError(null);
    try {
      const result = await api.startTraining(datasetId, request);
      await refreshTraining(datasetId);
      if (result.run.backend === "external") setStarted(result);
      else onOpenRun(result.run.id);
    } catch (caught) {
      // A 409 (gate_caution, gate_refused…) says what the preflight would now say: ask it again.
      setServerError(describeError(caught));
      void preflight.refetch();
    } finally {
      setStarting(false);
    }
  };

  if (started) {
    return (
      // A dialog of its own (key), so focus and scrolling start at its top.
      <Modal
        key="started"
        title={`Training run #${started.run.id} started`}
        size="large"
        onClose={onClose}
        footer={
          <>
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="button button-primary" onClick={() => onOpenRun(started.run.id)}>
              Open the training view
            </button>
          </>
        }
      >
        <TrainerConnection run={started.run} token={started.token} onTokenDismissed={() => setStarted({ ...started, token: null })} />
      </Modal>
    );
  }

  return (
    <Modal
      title="Start training"
      size="large"
      onClose={onClose}
      footer={
        <>
          {serverError && (
            <p className="form-error start-training-error" role="alert">
              {serverError}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={start} disabled={!canStart} data-testid="start-training">
            {starting ? "Starting…" : "▶ Start training"}
          </button>
        </>
      }
    >
      <form className="start-training" data-testid="start-training-form" noValidate onSubmit={(event) => event.preventDefault()}>
        <div className="start-training-fields">
          <ModeChoice
            legend="Trainer"
            options={(["openai", "external"] as const).map((backend) => [backend, BACKEND_INFO[backend].label, BACKEND_INFO[backend].hint])}
            value={form.backend}
            onChange={chooseBackend}
          />
          {form.backend === "openai" ? (
            <>
              <BaseModelFields value={form} errors={errors} onChange={(fields) => setForm((previous) => ({ ...previous, ...fields }))} />
              {!form.baseUrl.trim() && <p className={`detail-note provider-note ${openaiKeySet === false ? "tone-text-warn" : "muted"}`} data-testid="training-provider-note">
                Provider left empty: OpenAI's (OPENAI_BASE_URL, the key in OPENAI_API_KEY on the server)
                {openaiKeySet === false
                  ? `. ⚠ OPENAI_API_KEY is not set on this server: ${gatewayProviders && gatewayProviders.length > 0 ? "pick a gateway provider above, or set it and restart" : "set it and restart, or give a provider's URL and key variable"}.`
                  : "."}
              </p>}
            </>
          ) : (
            <div className="field-row">
              <FormField label="Base model" error={errors.model} hint="as your trainer names it">
                <input value={form.model} onChange={(event) => set("model", event.target.value)} placeholder="Qwen/Qwen2.5-1.5B-Instruct" spellCheck={false} />
              </FormField>
              {/* A command runs as the server's user: the server takes one from an admin only. */}
              {mayLaunchCommands ? (
                <FormField label="Command" hint="optional: Reinforge launches and supervises it" error={errors.command}>
                  <input className="mono-input" value={form.command} onChange={(event) => set("command", event.target.value)} placeholder="python3 train_grpo.py" spellCheck={false} />
                </FormField>
              ) : (
                <p className="detail-note muted" data-testid="command-admin-only">An admin may have Reinforge launch the trainer command on this server; start the run and run the trainer on its machine with the run's token.</p>
              )}
            </div>
          )}
          <div className="field-row split-fields">
            <FormField label="Validation share (%)" error={errors.validPercent}>
              <input type="number" min={1} max={50} step="any" value={form.validPercent} onChange={(event) => set("validPercent", event.target.value)} />
            </FormField>
            <FormField label="Seed" error={errors.seed}>
              <input type="number" min={0} value={form.seed} onChange={(event) => set("seed", event.target.value)} />
            </FormField>
            <label className="checkbox stratify-check">
              <input type="checkbox" checked={form.stratify} onChange={(event) => set("stratify", event.target.checked)} />
              Stratify by topic
            </label>
            {form.backend === "openai" && (
              <FormField label="Model name suffix">
                <input value={form.suffix} onChange={(event) => set("suffix", event.target.value)} placeholder="support-v1" spellCheck={false} />
              </FormField>
            )}
          </div>
          <HyperparameterFields
            backend={form.backend}
            values={form.hyperparameters}
            resolved={preflight.data?.hyperparameters}
            extra={form.extraHyperparameters}
            errors={errors}
            onChange={(name, value) => set("hyperparameters", { ...form.hyperparameters, [name]: value })}
            onExtraChange={(text) => set("extraHyperparameters", text)}
          />
        </div>
        <aside className="start-training-side" aria-label="What starting would do">
          <h3>Before it starts</h3>
          <TrainingPreflight
            backend={form.backend}
            preflight={request ? { data: preflight.data, error: preflight.error, checking: !current || preflight.isFetching } : null}
            choices={choices}
            confirmCaution={form.confirmCaution}
            overrideGate={form.overrideGate}
            onConfirmCaution={(value) => set("confirmCaution", value)}
            onOverrideGate={(value) => set("overrideGate", value)}
            onUseExternal={() => chooseBackend("external")}
          />
        </aside>
      </form>
    </Modal>
  );
}
