// Mean score per topic, base and tuned side by side, the tuned model's weakest gain first.
import type { BenchmarkTopic } from "../api/benchmarksTypes";
import { useTopics } from "../api/topicsQueries";
import { formatCount } from "../format/numbers";
import { formatScore, formatSignedScore } from "../format/scores";
import { leafLabels } from "../topics/topicTree";

function MeanBar({ mean, arm }: { mean: number; arm: "base" | "tuned" }) {
  return (
    <span className="benchmark-topic-mean">
      <span className={`mean-bar mean-bar-${arm}`} aria-hidden="true">
        <span style={{ width: `${Math.round(Math.max(0, Math.min(1, mean)) * 100)}%` }} />
      </span>
      {formatScore(mean)}
    </span>
  );
}

/** Green up, red down; a difference that shows as ±0.00 stays plain. */
function differenceTextTone(difference: number): string {
  const hundredths = Math.round(difference * 100);
  return hundredths > 0 ? "tone-text-good" : hundredths < 0 ? "tone-text-bad" : "";
}

export function BenchmarkTopics({ datasetId, topics }: { datasetId: number; topics: BenchmarkTopic[] }) {
  const hierarchy = useTopics(datasetId);
  const labels = leafLabels(hierarchy.data?.topics ?? []);
  if (topics.length === 0) return <p className="muted detail-note">No topics: the records are not categorized.</p>;
  const rows = [...topics].sort((a, b) => a.difference - b.difference);
  return (
    <table className="table benchmark-topics" data-testid="benchmark-topics">
      <thead>
        <tr>
          <th>Topic</th>
          <th className="numeric">Records</th>
          <th>Base</th>
          <th>Tuned</th>
          <th className="numeric">Difference</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((topic) => (
          <tr key={topic.topic} data-topic={topic.topic}>
            {/* The server names a topic by its id or its name; today's name when it is an id. */}
            <td className="benchmark-topic-name">{topic.topic === "" ? <span className="muted">Uncategorized</span> : (labels.get(topic.topic) ?? topic.topic)}</td>
            <td className="numeric">{formatCount(topic.records)}</td>
            <td>
              <MeanBar mean={topic.base_mean} arm="base" />
            </td>
            <td>
              <MeanBar mean={topic.tuned_mean} arm="tuned" />
            </td>
            <td className={`numeric ${differenceTextTone(topic.difference)}`}>{formatSignedScore(topic.difference)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
