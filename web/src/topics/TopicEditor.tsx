// The topic editor overlay: the hierarchy as a tree with record counts, the selected topic's
// fields, and the edits. Renames, descriptions, keywords, targets, additions and deletions are a
// draft saved whole (PUT /topics?assignments=keep); merge and split move records, so the server
// does them at once and they need a saved draft. When a save starts a categorization (a first
// hand-written hierarchy), its progress shows here and on the canvas.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import { topicsKeys, useTopics } from "../api/topicsQueries";
import type { TopicHierarchy, TopicSetDocument } from "../api/topicsTypes";
import type { Dataset, Job } from "../api/types";
import { formatCountOf } from "../format/numbers";
import { JobProgress } from "../jobs/JobProgress";
import { describeJob } from "../jobs/jobSummary";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { Modal } from "../ui/Modal";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { saveDownload } from "../ui/saveDownload";
import { useConfirmedClose } from "../ui/useConfirmedClose";
import { MergeDialog } from "./MergeDialog";
import { SplitDialog } from "./SplitDialog";
import { summarizeTargets } from "./targetShares";
import { TargetSummaryLine } from "./TargetSummaryLine";
import { TopicForm } from "./TopicForm";
import { TopicTreeView } from "./TopicTreeView";
import { addTopic, allTopicIds, deleteTopic, findTopic, firstProblem, leafTopics, nameProblem, parentOf, recordsUnder, sameDocument, updateTopic } from "./topicTree";

interface TopicEditorProps {
  dataset: Dataset;
  onClose: () => void;
  onChanged: () => void;
  onOpenRecords: (topicId: string) => void;
}

export function TopicEditor({ dataset, onClose, onChanged, onOpenRecords }: TopicEditorProps) {
  const hierarchy = useTopics(dataset.id);
  // Escape, ✕, the backdrop and the footer's Discard button ask before dropping a draft.
  const [dirty, setDirty] = useState(false);
  const { requestClose, confirmation } = useConfirmedClose({
    unsaved: dirty,
    onClose,
    message: "The edits made since the last save are lost; the saved topics stay as they are.",
  });
  return (
    <Modal title="Topics" size="full" onClose={requestClose}>
      {hierarchy.isPending ? (
        <LoadingState label="Loading topics…" />
      ) : hierarchy.isError ? (
        <ErrorState error={hierarchy.error} onRetry={() => hierarchy.refetch()} title="The topics could not be loaded" />
      ) : (
        <EditorBody dataset={dataset} loaded={hierarchy.data} onChanged={onChanged} onOpenRecords={onOpenRecords} onRequestClose={requestClose} onDirtyChange={setDirty} />
      )}
      {confirmation}
    </Modal>
  );
}

type Dialog = { kind: "none" } | { kind: "merge" } | { kind: "split" } | { kind: "delete"; id: string };

