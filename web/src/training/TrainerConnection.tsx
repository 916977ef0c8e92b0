// How an external trainer reaches its run: the trainer token (shown once, when the server has
// just issued it), the endpoint URLs, and the variables and calls to paste.
import type { TrainingRun } from "../api/trainingTypes";
import { CopyButton } from "../ui/CopyButton";
import { ShownOnceSecret } from "../ui/ShownOnceSecret";
import { trainerSnippet } from "./trainerSnippet";
import "../styles/traces.css";

const ENDPOINT_NAMES: [keyof NonNullable<TrainingRun["endpoints"]>, string][] = [
  ["run", "Run"],
  ["train", "Training split"],
  ["valid", "Validation split"],
  ["rewards", "Reward endpoint"],
  ["metrics", "Metrics endpoint"],
];

interface TrainerConnectionProps {
  run: TrainingRun;
  /** The token the server just issued, or null once put away. */
  token: string | null;
  onTokenDismissed: () => void;
}

export function TrainerConnection({ run, token, onTokenDismissed }: TrainerConnectionProps) {
  const endpoints = run.endpoints;
  if (!endpoints) return null;
  const snippet = trainerSnippet(run, token);
  return (
    <div className="trainer-connection" data-testid="trainer-connection">
      {token && (
        <ShownOnceSecret
          title="Copy the trainer token now: it is shown only this once."
          note="It opens only this run's trainer routes, never the admin API. If it is lost, make a new one from the training view; the old one then stops working."
          value={token}
          copyLabel="Copy token"
          testId="trainer-token"
          onDismiss={onTokenDismissed}
        />
      )}
      <p className="muted">
        {run.command ? (
          <>
            Reinforge launches <code>{run.command}</code> with these variables and a token of its own, and stops it on Cancel. A trainer started by
            hand uses the same endpoints.
          </>
        ) : (
          <>Start your trainer with these variables. It sends the token as <code>Authorization: Bearer</code> (or <code>?token=</code>).</>
        )}
      </p>
      <dl className="trainer-endpoints" data-testid="trainer-endpoints">
        {ENDPOINT_NAMES.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>
              <code>{endpoints[key]}</code>
              <CopyButton text={endpoints[key]} />
            </dd>
          </div>
        ))}
      </dl>
      <div className="snippet">
        <div className="snippet-head">
          <strong>How to connect your trainer</strong>
          <CopyButton text={snippet} />
        </div>
        <pre data-testid="trainer-snippet">{snippet}</pre>
      </div>
    </div>
  );
}
