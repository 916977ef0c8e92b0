// Changing an active A/B test's online scoring share and guard (PATCH /api/deployments/:id); a
// refusal is shown in the server's words with its field marked.
import { useState } from "react";
import { describeError } from "../api/errors";
import { useRefreshDeployments } from "../api/deploymentsQueries";
import type { Deployment } from "../api/deploymentsTypes";
import { api } from "../api/session";
import { Modal } from "../ui/Modal";
import { deploymentPatch, onlineSettingsOf, refusedField, type DeployField } from "./deployForm";
import { OnlineScoringFields } from "./OnlineScoringFields";

export function DeploymentSettingsDialog({ deployment, onClose }: { deployment: Deployment; onClose: () => void }) {
  const [values, setValues] = useState(() => onlineSettingsOf(deployment));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; field: DeployField | null } | null>(null);
  const refreshDeployments = useRefreshDeployments();

  const save = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      await api.updateDeployment(deployment.id, deploymentPatch(values));
      await refreshDeployments();
      onClose();
    } catch (caught) {
      setRefusal({ message: describeError(caught), field: refusedField(caught) });
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Online scores of deployment #${deployment.id}`}
      onClose={onClose}
      footer={
        <>
          {refusal && (
            <p className="form-error deployment-settings-error" role="alert">
              {refusal.message}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={save} disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
        </>
      }
    >
      <OnlineScoringFields
        value={values}
        onChange={(change) => setValues((current) => ({ ...current, ...change }))}
        marked={(field) => (refusal?.field === field ? "field-invalid" : undefined)}
      />
      <p className="muted detail-note">Takes effect at the next grading round (every 2 s); the calls graded so far keep their scores.</p>
    </Modal>
  );
}
