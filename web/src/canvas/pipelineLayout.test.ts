import { describe, expect, it } from "vitest";
import { STEP_NAMES } from "../api/types";
import { placeEdges, placeNodes } from "./pipelineLayout";

describe("pipeline layout", () => {
  const nodes = new Map(placeNodes().map((node) => [node.step, node]));

  it("puts steps 1–4 left to right on the top row", () => {
    const top = ["extract", "topics", "coverage", "grader"].map((step) => nodes.get(step as never)!);
    expect(new Set(top.map((node) => node.y)).size).toBe(1);
    expect(top.map((node) => node.x)).toEqual([...top.map((node) => node.x)].sort((a, b) => a - b));
  });

  it("puts steps 5–7 right to left on the bottom row, with 5 under 4", () => {
    const [dryRun, train, deploy] = ["dry_run", "train", "deploy"].map((step) => nodes.get(step as never)!);
    expect(dryRun!.y).toBeGreaterThan(nodes.get("grader")!.y);
    expect(dryRun!.x).toBe(nodes.get("grader")!.x);
    expect(train!.x).toBeLessThan(dryRun!.x);
    expect(deploy!.x).toBeLessThan(train!.x);
    expect(deploy!.x).toBe(nodes.get("topics")!.x);
  });

  it("connects each step to the next, going down from 4 to 5 and leftwards after", () => {
    const edges = placeEdges();
    expect(edges.map((edge) => `${edge.from}>${edge.to}`)).toEqual(STEP_NAMES.slice(0, -1).map((step, index) => `${step}>${STEP_NAMES[index + 1]}`));
    expect(edges.find((edge) => edge.from === "topics")).toMatchObject({ fromSide: "right", toSide: "left" });
    expect(edges.find((edge) => edge.from === "grader")).toMatchObject({ fromSide: "bottom", toSide: "top" });
    expect(edges.find((edge) => edge.from === "train")).toMatchObject({ fromSide: "left", toSide: "right" });
  });
});
