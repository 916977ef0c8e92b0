import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import { useTopicTemplates } from "../api/topicsQueries";
import { Modal } from "../ui/Modal";
import { ErrorState, LoadingState } from "../ui/States";
import { ReplaceWarning } from "./ReplaceWarning";
import { leafTopics } from "./topicTree";

interface TemplateDialogProps {
  datasetId: number;
  existingTopics: number;
  categorized: number;
  onClose: () => void;
  onApplied: () => void;
}

/** Starts the hierarchy from a shipped template, then categorizes every valid record into it. */
export function TemplateDialog({ datasetId, existingTopics, categorized, onClose, onApplied }: TemplateDialogProps) {
  const templates = useTopicTemplates();
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [applying, setApplying] = useState(false);
  const replacing = existingTopics > 0;

  const apply = async () => {
    if (!chosen) return;
    setApplying(true);
    setError(null);
    try {
      await api.applyTopicTemplate(datasetId, chosen);
      onApplied();
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setApplying(false);
    }
  };

  return (
    <Modal
      title="Start from a template"
      size="large"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className={replacing ? "button button-danger" : "button button-primary"} onClick={apply} disabled={!chosen || applying}>
            {applying ? "Applying…" : replacing ? "Clear assignments and apply template" : "Apply template"}
          </button>
        </>
      }
    >
      <p className="muted">Each template topic has a description and keywords, so records are categorized without any labelled example. Edit the topics afterwards to fit your data.</p>
      {templates.isPending ? (
        <LoadingState label="Loading templates…" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => templates.refetch()} />
      ) : (
        <div className="template-grid" role="radiogroup" aria-label="Templates">
          {templates.data.items.map((template) => (
            <label key={template.id} className={`template-card${chosen === template.id ? " template-card-chosen" : ""}`} data-testid="template-card">
              <input type="radio" name="template" className="visually-hidden" checked={chosen === template.id} onChange={() => setChosen(template.id)} />
              <strong>{template.name}</strong>
              <span className="muted template-description">{template.description}</span>
              <ul className="template-topics">
                {leafTopics(template.topics).map((topic) => (
                  <li key={topic.id} title={topic.description}>
                    {topic.name}
                  </li>
                ))}
              </ul>
            </label>
          ))}
        </div>
      )}
      <ReplaceWarning existingTopics={existingTopics} categorized={categorized} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
