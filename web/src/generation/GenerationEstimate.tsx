// The plan's estimate before anything is spent: records the cap lets through, calls, tokens and
// cost, with the server's notes (topics clipped by the cap, topics with no real examples).
import type { GenerationPlan } from "../api/generationTypes";
import { formatCount, formatDollars } from "../format/numbers";

interface GenerationEstimateProps {
  plan: GenerationPlan | undefined;
  /** A newer plan is on its way (the form changed since this one). */
  checking: boolean;
  /** Why there is no estimate (a field to fix, the plan refused), or null. */
  unavailable: string | null;
}

export function GenerationEstimate({ plan, checking, unavailable }: GenerationEstimateProps) {
  if (unavailable) {
    return (
      <div className="generation-estimate" data-testid="generation-estimate">
        <p className="muted detail-note">No estimate: {unavailable}</p>
      </div>
    );
  }
  if (!plan) {
    return (
      <div className="generation-estimate" data-testid="generation-estimate">
        <p className="muted detail-note">Estimating…</p>
      </div>
    );
  }
  const { estimate } = plan;
  return (
    <div className={checking ? "generation-estimate is-stale" : "generation-estimate"} data-testid="generation-estimate" aria-live="polite" aria-busy={checking}>
      <dl className="figures generation-estimate-figures">
        <div>
          <dt>Records</dt>
          <dd data-testid="estimate-records">
            {formatCount(plan.allowed)}
            {plan.allowed < plan.requested && <span className="muted"> of {formatCount(plan.requested)} asked</span>}
          </dd>
        </div>
        <div>
          <dt>Calls</dt>
          <dd data-testid="estimate-calls">≈ {formatCount(estimate.calls)}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd data-testid="estimate-tokens">
            ≈ {formatCount(estimate.prompt_tokens)} <span className="muted">in</span> + {formatCount(estimate.completion_tokens)} <span className="muted">out</span>
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd data-testid="estimate-cost">{estimate.cost_usd === null ? <span className="muted">give prices for a cost</span> : `≈ ${formatDollars(estimate.cost_usd)}`}</dd>
        </div>
      </dl>
      <p className="muted detail-note">Estimate {estimate.note}.</p>
      {plan.notes.length > 0 && (
        <ul className="generation-notes" data-testid="generation-notes">
          {plan.notes.map((note) => (
            <li key={note}>⚠ {note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
