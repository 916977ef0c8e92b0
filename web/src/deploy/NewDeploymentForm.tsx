// Step 7's form: the mode (replace, new endpoint, A/B with a share, its online scoring and
// guard), the base and tuned models, the endpoint's name, an optional provider; Deploy sends it
// with the dataset and run, and a refusal is shown under the form in the server's words, its
// field marked.
import { useState, type FormEvent } from "react";
import { describeError } from "../api/errors";
import { useRefreshDeployments } from "../api/deploymentsQueries";
import type { Deployment } from "../api/deploymentsTypes";
import { api } from "../api/session";
import type { TrainingRun } from "../api/trainingTypes";
import { FormField } from "../ui/FormField";
import { ModeChoice } from "../ui/ModeChoice";
import { MODE_OPTIONS } from "./deployDisplay";
import { OnlineScoringFields } from "./OnlineScoringFields";
import { deployRequest, initialDeployForm, refusedField, type DeployField } from "./deployForm";

interface NewDeploymentFormProps {
  datasetId: number;
  /** The run whose model is deployed; its model and base model fill the form. */
  run: TrainingRun | undefined;
  onDeployed: (deployment: Deployment) => void;
}

export function NewDeploymentForm({ datasetId, run, onDeployed }: NewDeploymentFormProps) {
  const [form, setForm] = useState(() => initialDeployForm(run));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; field: DeployField | null } | null>(null);
  const refreshDeployments = useRefreshDeployments();
  const edit = (fields: Partial<typeof form>) => setForm((current) => ({ ...current, ...fields }));
  // The field the server named is marked; its sentence stays under the form.
  const marked = (field: DeployField) => (refusal?.field === field ? "field-invalid" : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      const deployment = await api.createDeployment(deployRequest(form, datasetId, run?.id));
      await refreshDeployments();
      onDeployed(deployment);
    } catch (caught) {
      setRefusal({ message: describeError(caught), field: refusedField(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="deploy-form" onSubmit={submit} data-testid="deploy-form" aria-label="New deployment">
      <ModeChoice legend="How callers get the tuned model" options={MODE_OPTIONS} value={form.mode} onChange={(mode) => edit({ mode })} />
      <div className="field-row">
        <FormField label="Tuned model" hint={run ? `from run #${run.id}` : "the model the provider serves"} field="tuned_model" className={marked("tuned_model")}>
          <input value={form.tunedModel} onChange={(event) => edit({ tunedModel: event.target.value })} spellCheck={false} required />
        </FormField>
        <FormField label="Base model" hint="the model name callers use today" field="base_model" className={marked("base_model")}>
          <input value={form.baseModel} onChange={(event) => edit({ baseModel: event.target.value })} spellCheck={false} required />
        </FormField>
      </div>
      <div className="field-row">
        {form.mode === "endpoint" && (
          <FormField label="Endpoint name" hint="the new model name callers ask for" field="endpoint" className={marked("endpoint")}>
            <input value={form.endpoint} onChange={(event) => edit({ endpoint: event.target.value })} spellCheck={false} placeholder="support-tuned" required />
          </FormField>
        )}
        {form.mode === "ab" && (
          <FormField label="Tuned share (%)" hint="of the base model's callers" field="share" className={marked("share")}>
            <input type="number" min={0.01} max={99.99} step="any" value={form.sharePercent} onChange={(event) => edit({ sharePercent: event.target.value })} required />
          </FormField>
        )}
        <FormField label="Provider" hint="optional: the base model's provider when empty" field="provider" className={marked("provider")}>
          <input value={form.provider} onChange={(event) => edit({ provider: event.target.value })} spellCheck={false} placeholder="gpu-box" />
        </FormField>
      </div>
      {form.mode === "ab" && <OnlineScoringFields value={form} onChange={edit} marked={marked} />}
      {refusal && (
        <p className="form-error" role="alert" data-testid="deploy-error">
          {refusal.message}
        </p>
      )}
      <div className="detail-actions">
        <button type="submit" className="button button-primary" disabled={busy || !form.tunedModel.trim() || !form.baseModel.trim()} data-testid="deploy-submit">
          {busy ? "Deploying…" : "Deploy"}
        </button>
      </div>
    </form>
  );
}
