import { describe, expect, it } from "vitest";
import type { TopicJobMethod } from "../api/topicsTypes";
import { summarizeTopicMethod } from "./topicMethod";

const lexical: TopicJobMethod = { embeddings: "lexical", labels: "lexical", fallback: null, embedding_model: null, labeling_model: null };

describe("summarizeTopicMethod", () => {
  it("is null when no topic job ran on the hierarchy", () => {
    expect(summarizeTopicMethod(undefined)).toBeNull();
    expect(summarizeTopicMethod({})).toBeNull();
  });

  it("names the offline method and says what it is", () => {
    const summary = summarizeTopicMethod({ discovery: lexical, categorization: { ...lexical, labels: null } });
    expect(summary?.text).toBe("offline embeddings · keyword names");
    expect(summary?.fallbacks).toEqual([]);
    expect(summary?.explanation).toContain("GloVe word vectors");
  });

  it("names the models a provider served", () => {
    const discovery: TopicJobMethod = { embeddings: "provider", labels: "llm", fallback: null, embedding_model: "embed-small", labeling_model: "namer" };
    expect(summarizeTopicMethod({ discovery })?.text).toBe("embeddings from embed-small · names by namer");
    expect(summarizeTopicMethod({ discovery })?.explanation).toBeNull();
  });

  it("describes the current assignment by the latest categorization and keeps each reason once", () => {
    const why = "the embedding model 'x' failed: HTTP 401";
    const discovery: TopicJobMethod = { ...lexical, fallback: why, embedding_model: "x" };
    const categorization: TopicJobMethod = { ...lexical, labels: null, fallback: why, embedding_model: "x" };
    const summary = summarizeTopicMethod({ discovery, categorization });
    expect(summary?.text).toBe("offline embeddings · keyword names");
    expect(summary?.fallbacks).toEqual([why]);
  });

  it("shows a template's categorization without names", () => {
    const categorization: TopicJobMethod = { embeddings: "provider", labels: null, fallback: null, embedding_model: "embed-small", labeling_model: null };
    expect(summarizeTopicMethod({ categorization })?.text).toBe("embeddings from embed-small");
  });
});
