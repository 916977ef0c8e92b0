// A topics.json a person uploads (Import / Export → Upload topics). The server judges the file: it
// is sent as it was read, so a refusal names the place in the person's own file ("topics[1].id:
// 'a' is used by another topic"). Before that the dialog previews it, and the preview must read
// whatever shape the file has: children, keywords and examples may be missing (the server reads
// them as empty), and a field of the wrong type must not take the page down.
import type { Topic } from "../api/topicsTypes";

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
