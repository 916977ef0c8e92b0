// The Generate form's topics: each leaf with its records, target and what it lacks, a tick and the
// count to generate, and what the plan lets through the synthetic cap (clipped or not, and
// whether the topic has real records to learn from).
import type { PlannedTopic } from "../api/generationTypes";
import { formatCount } from "../format/numbers";
import { CLIP_HINT, CLIP_LABEL } from "./generationDisplay";
import type { GenerationTopicRow } from "./generationForm";

interface GenerationTopicsTableProps {
  rows: GenerationTopicRow[];
  /** The live plan's topics by id (only the ticked ones are planned). */
  planned: ReadonlyMap<string, PlannedTopic>;
  countErrors: Record<string, string> | undefined;
  onToggle: (id: string, checked: boolean) => void;
  onCount: (id: string, count: string) => void;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function GenerationTopicsTable({ rows, planned, countErrors, onToggle, onCount }: GenerationTopicsTableProps) {
  return (
    <div className="table-card">
      <table className="table generation-plan-table" data-testid="generation-topics">
        <thead>
          <tr>
            <th className="col-check" aria-label="Generate for this topic" />
            <th>Topic</th>
            <th className="numeric col-records">Records</th>
            <th className="numeric col-target">Target</th>
            <th className="numeric col-to-target" title="Records that bring the topic to its target share once they are added: more than the coverage deficit, as the new records grow the dataset too">
              To target
            </th>
            <th className="numeric generation-count-cell">Generate</th>
            <th className="col-allowed" title="What the maximum synthetic share lets through">
              Allowed
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const plan = row.checked ? planned.get(row.id) : undefined;
            const error = countErrors?.[row.id];
            return (
              <tr key={row.id} data-topic={row.id} className={row.checked ? undefined : "generation-row-off"}>
                <td className="col-check">
                  <input type="checkbox" checked={row.checked} onChange={(event) => onToggle(row.id, event.target.checked)} aria-label={`Generate for ${row.name}`} />
                </td>
                <td className="generation-topic-name" title={row.name}>
                  {row.name}
                </td>
                <td className="numeric">{formatCount(row.records)}</td>
                <td className="numeric">{percent(row.target)}</td>
                <td className={`numeric${row.fill > 0 ? " tone-text-warn" : " muted"}`}>{row.fill > 0 ? formatCount(row.fill) : "met"}</td>
                <td className="numeric generation-count-cell">
                  <input
                    className="generation-count"
                    inputMode="numeric"
                    value={row.checked ? row.count : ""}
                    placeholder="0"
                    disabled={!row.checked}
                    aria-label={`Records to generate for ${row.name}`}
                    aria-invalid={error !== undefined}
                    onChange={(event) => onCount(row.id, event.target.value)}
                  />
                  {error && (
                    <span className="field-error" role="alert">
                      {error}
                    </span>
                  )}
                </td>
                <td data-testid="generation-allowed">
                  {plan ? (
                    <div className="generation-allowed">
                      <span className={plan.clipped_by ? "tone-text-warn" : undefined}>{formatCount(plan.allowed)}</span>
                      {plan.clipped_by && (
                        <span className="badge tone-warn" title={CLIP_HINT[plan.clipped_by]}>
                          {CLIP_LABEL[plan.clipped_by]}
                        </span>
                      )}
                      {plan.no_real_examples && (
                        <span className="badge tone-warn" title="The topic has no real records: its records would be written from its name and description alone">
                          no real examples
                        </span>
                      )}
                    </div>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
