// Where the 7 step nodes sit on the canvas and how they connect: 1→2→3→4 on the top row, down
// from 4 to 5, then right to left 5→6→7 on the bottom row, as the product's canvas is drawn.
import { STEP_NAMES, type StepName } from "../api/types";

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 96;
const COLUMN_GAP = 70;
const ROW_GAP = 70;

export interface NodePlacement {
  step: StepName;
  x: number;
  y: number;
}

export type Side = "left" | "right" | "top" | "bottom";

export interface EdgePlacement {
  from: StepName;
  to: StepName;
  fromSide: Side;
  toSide: Side;
}

/** Column (0–3) and row (0–1) of a step: the bottom row runs right to left under the top row. */
export function gridCell(index: number): { column: number; row: number } {
  if (index < 4) return { column: index, row: 0 };
  return { column: 3 - (index - 4), row: 1 };
}

export function placeNodes(): NodePlacement[] {
  return STEP_NAMES.map((step, index) => {
    const { column, row } = gridCell(index);
    return { step, x: column * (NODE_WIDTH + COLUMN_GAP), y: row * (NODE_HEIGHT + ROW_GAP) };
  });
}

export function placeEdges(): EdgePlacement[] {
  const edges: EdgePlacement[] = [];
  for (let index = 0; index + 1 < STEP_NAMES.length; index += 1) {
    const from = gridCell(index);
    const to = gridCell(index + 1);
    let fromSide: Side = "right";
    let toSide: Side = "left";
    if (to.row > from.row) {
      fromSide = "bottom";
      toSide = "top";
    } else if (to.column < from.column) {
      fromSide = "left";
      toSide = "right";
    }
    edges.push({ from: STEP_NAMES[index]!, to: STEP_NAMES[index + 1]!, fromSide, toSide });
  }
  return edges;
}
