import { describe, expect, it } from "vitest";
import { readTopicsFile } from "./topicsFile";
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
