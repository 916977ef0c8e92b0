// One active deployment: its mode, base → tuned, share, when it was made, its arms' figures
// (polled every 3 s), for an A/B test its online comparison and guard; Rollback and, for an A/B
// test, Promote — each asked first — and its online scoring settings.
import { useState, type ReactNode } from "react";
import { useDeployment, useRefreshDeployments } from "../api/deploymentsQueries";
import type { Deployment } from "../api/deploymentsTypes";
import { api } from "../api/session";
import { formatRelativeTime } from "../format/time";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { CopyButton } from "../ui/CopyButton";
import { ErrorState } from "../ui/States";
import { StatusBadge } from "../ui/StatusBadge";
import { IfAllowed } from "../auth/IfAllowed";
import { DeploymentArms } from "./DeploymentArms";
import { DeploymentSettingsDialog } from "./DeploymentSettingsDialog";
import { OnlineComparison } from "./OnlineComparison";
import { callersModel, formatShare, MODE_LABEL } from "./deployDisplay";

const ACTIVE_LOOK = { label: "Active", icon: "●", tone: "good" } as const;

interface ActiveDeploymentProps {
  deployment: Deployment;
  /** Beside the title: where it came from, on pages that list every dataset's deployments. */
  context?: ReactNode;
  /** Under the figures: the Gateway page's chart. */
  children?: ReactNode;
}

export function ActiveDeployment({ deployment, context, children }: ActiveDeploymentProps) {
  const detail = useDeployment(deployment.id);
  const refreshDeployments = useRefreshDeployments();
  const [asking, setAsking] = useState<"rollback" | "promote" | "settings" | null>(null);
  const current = detail.data ?? deployment;
  const callers = callersModel(current);

  const rollBack = async () => {
    await api.rollBackDeployment(current.id);
    await refreshDeployments();
  };
  const promote = async () => {
    await api.promoteDeployment(current.id);
    await refreshDeployments();
  };

  return (
    <article className="deployment-card" data-testid="active-deployment" data-deployment={current.id} data-mode={current.mode}>
      <header className="deployment-card-head">
        <StatusBadge look={ACTIVE_LOOK} />
        <strong>
          #{current.id} · {MODE_LABEL[current.mode]}
          {current.mode === "ab" && current.share !== null && ` · ${formatShare(current.share)} tuned`}
        </strong>
        <span className="muted" title={current.created_at}>
          {formatRelativeTime(current.created_at)}
        </span>
        {context}
      </header>
      <p className="deployment-models">
        <code>{current.base_model}</code> → <code data-testid="deployment-tuned-model">{current.tuned_model}</code>
        {current.provider && <span className="muted"> on provider {current.provider}</span>}
      </p>
      <p className="muted detail-note deployment-callers">
        Callers ask for <code>{callers}</code> <CopyButton text={callers} label="Copy name" />
      </p>
      {detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => detail.refetch()} title="The figures could not be loaded" />
      ) : (
        detail.data && (
          <>
            <DeploymentArms arms={detail.data.arms} />
            {detail.data.mode === "ab" && <OnlineComparison deployment={detail.data} />}
          </>
        )
      )}
      {children}
      <IfAllowed to="deployments">
        <div className="detail-actions">
          <button type="button" className="button button-danger" onClick={() => setAsking("rollback")}>
            Roll back…
          </button>
          {current.mode === "ab" && (
            <button type="button" className="button" onClick={() => setAsking("promote")}>
              Promote to all callers…
            </button>
          )}
          {current.mode === "ab" && (
            <button type="button" className="button" onClick={() => setAsking("settings")}>
              Online scores…
            </button>
          )}
        </div>
      </IfAllowed>
      {asking === "settings" && <DeploymentSettingsDialog deployment={current} onClose={() => setAsking(null)} />}
      {asking === "rollback" && (
        <ConfirmDialog title={`Roll back deployment #${current.id}?`} confirmLabel="Roll back" danger onConfirm={rollBack} onClose={() => setAsking(null)}>
          <p>
            The gateway's routes go back to what they were before it, within a second:{" "}
            {current.mode === "endpoint" ? (
              <>
                <code>{current.endpoint}</code> stops answering.
              </>
            ) : (
              <>
                every call for <code>{current.base_model}</code> is served by the base model again.
              </>
            )}{" "}
            The deployment stays in the history.
          </p>
        </ConfirmDialog>
      )}
      {asking === "promote" && (
        <ConfirmDialog title={`Promote deployment #${current.id}?`} confirmLabel="Promote" onConfirm={promote} onClose={() => setAsking(null)}>
          <p>
            The A/B test ends: every call for <code>{current.base_model}</code> is served by <code>{current.tuned_model}</code>, as a replacement.
          </p>
        </ConfirmDialog>
      )}
    </article>
  );
}
