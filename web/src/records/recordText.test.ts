import { describe, expect, it } from "vitest";
import { toEditorText, toRecordLine } from "./recordText";

describe("record text", () => {
  it("indents a JSON line for editing and compacts it back to one line", () => {
    const line = '{"messages":[{"role":"user","content":"hi"}],"extra":1}';
    const editor = toEditorText(line);
    expect(editor.split("\n").length).toBeGreaterThan(1);
    expect(toRecordLine(editor)).toBe(line);
  });

  it("leaves text that is not JSON as it is, for the server to judge", () => {
    expect(toEditorText("{not json")).toBe("{not json");
    expect(toRecordLine("{not json")).toBe("{not json");
  });
});
