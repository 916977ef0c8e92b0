// Mean score per topic, lowest first: where the base model or the grader struggles. The run keeps
// topic ids; names are today's (a topic deleted since the run shows its id).
import type { DryRunReport } from "../api/gradingTypes";
import { useTopics } from "../api/topicsQueries";
import { formatCount } from "../format/numbers";
import { leafLabels } from "../topics/topicTree";

export function TopicMeans({ datasetId, topicMeans }: { datasetId: number; topicMeans: DryRunReport["topic_means"] }) {
  const hierarchy = useTopics(datasetId);
  const labels = leafLabels(hierarchy.data?.topics ?? []);
  const rows = Object.entries(topicMeans).sort(([, a], [, b]) => a.mean - b.mean);
  if (rows.length === 0) return <p className="muted">No topics: the records are not categorized.</p>;
  return (
    <table className="table topic-means" data-testid="topic-means">
      <thead>
        <tr>
          <th>Topic</th>
          <th className="numeric">Samples</th>
          <th>Mean score</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([topic, { mean, count }]) => (
          <tr key={topic}>
            <td>
              {topic === "" ? (
                <span className="muted">Uncategorized</span>
              ) : (
                <>
                  {labels.get(topic) ?? <span className="muted">deleted topic</span>} <code className="muted">{topic}</code>
                </>
              )}
            </td>
            <td className="numeric">{formatCount(count)}</td>
            <td>
              <span className="mean-bar" aria-hidden="true">
                <span style={{ width: `${Math.round(mean * 100)}%` }} />
              </span>{" "}
              {mean.toFixed(2)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
