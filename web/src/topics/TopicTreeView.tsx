// The hierarchy as an indented tree: a row per topic with its record count. Clicking a name
// selects it for editing; the checkbox picks it for a merge.
import type { Topic } from "../api/topicsTypes";
import { formatCount } from "../format/numbers";
import { recordsUnder } from "./topicTree";

interface TopicTreeViewProps {
  topics: Topic[];
  records: Record<string, number>;
  selected: string | null;
  checked: Set<string>;
  onSelect: (id: string) => void;
  onCheck: (id: string) => void;
}

export function TopicTreeView(props: TopicTreeViewProps) {
  return (
    <ul className="topic-tree" role="tree" aria-label="Topics">
      {props.topics.map((topic) => (
        <TopicRow key={topic.id} topic={topic} depth={0} {...props} />
      ))}
    </ul>
  );
}

function TopicRow({ topic, depth, ...props }: TopicTreeViewProps & { topic: Topic; depth: number }) {
  const { records, selected, checked, onSelect, onCheck } = props;
  const count = recordsUnder(topic, records);
  const isLeaf = topic.children.length === 0;
  return (
    <li role="treeitem" aria-selected={selected === topic.id} aria-expanded={isLeaf ? undefined : true}>
      <div className={`topic-row${selected === topic.id ? " topic-row-selected" : ""}`} style={{ paddingLeft: 8 + depth * 20 }} data-testid="topic-row" data-topic-id={topic.id}>
        <input type="checkbox" aria-label={`Pick ${topic.name} for merging`} checked={checked.has(topic.id)} onChange={() => onCheck(topic.id)} />
        <button type="button" className="topic-row-name link-button" onClick={() => onSelect(topic.id)}>
          {!isLeaf && <span aria-hidden="true">▾ </span>}
          {topic.name || <em className="muted">(no name)</em>}
        </button>
        <span className="topic-row-count muted" title={isLeaf ? "Records in this topic" : "Records in its sub-topics"}>
          {formatCount(count)}
        </span>
      </div>
      {!isLeaf && (
        <ul role="group">
          {topic.children.map((child) => (
            <TopicRow key={child.id} topic={child} depth={depth + 1} {...props} />
          ))}
        </ul>
      )}
    </li>
  );
}
