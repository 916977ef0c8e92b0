// The selected topic's fields. Target shares are set on topics that take records (leaves);
// the share coverage will use is shown beside the input.
import { useEffect, useState } from "react";
import type { Topic } from "../api/topicsTypes";
import { formatCount } from "../format/numbers";
import type { TopicFields } from "./topicTree";
import { parseKeywords } from "./topicTree";

interface TopicFormProps {
  topic: Topic;
  records: number;
  saved: boolean;
  resolvedShare: number | undefined;
  /** What is wrong with its name among its siblings, shown at the field. */
  nameError: string | null;
  onChange: (fields: Partial<TopicFields>) => void;
}

const percentText = (share: number | null) => (share === null ? "" : String(Math.round(share * 1000) / 10));

export function TopicForm({ topic, records, saved, resolvedShare, nameError, onChange }: TopicFormProps) {
  const isLeaf = topic.children.length === 0;
  // Keywords and the target are edited as text and parsed as they change, so typing "0." or a
  // trailing comma is not fought by the parser.
  const [keywords, setKeywords] = useState(topic.keywords.join(", "));
  const [target, setTarget] = useState(percentText(topic.target_share));
  const [targetError, setTargetError] = useState<string | null>(null);
  useEffect(() => {
    setKeywords(topic.keywords.join(", "));
    setTarget(percentText(topic.target_share));
    setTargetError(null);
    // Only when another topic is selected; edits of this one flow from the inputs.
  }, [topic.id]);

  const changeTarget = (text: string) => {
    setTarget(text);
    if (text.trim() === "") {
      setTargetError(null);
      onChange({ target_share: null });
      return;
    }
    const percent = Number(text);
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
      setTargetError("A percentage from 0 to 100, or empty for an equal share.");
      return;
    }
    setTargetError(null);
    onChange({ target_share: percent / 100 });
  };

  return (
    <div className="form topic-form" data-testid="topic-form">
      <div className="topic-form-meta muted">
        <code>{topic.id}</code> · {saved ? `${formatCount(records)} record${records === 1 ? "" : "s"}${isLeaf ? "" : " in its sub-topics"}` : "new, not saved yet"}
      </div>
      <label className="field">
        <span>Name</span>
        <input value={topic.name} maxLength={200} aria-invalid={nameError !== null} aria-describedby={nameError ? "topic-name-error" : undefined} onChange={(event) => onChange({ name: event.target.value })} />
        {nameError && (
          <span className="form-error" id="topic-name-error" data-testid="topic-name-error">
            {nameError}
          </span>
        )}
      </label>
      <label className="field">
        <span>
          Description <span className="muted">— what belongs here; categorization reads it</span>
        </span>
        <textarea rows={3} value={topic.description} onChange={(event) => onChange({ description: event.target.value })} />
      </label>
      <label className="field">
        <span>
          Keywords <span className="muted">— comma-separated, weigh twice in categorization</span>
        </span>
        <input
          value={keywords}
          onChange={(event) => {
            setKeywords(event.target.value);
            onChange({ keywords: parseKeywords(event.target.value) });
          }}
        />
      </label>
      {isLeaf ? (
        <label className="field">
          <span>
            Target share <span className="muted">— % of the categorized records this topic should have; empty: an equal share</span>
          </span>
          <span className="target-input">
            <input inputMode="decimal" value={target} placeholder="equal" aria-invalid={targetError !== null} onChange={(event) => changeTarget(event.target.value)} />
            <span className="muted">%</span>
            {resolvedShare !== undefined && <span className="muted target-resolved">coverage will use {(resolvedShare * 100).toFixed(1)}%</span>}
          </span>
          {targetError && <span className="form-error">{targetError}</span>}
        </label>
      ) : (
        <p className="muted detail-note">Records belong to sub-topics, so target shares are set on them.</p>
      )}
      {topic.examples.length > 0 && (
        <div className="topic-examples">
          <span className="field-label">Examples</span>
          <ul>
            {topic.examples.map((example, index) => (
              <li key={index}>“{example}”</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
