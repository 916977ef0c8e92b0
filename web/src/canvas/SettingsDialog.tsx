import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { Dataset } from "../api/types";
import { Modal } from "../ui/Modal";
import "../styles/settings.css";

// The tokenizers the server knows (PRODUCT.md §2): o200k_base by default, cl100k_base for older OpenAI models.
const ENCODINGS = ["o200k_base", "cl100k_base"];

type ModelField = "embedding_model" | "labeling_model" | "generation_model";

// The server names the setting it refused ("settings.embedding_model: no provider serves …"); that
// message is shown under the field, without the name.
function fieldError(message: string | null, field: ModelField): string | null {
  const prefix = `settings.${field}: `;
  if (!message?.startsWith(prefix)) return null;
  const rest = message.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

interface ModelInputProps {
  label: string;
  value: string;
  placeholder: string;
  hint: string;
  error: string | null;
  onChange: (value: string) => void;
}

function ModelInput({ label, value, placeholder, hint, error, onChange }: ModelInputProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        value={value}
        placeholder={placeholder}
        maxLength={200}
        spellCheck={false}
        aria-invalid={error !== null}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        <span className="field-hint">{hint}</span>
      )}
    </label>
  );
}

interface SettingsDialogProps {
  dataset: Dataset;
  onClose: () => void;
  onSaved: () => void;
}

export function SettingsDialog({ dataset, onClose, onSaved }: SettingsDialogProps) {
  const [name, setName] = useState(dataset.name);
  const [objective, setObjective] = useState(dataset.objective);
  const [encoding, setEncoding] = useState(dataset.settings.encoding);
  const [maxTokens, setMaxTokens] = useState(String(dataset.settings.max_tokens));
  const [embeddingModel, setEmbeddingModel] = useState(dataset.settings.embedding_model ?? "");
  const [labelingModel, setLabelingModel] = useState(dataset.settings.labeling_model ?? "");
  const [generationModel, setGenerationModel] = useState(dataset.settings.generation_model ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const embeddingError = fieldError(error, "embedding_model");
  const labelingError = fieldError(error, "labeling_model");
  const generationError = fieldError(error, "generation_model");
  const formError = embeddingError || labelingError || generationError ? null : error;

  const save = async () => {
    const limit = Number(maxTokens);
    if (!Number.isInteger(limit) || limit <= 0) return setError("The token limit must be a whole number above 0.");
    setSaving(true);
    setError(null);
    try {
      await api.updateDataset(dataset.id, {
        name: name.trim(),
        objective: objective.trim(),
        settings: {
          encoding,
          max_tokens: limit,
          embedding_model: embeddingModel.trim() || null,
          labeling_model: labelingModel.trim() || null,
          generation_model: generationModel.trim() || null,
        },
      });
      onSaved();
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setSaving(false);
    }
  };

  return (
    <Modal
      title="Dataset settings"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={save} disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </button>
        </>
      }
    >
      <div className="form">
        <label className="field">
          <span>Name</span>
          <input value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span>Objective</span>
          <textarea rows={3} value={objective} onChange={(event) => setObjective(event.target.value)} />
        </label>
        <div className="field-row">
          <label className="field">
            <span>Tokenizer</span>
            <select value={encoding} onChange={(event) => setEncoding(event.target.value)}>
              {ENCODINGS.map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Token limit per record</span>
            <input inputMode="numeric" value={maxTokens} onChange={(event) => setMaxTokens(event.target.value)} />
          </label>
        </div>
        <section className="settings-section" aria-labelledby="settings-topics">
          <h3 id="settings-topics">Topic models</h3>
          <p className="muted">
            Optional, as the gateway names them. Empty: topics are found offline. A model that fails falls back to the
            offline method, and the job says why.
          </p>
          <div className="field-row">
            <ModelInput
              label="Embedding model"
              value={embeddingModel}
              placeholder="none (lexical vectors)"
              hint="Vectors for discovery and categorization."
              error={embeddingError}
              onChange={(value) => {
                setEmbeddingModel(value);
                if (embeddingError) setError(null);
              }}
            />
            <ModelInput
              label="Labeling model"
              value={labelingModel}
              placeholder="none (keyword names)"
              hint="Writes topic names and descriptions."
              error={labelingError}
              onChange={(value) => {
                setLabelingModel(value);
                if (labelingError) setError(null);
              }}
            />
          </div>
        </section>
        <section className="settings-section" aria-labelledby="settings-generation">
          <h3 id="settings-generation">Generation (step 3)</h3>
          <p className="muted">The chat model that writes new records for the topics short of their target (step 3), as the gateway names it.</p>
          <ModelInput
            label="Generation model"
            value={generationModel}
            placeholder="none (name one when generating)"
            hint="Step 3's Generate uses it unless you name another there."
            error={generationError}
            onChange={(value) => {
              setGenerationModel(value);
              if (generationError) setError(null);
            }}
          />
        </section>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
      </div>
    </Modal>
  );
}
