import { describe, expect, it } from "vitest";
import type { Topic, TopicSetDocument } from "../api/topicsTypes";
import { addTopic, deleteTopic, findTopic, firstProblem, leafLabels, nameProblem, leafTopics, nextTopicId, parentOf, parseKeywords, recordsUnder, sameDocument, updateTopic } from "./topicTree";

const topic = (id: string, name: string, children: Topic[] = [], target_share: number | null = null): Topic => ({
  id,
  name,
  description: "",
  keywords: [],
  examples: [],
  target_share,
  children,
});

const doc: TopicSetDocument = {
  topics: [topic("t1", "Billing"), topic("t2", "Shipping", [topic("t2.1", "Late"), topic("t2.2", "Lost")]), topic("t3", "Returns")],
};

describe("topic tree", () => {
  it("finds topics and parents at any depth", () => {
    expect(findTopic(doc.topics, "t2.2")?.name).toBe("Lost");
    expect(parentOf(doc.topics, "t2.2")?.id).toBe("t2");
    expect(parentOf(doc.topics, "t1")).toBeNull();
    expect(parentOf(doc.topics, "t9")).toBeUndefined();
  });

  it("lists the leaves depth first, as the server does", () => {
    expect(leafTopics(doc.topics).map((leaf) => leaf.id)).toEqual(["t1", "t2.1", "t2.2", "t3"]);
  });

  it("labels sub-topics with their parents", () => {
    expect([...leafLabels(doc.topics).values()]).toEqual(["Billing", "Shipping › Late", "Shipping › Lost", "Returns"]);
  });

  it("counts a parent's records as the sum of its leaves'", () => {
    const records = { t1: 5, "t2.1": 3, "t2.2": 4, uncategorized: 2 };
    expect(recordsUnder(findTopic(doc.topics, "t2")!, records)).toBe(7);
    expect(recordsUnder(findTopic(doc.topics, "t3")!, records)).toBe(0);
  });

  it("never hands out a reserved id again, so a deleted topic's records cannot land in a new one", () => {
    expect(nextTopicId(doc.topics, null)).toBe("t4");
    expect(nextTopicId(doc.topics, null, ["t4", "t5"])).toBe("t6");
    expect(nextTopicId(doc.topics, "t2")).toBe("t2.3");
    const { document, uncategorized } = deleteTopic(doc, "t3");
    expect(uncategorized).toEqual(["t3"]);
    expect(nextTopicId(document.topics, null, ["t3"])).toBe("t4");
  });

  it("adds a topic with a name unique among its siblings", () => {
    const first = addTopic(doc, null);
    const second = addTopic(first.document, null);
    expect(findTopic(second.document.topics, first.id)?.name).toBe("New topic");
    expect(findTopic(second.document.topics, second.id)?.name).toBe("New topic 2");
    const child = addTopic(doc, "t1");
    expect(child.id).toBe("t1.1");
    expect(findTopic(child.document.topics, "t1")?.children).toHaveLength(1);
    expect(doc.topics[0]!.children).toHaveLength(0); // the input is not changed
  });

  it("deletes a topic with its sub-topics and says whose records become uncategorized", () => {
    const { document, uncategorized } = deleteTopic(doc, "t2");
    expect(uncategorized).toEqual(["t2.1", "t2.2"]);
    expect(document.topics.map((candidate) => candidate.id)).toEqual(["t1", "t3"]);
  });

  it("updates fields of one topic and tells an edited document from the loaded one", () => {
    const edited = updateTopic(doc, "t2.1", { name: "Delayed", target_share: 0.2 });
    expect(findTopic(edited.topics, "t2.1")).toMatchObject({ name: "Delayed", target_share: 0.2 });
    expect(sameDocument(edited, doc)).toBe(false);
    expect(sameDocument(updateTopic(doc, "t9", { name: "x" }), doc)).toBe(true);
  });

  it("names the first problem the server would refuse", () => {
    expect(firstProblem(doc.topics)).toBeNull();
    expect(firstProblem(updateTopic(doc, "t3", { name: "Billing" }).topics)).toEqual({ id: "t3", text: expect.stringMatching(/two topics are named “Billing”/) });
    expect(firstProblem(updateTopic(doc, "t2.1", { name: "  " }).topics)).toEqual({ id: "t2.1", text: expect.stringMatching(/Under “Shipping”: a topic has no name/) });
    expect(firstProblem(updateTopic(doc, "t1", { target_share: 1.5 }).topics)?.text).toMatch(/between 0% and 100%/);
  });

  it("says what is wrong with one topic's name, at its field", () => {
    expect(nameProblem(doc.topics, "t2.1")).toBeNull();
    expect(nameProblem(updateTopic(doc, "t2.1", { name: " " }).topics, "t2.1")).toBe("A topic needs a name.");
    // Both twins are told, each naming the other; a cousin with the name is no twin.
    const twins = updateTopic(doc, "t3", { name: "Billing " }).topics;
    expect(nameProblem(twins, "t3")).toMatch(/^“Billing” \(t1\) at this level has this name too/);
    expect(nameProblem(twins, "t1")).toMatch(/^“Billing” \(t3\)/);
    expect(nameProblem(updateTopic(doc, "t2.1", { name: "Billing" }).topics, "t2.1")).toBeNull();
  });

  it("reads keywords from a comma-separated list", () => {
    expect(parseKeywords(" refund, invoice ,, charge ")).toEqual(["refund", "invoice", "charge"]);
    expect(parseKeywords("")).toEqual([]);
  });
});
