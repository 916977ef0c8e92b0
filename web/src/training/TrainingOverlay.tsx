// The training view of one run: state and progress, the live reward chart, the event log, how
// the run was set up, how an external trainer connects; Cancel while it runs, the model and the
// way on to step 7 once it has succeeded.
import type { UseQueryResult } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { isTrainingActive } from "../api/liveness";
import { api } from "../api/session";
import { useTrainingEvents, useTrainingMetrics, useTrainingRun } from "../api/trainingQueries";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { Modal } from "../ui/Modal";
import { ErrorState, LoadingState } from "../ui/States";
import { IfAllowed } from "../auth/IfAllowed";
import { CancelTrainingButton } from "./CancelTrainingButton";
import { RewardChart } from "./RewardChart";
import { TrainerConnection } from "./TrainerConnection";
import { TrainingEventLog } from "./TrainingEventLog";
import { TrainingRunFacts } from "./TrainingRunFacts";
import { TrainingRunSummary } from "./TrainingRunSummary";

/** A feed's loading and error states, then its items. */
function FeedView<T>({ feed, what, children }: { feed: UseQueryResult<T[]>; what: string; children: (items: T[]) => ReactNode }) {
  if (feed.isPending) return <LoadingState label={`Loading the ${what}…`} />;
  if (feed.isError) return <ErrorState error={feed.error} onRetry={() => feed.refetch()} title={`The ${what} could not be loaded`} />;
  return <>{children(feed.data)}</>;
}

interface TrainingOverlayProps {
  runId: number;
  onClose: () => void;
  onDeploy: () => void;
}

export function TrainingOverlay({ runId, onClose, onDeploy }: TrainingOverlayProps) {
  const run = useTrainingRun(runId);
  const live = isTrainingActive(run.data);
  const metrics = useTrainingMetrics(runId, live);
  const events = useTrainingEvents(runId, live);
  const [renewing, setRenewing] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const current = run.data;

  return (
    <Modal
      title={`Training run #${runId}`}
      size="full"
      onClose={onClose}
      footer={
        <>
          {current && live && <CancelTrainingButton run={current} />}
          {current?.backend === "external" && current.command === null && live && (
            <IfAllowed to="training">
              <button type="button" className="button" onClick={() => setRenewing(true)}>
                New trainer token…
              </button>
            </IfAllowed>
          )}
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {run.isPending ? (
        <LoadingState label="Loading the run…" />
      ) : run.isError ? (
        <ErrorState error={run.error} onRetry={() => run.refetch()} title="The run could not be loaded" />
      ) : (
        <div className="training-overlay" data-testid="training-overlay" data-state={run.data.state}>
          <TrainingRunSummary run={run.data} onDeploy={onDeploy} />
          <div className="training-columns">
            <section>
              <h3>Reward</h3>
              <FeedView feed={metrics} what="metrics">
                {(points) => <RewardChart points={points} />}
              </FeedView>
            </section>
            <section>
              <h3>Event log</h3>
              <FeedView feed={events} what="events">
                {(items) => <TrainingEventLog events={items} />}
              </FeedView>
            </section>
          </div>
          <section>
            <h3>Run</h3>
            <TrainingRunFacts run={run.data} />
          </section>
          {run.data.backend === "external" && run.data.endpoints && (
            <details className="trainer-details" open={token !== null || undefined}>
              <summary>Connect your trainer</summary>
              <TrainerConnection run={run.data} token={token} onTokenDismissed={() => setToken(null)} />
            </details>
          )}
        </div>
      )}
      {renewing && (
        <ConfirmDialog
          title="Make a new trainer token?"
          confirmLabel="Make a new token"
          onClose={() => setRenewing(false)}
          onConfirm={async () => setToken((await api.renewTrainerToken(runId)).token)}
        >
          <p>The current token stops working at once: a trainer still using it gets 401 until it is given the new one.</p>
        </ConfirmDialog>
      )}
    </Modal>
  );
}