interface EditorBodyProps {
  dataset: Dataset;
  loaded: TopicHierarchy;
  onChanged: () => void;
  onOpenRecords: (topicId: string) => void;
  /** Closes the editor, asking first when the draft has unsaved edits. */
  onRequestClose: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

function EditorBody({ dataset, loaded, onChanged, onOpenRecords, onRequestClose, onDirtyChange }: EditorBodyProps) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<TopicHierarchy>(loaded);
  const [draft, setDraft] = useState<TopicSetDocument>({ topics: loaded.topics });
  const [selected, setSelected] = useState<string | null>(loaded.topics[0]?.id ?? null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>({ kind: "none" });
  // A split, or the categorization a save started: its progress shows above the form.
  const [runningJob, setRunningJob] = useState<Job | null>(null);
  const [message, setMessage] = useState<{ tone: "good" | "bad"; text: string; offerCategorize?: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  // Ids the saved hierarchy ever had are never handed out again to a new topic.
  const [reserved, setReserved] = useState<Set<string>>(() => new Set(allTopicIds(loaded.topics)));

  const dirty = !sameDocument(draft, saved);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  const records = saved.records;
  const savedIds = useMemo(() => new Set(allTopicIds(saved.topics)), [saved]);
  const savedLeaves = useMemo(() => new Set(leafTopics(saved.topics).map((leaf) => leaf.id)), [saved]);
  const draftLeaves = new Set(leafTopics(draft.topics).map((leaf) => leaf.id));
  // Records that saving leaves without a topic: their topic was deleted or given sub-topics.
  const losing = [...savedLeaves].filter((id) => !draftLeaves.has(id)).reduce((sum, id) => sum + (records[id] ?? 0), 0);
  const targets = summarizeTargets(draft.topics);
  const topic = selected ? findTopic(draft.topics, selected) : undefined;
  const pickedTopics = [...checked].map((id) => findTopic(draft.topics, id)).filter((candidate) => candidate !== undefined);
  const pickedParents = new Set(pickedTopics.map((candidate) => parentOf(draft.topics, candidate.id)?.id ?? null));
  const mergeProblem =
    pickedTopics.length < 2 ? "Tick two or more topics to merge" : pickedParents.size > 1 ? "Only topics at the same level can be merged" : dirty ? "Save or discard your edits first" : null;

  const adopt = (next: TopicHierarchy) => {
    queryClient.setQueryData(topicsKeys.topics(dataset.id), next);
    setSaved(next);
    setDraft({ topics: next.topics });
    setReserved((previous) => new Set([...previous, ...allTopicIds(next.topics)]));
    setChecked(new Set());
    onChanged();
  };

  const reload = async () => {
    const next = await api.getTopics(dataset.id);
    adopt(next);
  };

  const save = async () => {
    const problem = firstProblem(draft.topics);
    if (problem) {
      // The topic at fault is shown, its field saying what is wrong.
      setSelected(problem.id);
      return setMessage({ tone: "bad", text: problem.text });
    }
    setSaving(true);
    setMessage(null);
    try {
      const next = await api.saveTopics(dataset.id, draft, "keep");
      adopt(next);
      if (next.job) {
        // The first hierarchy with leaves, and no record has a topic yet: the server categorizes them.
        setRunningJob(next.job);
        setMessage({ tone: "good", text: "Saved. The valid records are being categorized into these topics; the counts update when it is done." });
        return;
      }
      const uncategorized = next.records.uncategorized ?? 0;
      setMessage({
        tone: "good",
        text: `Saved. Records whose topic still exists kept it${uncategorized > 0 ? `; ${formatCountOf(uncategorized, "valid record")} ${uncategorized === 1 ? "has" : "have"} no topic` : ""}. Re-categorize to apply the new descriptions and keywords.`,
        offerCategorize: true,
      });
    } catch (caught) {
      setMessage({ tone: "bad", text: describeError(caught) });
    } finally {
      setSaving(false);
    }
  };

  const categorize = async (mode: "all" | "unlabeled") => {
    try {
      // Followed like a save's categorization: the tree's counts are read again when it ends.
      setRunningJob(await api.categorize(dataset.id, mode));
      setMessage({ tone: "good", text: mode === "all" ? "Re-categorizing every record; topics chosen by hand are kept." : "Categorizing the records without a topic." });
      onChanged();
    } catch (caught) {
      setMessage({ tone: "bad", text: describeError(caught) });
    }
  };

  const downloadRecords = async (topicId: string, topicName: string) => {
    try {
      const file = await api.exportRecords(dataset.id, false, `${dataset.name}-${topicName}`, topicId);
      saveDownload(file.blob, file.filename);
    } catch (caught) {
      setMessage({ tone: "bad", text: describeError(caught) });
    }
  };

  const toggle = (id: string) => {
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChecked(next);
  };

  const add = (parentId: string | null) => {
    const { document, id } = addTopic(draft, parentId, reserved);
    setDraft(document);
    setSelected(id);
  };

  const selectedSaved = topic ? savedIds.has(topic.id) : false;
  const selectedIsLeaf = topic ? topic.children.length === 0 : false;
  const selectedRecords = topic ? recordsUnder(topic, records) : 0;
  const busy = dataset.active_job !== null || runningJob !== null;
  const splitProblem = !topic
    ? "Select a topic"
    : !selectedIsLeaf
      ? "It already has sub-topics"
      : dirty
        ? "Save or discard your edits first"
        : !selectedSaved
          ? "Save the new topic first"
          : selectedRecords < 4
            ? "Needs at least 4 records"
            : busy
              ? "Wait for the running job to finish"
              : null;

  return (
    <div className="topic-editor" data-testid="topic-editor">
      <div className="topic-editor-tree">
        <div className="topic-editor-toolbar">
          <button type="button" className="button button-small" onClick={() => add(null)}>
            + Topic
          </button>
          <button type="button" className="button button-small" onClick={() => topic && add(topic.id)} disabled={!topic} title={topic ? `Add a sub-topic under ${topic.name}` : "Select a topic"}>
            + Sub-topic
          </button>
          <span className="spacer" />
          <button type="button" className="button button-small" disabled={mergeProblem !== null} title={mergeProblem ?? undefined} onClick={() => setDialog({ kind: "merge" })}>
            {/* "Merge 2…" read as a label cut short: the count says what it counts. */}
            {pickedTopics.length >= 2 ? `Merge ${pickedTopics.length} topics…` : "Merge…"}
          </button>
        </div>
        {draft.topics.length === 0 ? (
          <EmptyState title="No topics yet">Add the first topic, then describe what belongs in it: categorization matches records to names, descriptions and keywords.</EmptyState>
        ) : (
          <TopicTreeView topics={draft.topics} records={records} selected={selected} checked={checked} onSelect={setSelected} onCheck={toggle} />
        )}
        <div className="topic-editor-uncategorized muted">
          Uncategorized: <strong>{formatCountOf(records.uncategorized ?? 0, "valid record")}</strong>
        </div>
      </div>

      <div className="topic-editor-main">
        {runningJob && (
          <JobProgress
            key={runningJob.id}
            job={runningJob}
            onFinished={(ended) => {
              setRunningJob(null);
              if (ended.kind === "categorize") {
                setMessage(
                  ended.state === "succeeded"
                    ? { tone: "good", text: "Categorized: the tree counts the records each topic holds." }
                    : { tone: "bad", text: `${describeJob(ended)}. Categorize the uncategorized to try again.`, offerCategorize: true },
                );
              }
              void reload();
            }}
          />
        )}
        {topic ? (
          <>
            <TopicForm
              key={topic.id}
              topic={topic}
              records={selectedRecords}
              saved={selectedSaved}
              resolvedShare={targets.resolved.get(topic.id)}
              nameError={nameProblem(draft.topics, topic.id)}
              onChange={(fields) => setDraft(updateTopic(draft, topic.id, fields))}
            />
            {selectedSaved && savedLeaves.has(topic.id) && !selectedIsLeaf && (records[topic.id] ?? 0) > 0 && (
              <p className="notice tone-warn">Its {formatCountOf(records[topic.id] ?? 0, "record")} {(records[topic.id] ?? 0) === 1 ? "becomes" : "become"} uncategorized when you save: records belong to sub-topics. Re-categorize afterwards to place them.</p>
            )}
            <div className="detail-actions">
              <button
                type="button"
                className="button"
                disabled={!selectedIsLeaf || !selectedSaved || selectedRecords === 0 || dirty}
                onClick={() => onOpenRecords(topic.id)}
                title={!selectedIsLeaf ? "Records belong to its sub-topics" : dirty ? "Save or discard your edits first" : undefined}
              >
                Show its records
              </button>
              <button
                type="button"
                className="button"
                disabled={!selectedSaved || selectedRecords === 0 || dirty}
                title={dirty ? "Save or discard your edits first" : "Its records as JSONL (its sub-topics' too)"}
                onClick={() => void downloadRecords(topic.id, topic.name)}
              >
                Download its records
              </button>
              <button type="button" className="button" disabled={splitProblem !== null} title={splitProblem ?? undefined} onClick={() => setDialog({ kind: "split" })}>
                Split…
              </button>
              <button type="button" className="button button-danger-ghost" onClick={() => setDialog({ kind: "delete", id: topic.id })}>
                Delete…
              </button>
            </div>
          </>
        ) : (
          <EmptyState title="Select a topic">Its name, description, keywords and target share are edited here.</EmptyState>
        )}
      </div>

      <div className="topic-editor-footer">
        <TargetSummaryLine summary={targets} leaves={leafTopics(draft.topics).length} />
        {message && (
          <div className={`notice tone-${message.tone}`} role={message.tone === "bad" ? "alert" : "status"} data-testid="editor-message">
            <span>{message.text}</span>
            {message.offerCategorize && (
              <span className="notice-actions">
                <button type="button" className="button button-small" disabled={busy} onClick={() => categorize("all")}>
                  Re-categorize all
                </button>
                {(saved.records.uncategorized ?? 0) > 0 && (
                  <button type="button" className="button button-small" disabled={busy} onClick={() => categorize("unlabeled")}>
                    Categorize the uncategorized
                  </button>
                )}
              </span>
            )}
          </div>
        )}
        <div className="topic-editor-actions">
          {dirty && losing > 0 && <span className="tone-text-warn">Saving leaves {formatCountOf(losing, "record")} without a topic.</span>}
          {dirty && <span className="muted">Unsaved changes</span>}
          <span className="spacer" />
          <button type="button" className="button" onClick={onRequestClose}>
            {dirty ? "Discard changes…" : "Close"}
          </button>
          <button type="button" className="button button-primary" onClick={save} disabled={!dirty || saving}>
            {saving ? "Saving…" : "Save topics"}
          </button>
        </div>
      </div>

      {dialog.kind === "merge" && (
        <MergeDialog
          datasetId={dataset.id}
          topics={pickedTopics}
          records={records}
          onClose={() => setDialog({ kind: "none" })}
          onMerged={(next) => {
            adopt(next);
            if (next.merged) setSelected(next.merged.into);
            setMessage({ tone: "good", text: `Merged: ${formatCountOf(next.merged?.records_moved ?? 0, "record")} moved.` });
          }}
        />
      )}
      {dialog.kind === "split" && topic && (
        <SplitDialog
          datasetId={dataset.id}
          topic={topic}
          records={selectedRecords}
          onClose={() => setDialog({ kind: "none" })}
          onStarted={(job) => {
            setRunningJob(job);
            setMessage(null);
            onChanged();
          }}
        />
      )}
      {dialog.kind === "delete" && (
        <DeleteTopicDialog
          document={draft}
          id={dialog.id}
          records={records}
          onClose={() => setDialog({ kind: "none" })}
          onDelete={(document) => {
            setDraft(document);
            setSelected(document.topics[0]?.id ?? null);
            setChecked(new Set([...checked].filter((id) => findTopic(document.topics, id))));
          }}
        />
      )}
    </div>
  );
}

function DeleteTopicDialog({ document, id, records, onClose, onDelete }: { document: TopicSetDocument; id: string; records: Record<string, number>; onClose: () => void; onDelete: (document: TopicSetDocument) => void }) {
  const topic = findTopic(document.topics, id);
  if (!topic) return null;
  const result = deleteTopic(document, id);
  const affected = result.uncategorized.reduce((sum, leaf) => sum + (records[leaf] ?? 0), 0);
  return (
    <ConfirmDialog title={`Delete “${topic.name}”?`} confirmLabel="Delete topic" danger onClose={onClose} onConfirm={() => onDelete(result.document)}>
      <p>
        {topic.children.length > 0 ? `It and its ${topic.children.length} sub-topics are removed. ` : ""}
        {affected > 0
          ? `Its ${formatCountOf(affected, "record")} ${affected === 1 ? "becomes" : "become"} uncategorized when you save (hand-picked ones too); re-categorize afterwards to place them in the remaining topics.`
          : "No record belongs to it."}
      </p>
    </ConfirmDialog>
  );
}
