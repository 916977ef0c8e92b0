import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { Dataset } from "../api/types";
import { Modal } from "../ui/Modal";

// The tokenizers the server knows (PRODUCT.md §2): o200k_base by default, cl100k_base for older OpenAI models.
const ENCODINGS = ["o200k_base", "cl100k_base"];

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
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const limit = Number(maxTokens);
    if (!Number.isInteger(limit) || limit <= 0) return setError("The token limit must be a whole number above 0.");
    setSaving(true);
    setError(null);
    try {
      await api.updateDataset(dataset.id, { name: name.trim(), objective: objective.trim(), settings: { encoding, max_tokens: limit } });
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
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}
