// The playground: one conversation sent to the base and the tuned model at once, both answers
// streamed side by side, timed and graded with the dataset's grader. Closing it stops both.
import { useState, type FormEvent } from "react";
import { FormField } from "../ui/FormField";
import { Modal } from "../ui/Modal";
import { MessageRows } from "./MessageRows";
import { PlaygroundAnswer } from "./PlaygroundAnswer";
import { buildPlaygroundSend, initialPlaygroundForm, type PlaygroundForm, type PlaygroundFormErrors, type PlaygroundModels } from "./playgroundForm";
import { usePlaygroundRun } from "./usePlaygroundRun";
import "../styles/grading.css";
import "../styles/playground.css";

interface PlaygroundOverlayProps {
  datasetId: number;
  /** The models it starts with (the latest run's); editable. */
  models: PlaygroundModels;
  onClose: () => void;
}

export function PlaygroundOverlay({ datasetId, models, onClose }: PlaygroundOverlayProps) {
  const [form, setForm] = useState<PlaygroundForm>(() => initialPlaygroundForm(models));
  const [errors, setErrors] = useState<PlaygroundFormErrors>({});
  const run = usePlaygroundRun(datasetId);
  // The columns name the models the answers came from, not what the fields hold now.
  const [sentModels, setSentModels] = useState({ base: models.baseModel, tuned: models.tunedModel });
  // The models are the run's and rarely change: folded unless one is missing.
  const [modelsOpen, setModelsOpen] = useState(!models.baseModel || !models.tunedModel);
  const edit = (change: Partial<PlaygroundForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setErrors({});
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    const built = buildPlaygroundSend(form);
    if (!built.ok) {
      setErrors(built.errors);
      if (built.errors.baseModel || built.errors.tunedModel) setModelsOpen(true);
      return;
    }
    setSentModels({ base: built.send.base.model, tuned: built.send.tuned.model });
    run.send(built.send);
  };

  return (
    <Modal title="Playground: base against tuned" size="full" onClose={onClose}>
      <form className="playground" onSubmit={send} data-testid="playground" noValidate>
        <div className="playground-setup">
          <h3>Conversation</h3>
          {errors.conversation && (
            <p className="field-error" role="alert">
              {errors.conversation}
            </p>
          )}
          <MessageRows messages={form.messages} errors={errors.messages} onChange={(messages) => edit({ messages })} />
          <FormField label="Tools" hint="optional: a JSON array of functions" error={errors.tools} field="tools">
            <textarea
              className="mono-input"
              rows={3}
              value={form.toolsText}
              onChange={(event) => edit({ toolsText: event.target.value })}
              spellCheck={false}
              placeholder='[{"type": "function", "function": {"name": "lookup_order", "parameters": {"type": "object", "properties": {}}}}]'
            />
          </FormField>
          <FormField label="Reference answer" hint="optional: for a grader that compares with one; not sent to the models" field="reference">
            <textarea rows={2} value={form.reference} onChange={(event) => edit({ reference: event.target.value })} placeholder="The answer a grader should compare with" />
          </FormField>
          <div className="field-row">
            <FormField label="Temperature" error={errors.temperature} field="temperature">
              <input type="number" min={0} max={2} step={0.1} value={form.temperature} onChange={(event) => edit({ temperature: event.target.value })} />
            </FormField>
            <FormField label="Max tokens" error={errors.maxTokens} field="max_tokens">
              <input type="number" min={1} value={form.maxTokens} onChange={(event) => edit({ maxTokens: event.target.value })} />
            </FormField>
          </div>
          <details className="playground-models" open={modelsOpen} onToggle={(event) => setModelsOpen(event.currentTarget.open)}>
            <summary>
              Models{" "}
              <span className="muted">
                {form.baseModel || "—"} · {form.tunedModel || "—"}
                {form.tunedProvider && ` on ${form.tunedProvider}`}
              </span>
            </summary>
            <FormField label="Base model" error={errors.baseModel} field="base_model">
              <input value={form.baseModel} onChange={(event) => edit({ baseModel: event.target.value })} spellCheck={false} />
            </FormField>
            <FormField label="Tuned model" error={errors.tunedModel} field="tuned_model">
              <input value={form.tunedModel} onChange={(event) => edit({ tunedModel: event.target.value })} spellCheck={false} />
            </FormField>
            <FormField label="Tuned model's provider" hint="optional" field="provider">
              <input value={form.tunedProvider} onChange={(event) => edit({ tunedProvider: event.target.value })} spellCheck={false} placeholder="as the gateway routes it" />
            </FormField>
          </details>
          <div className="playground-actions">
            <button type="submit" className="button button-primary" data-testid="playground-send" disabled={run.streaming}>
              ▶ Send to both
            </button>
            <button type="button" className="button" onClick={run.stop} disabled={!run.streaming} data-testid="playground-stop">
              ■ Stop
            </button>
          </div>
          <p className="muted detail-note">
            Through this server's gateway as you (your session stands in for a gateway key), the deployments' routes left aside; the calls are traced with the tag <code>playground</code>.
          </p>
        </div>
        <div className="playground-answers">
          <PlaygroundAnswer label="Base" model={sentModels.base} side={run.sides.base} />
          <PlaygroundAnswer label="Tuned" model={sentModels.tuned} side={run.sides.tuned} />
        </div>
      </form>
    </Modal>
  );
}
