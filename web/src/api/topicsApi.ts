// Topics (step 2) and coverage (step 3): /api/topic-templates, /api/datasets/:id/topics…, /coverage… (docs/api.md).
import type { Http } from "./http";
import type { AssignmentsOnSave, CategorizeMode, Coverage, MergeRequest, TopicHierarchy, TopicSetDocument, TopicTemplate } from "./topicsTypes";
import type { Dataset, Job, RecordSummary } from "./types";

export function topicsEndpoints(http: Http) {
  const { json, download } = http;
  const base = (id: number) => `/api/datasets/${id}`;
  return {
    listTopicTemplates: () => json<{ items: TopicTemplate[] }>("GET", "/api/topic-templates"),
    getTopics: (id: number) => json<TopicHierarchy>("GET", `${base(id)}/topics`),
    /** Saves the whole hierarchy; `keep` keeps records whose topic still exists, `clear` re-categorizes all. */
    saveTopics: (id: number, document: TopicSetDocument, assignments: AssignmentsOnSave) =>
      json<TopicHierarchy>("PUT", `${base(id)}/topics?assignments=${assignments}&source=manual`, { json: { version: 1, topics: document.topics } }),
    /** An uploaded topics file, sent as it was read: the server checks it and names what is wrong. */
    importTopics: (id: number, document: { topics: unknown[] }, assignments: AssignmentsOnSave) =>
      json<TopicHierarchy>("PUT", `${base(id)}/topics?assignments=${assignments}&source=import`, { json: document }),
    exportTopics: (id: number) => download(`${base(id)}/topics/export`, "topics.json"),
    discoverTopics: (id: number, topics: number | null) => json<Job>("POST", `${base(id)}/topics/discover`, { json: { topics } }),
    applyTopicTemplate: (id: number, template: string) => json<TopicHierarchy>("POST", `${base(id)}/topics/template`, { json: { template } }),
    categorize: (id: number, mode: CategorizeMode) => json<Job>("POST", `${base(id)}/topics/categorize`, { json: { mode } }),
    mergeTopics: (id: number, request: MergeRequest) => json<TopicHierarchy>("POST", `${base(id)}/topics/merge`, { json: request }),
    splitTopic: (id: number, topicId: string, parts: number | null) =>
      json<Job>("POST", `${base(id)}/topics/${encodeURIComponent(topicId)}/split`, { json: { parts } }),
    /** A person's choice, kept through re-categorization; null uncategorizes the record. */
    assignRecordTopic: (id: number, recordId: number, topic: string | null) =>
      json<RecordSummary>("PUT", `${base(id)}/records/${recordId}/topic`, { json: { topic } }),

    getCoverage: (id: number) => json<Coverage>("GET", `${base(id)}/coverage`),
    setCoverageSkipped: (id: number, skipped: boolean) => json<Dataset>("POST", `${base(id)}/coverage/skip`, { json: { skipped } }),
  };
}
