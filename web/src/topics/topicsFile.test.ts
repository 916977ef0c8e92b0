import { describe, expect, it } from "vitest";
import type { Topic } from "../api/topicsTypes";
import { distinctTopicIds, idsNamingOtherTopics, readTopicsFile, recordsUnderIds } from "./topicsFile";
import { allTopicIds, leafTopics } from "./topicTree";

function read(text: string) {
  const file = readTopicsFile(text);
  if ("error" in file) throw new Error(file.error);
  return file;
}

describe("reading an uploaded topics file", () => {
  it("previews topics without children, keywords or examples as the server reads them: empty", () => {
    const file = read('{"version":1,"topics":[{"id":"a"},{"id":"a","name":"dup"}]}');
    expect(file.topics).toEqual([
      { id: "a", name: "", description: "", keywords: [], examples: [], target_share: null, children: [] },
      { id: "a", name: "dup", description: "", keywords: [], examples: [], target_share: null, children: [] },
    ]);
    expect(leafTopics(file.topics)).toHaveLength(2);
  });

  it("fills in sub-topics at every depth", () => {
    const file = read('{"topics":[{"name":"Shipping","children":[{"name":"Late","children":[{"name":"Very late"}]}]}]}');
    expect(allTopicIds(file.topics)).toHaveLength(3);
    expect(leafTopics(file.topics).map((topic) => topic.name)).toEqual(["Very late"]);
  });

  it("reads fields of the wrong type as missing instead of failing, leaving them to the server to refuse", () => {
    const file = read('{"topics":[null,7,"x",{"name":3,"children":"none","keywords":"a","examples":[1,"b"],"target_share":"half","description":{}}]}');
    expect(file.topics).toHaveLength(4);
    expect(file.topics[3]).toEqual({ id: "", name: "", description: "", keywords: [], examples: ["b"], target_share: null, children: [] });
    expect(leafTopics(file.topics)).toHaveLength(4);
  });

  it("sends the file as it was read, so the server's refusal names the person's own fields", () => {
    const text = '{"version":1,"topics":[{"id":"a","name":"x","keywrods":["typo"]}]}';
    expect(read(text).document).toEqual(JSON.parse(text));
  });

  it("reads an empty list as no topics at all", () => {
    expect(read('{"version":1,"topics":[]}').topics).toEqual([]);
  });

  it("says what is wrong with a file it cannot read", () => {
    expect(readTopicsFile("{not json")).toEqual({ error: "This file is not valid JSON." });
    for (const text of ["null", "[]", '{"topics":{}}', '"topics"', "{}"]) {
      expect(readTopicsFile(text)).toEqual({ error: 'This file has no "topics" list; expected the JSON that Download topics writes.' });
    }
  });
});

describe("comparing an uploaded file's topic ids with this dataset's", () => {
  const topic = (id: string, name: string, children: Topic[] = []): Topic => ({ id, name, description: "", keywords: [], examples: [], target_share: null, children });
  const here = [topic("t1", "Travel"), topic("t2", "Banking", [topic("t2.1", "Cards"), topic("t2.2", "Loans")]), topic("t3", "Cooking")];

  it("finds nothing in this dataset's own file, whatever the case and spacing of its names", () => {
    expect(idsNamingOtherTopics(here, here)).toEqual([]);
    const respaced = [topic("t1", "  travel "), topic("t2", "BANKING", [topic("t2.1", "Cards"), topic("t2.2", "Loans")]), topic("t3", "Cooking")];
    expect(idsNamingOtherTopics(respaced, here)).toEqual([]);
  });

  it("names each shared id whose topic has another name here, sub-topics too", () => {
    const other = [topic("t1", "Restaurant reservations"), topic("t2", "Banking", [topic("t2.1", "Mortgages")]), topic("t3", "Cooking")];
    expect(idsNamingOtherTopics(other, here)).toEqual([
      { id: "t1", nameHere: "Travel", nameInFile: "Restaurant reservations" },
      { id: "t2.1", nameHere: "Cards", nameInFile: "Mortgages" },
    ]);
  });

  it("ignores ids this dataset does not have: those topics are new, no record points at them", () => {
    expect(idsNamingOtherTopics([topic("t4", "Insurance"), topic("x", "Travel")], here)).toEqual([]);
  });

  it("counts an id used twice once, and leaves a topic without a name to the server", () => {
    expect(idsNamingOtherTopics([topic("t1", "Hotels"), topic("t1", "Flights"), topic("t3", "")], here)).toEqual([{ id: "t1", nameHere: "Travel", nameInFile: "Hotels" }]);
    expect(distinctTopicIds([topic("t1", "Hotels"), topic("t1", "Flights", [topic("", "x")])])).toEqual(["t1"]);
  });

  it("counts the records under the renamed topics once, a parent's in its sub-topics", () => {
    const records = { t1: 10, "t2.1": 4, "t2.2": 6, t3: 1, uncategorized: 3 };
    expect(recordsUnderIds(here, ["t1", "t2.1"], records)).toBe(14);
    expect(recordsUnderIds(here, ["t2", "t2.1"], records)).toBe(10);
    expect(recordsUnderIds(here, ["t9"], records)).toBe(0);
  });

  it("finds nothing when this dataset has no topics yet", () => {
    expect(idsNamingOtherTopics(here, [])).toEqual([]);
  });
});
