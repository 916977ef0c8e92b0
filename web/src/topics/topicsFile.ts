// A topics.json a person uploads (Import / Export → Upload topics). The server judges the file: it
// is sent as it was read, so a refusal names the place in the person's own file ("topics[1].id:
// 'a' is used by another topic"). Before that the dialog previews it, and the preview must read
// whatever shape the file has: children, keywords and examples may be missing (the server reads
// them as empty), and a field of the wrong type must not take the page down. The preview also
// compares the file's ids with this dataset's topics, since kept assignments follow the ids.
import type { Topic } from "../api/topicsTypes";
import { leafTopics } from "./topicTree";

/** The parsed file to send, and its topics with every field filled in for the preview. */
export type TopicsFile = { document: { topics: unknown[] }; topics: Topic[] } | { error: string };

export function readTopicsFile(text: string): TopicsFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { error: "This file is not valid JSON." };
  }
  if (!isObject(document) || !Array.isArray(document.topics)) return { error: 'This file has no "topics" list; expected the JSON that Download topics writes.' };
  const topics: unknown[] = document.topics;
  return { document: { ...document, topics }, topics: topics.map(previewTopic) };
}

function previewTopic(value: unknown): Topic {
  const fields = isObject(value) ? value : {};
  return {
    id: typeof fields.id === "string" ? fields.id : "",
    name: typeof fields.name === "string" ? fields.name : "",
    description: typeof fields.description === "string" ? fields.description : "",
    keywords: stringsOf(fields.keywords),
    examples: stringsOf(fields.examples),
    target_share: typeof fields.target_share === "number" ? fields.target_share : null,
    children: Array.isArray(fields.children) ? fields.children.map(previewTopic) : [],
  };
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An id the uploaded file shares with this dataset, for a topic of another name. */
export interface RenamedTopicId {
  id: string;
  nameHere: string;
  nameInFile: string;
}

/**
 * The file's ids that name a different topic in this dataset (a file from another dataset reuses
 * "t1", "t2"…): keeping the records' assignments would leave them under a topic that now means
 * something else. Names match whatever their case and spacing; a topic renamed in one's own file
 * is found too, and the person may still keep the assignments. Each id counts once, in the file's
 * order; a topic without a name is left to the server, which refuses it.
 */
export function idsNamingOtherTopics(fileTopics: Topic[], currentTopics: Topic[]): RenamedTopicId[] {
  const namesHere = new Map(flatten(currentTopics).map((topic) => [topic.id, topic.name]));
  const seen = new Set<string>();
  const renamed: RenamedTopicId[] = [];
  for (const topic of flatten(fileTopics)) {
    const nameHere = namesHere.get(topic.id);
    if (nameHere === undefined || seen.has(topic.id) || topic.name.trim() === "") continue;
    seen.add(topic.id);
    if (sameName(nameHere, topic.name)) continue;
    renamed.push({ id: topic.id, nameHere, nameInFile: topic.name });
  }
  return renamed;
}

/** Records in the topics `ids` name, counted once: a parent's are its sub-topics'. */
export function recordsUnderIds(topics: Topic[], ids: string[], records: Record<string, number>): number {
  const wanted = new Set(ids);
  const leafIds = new Set<string>();
  for (const topic of flatten(topics)) {
    if (wanted.has(topic.id)) for (const leaf of leafTopics([topic])) leafIds.add(leaf.id);
  }
  return [...leafIds].reduce((sum, id) => sum + (records[id] ?? 0), 0);
}

/** Ids the file uses (once each, empty ones left to the server to refuse). */
export function distinctTopicIds(topics: Topic[]): string[] {
  return [...new Set(flatten(topics).map((topic) => topic.id))].filter((id) => id !== "");
}

function flatten(topics: Topic[]): Topic[] {
  return topics.flatMap((topic) => [topic, ...flatten(topic.children)]);
}

function sameName(a: string, b: string): boolean {
  const normal = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();
  return normal(a) === normal(b);
}
