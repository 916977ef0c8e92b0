import { MarkerType, ReactFlow, type Edge } from "@xyflow/react";
import "@xyflow/react/dist/base.css";
import { useMemo } from "react";
import type { StepName, StepState } from "../api/types";
import { placeEdges, placeNodes } from "./pipelineLayout";
import { StepNode, type StepFlowNode } from "./StepNode";

const NODE_TYPES = { step: StepNode };

interface PipelineCanvasProps {
  steps: StepState[];
  selected: StepName;
  onSelect: (step: StepName) => void;
}

/** The 7 steps as a fixed diagram: no dragging or zooming, since the layout carries the meaning. */
export function PipelineCanvas({ steps, selected, onSelect }: PipelineCanvasProps) {
  const nodes = useMemo<StepFlowNode[]>(() => {
    const byName = new Map(steps.map((state) => [state.step, state]));
    return placeNodes().flatMap(({ step, x, y }) => {
      const state = byName.get(step);
      if (!state) return [];
      return [{ id: step, type: "step" as const, position: { x, y }, data: { state, selected: step === selected, onSelect: () => onSelect(step) }, draggable: false, selectable: false, focusable: false }];
    });
  }, [steps, selected, onSelect]);

  const edges = useMemo<Edge[]>(() => {
    const statusOf = new Map(steps.map((state) => [state.step, state.status]));
    return placeEdges().map(({ from, to, fromSide, toSide }) => ({
      id: `${from}-${to}`,
      source: from,
      target: to,
      sourceHandle: `out-${fromSide}`,
      targetHandle: `in-${toSide}`,
      type: "smoothstep",
      animated: statusOf.get(to) === "running",
      className: statusOf.get(from) === "complete" ? "edge-done" : "edge-pending",
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      focusable: false,
    }));
  }, [steps]);

  return (
    <div className="pipeline-canvas" data-testid="pipeline-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1.05 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        panOnDrag={false}
        zoomOnScroll={false}
        zoomOnPinch={false}
        zoomOnDoubleClick={false}
        preventScrolling={false}
      />
    </div>
  );
}
