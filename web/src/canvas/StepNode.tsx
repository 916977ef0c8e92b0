// One pipeline step on the canvas. The node is a button, so Tab reaches it and Enter opens its
// detail panel; connection handles sit on all four sides for the two-row layout.
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import type { StepState } from "../api/types";
import { formatProgress } from "../format/numbers";
import { STEP_INFO, STEP_STATUS_LOOK } from "../steps/stepCatalog";
import type { Side } from "./pipelineLayout";

export interface StepNodeData extends Record<string, unknown> {
  state: StepState;
  selected: boolean;
  onSelect: () => void;
}

export type StepFlowNode = Node<StepNodeData, "step">;

const POSITIONS: Record<Side, Position> = { left: Position.Left, right: Position.Right, top: Position.Top, bottom: Position.Bottom };

export function StepNode({ data }: NodeProps<StepFlowNode>) {
  const info = STEP_INFO[data.state.step];
  const look = STEP_STATUS_LOOK[data.state.status];
  return (
    <>
      {(Object.keys(POSITIONS) as Side[]).map((side) => (
        <Handle key={`in-${side}`} id={`in-${side}`} type="target" position={POSITIONS[side]} isConnectable={false} className="step-handle" />
      ))}
      {(Object.keys(POSITIONS) as Side[]).map((side) => (
        <Handle key={`out-${side}`} id={`out-${side}`} type="source" position={POSITIONS[side]} isConnectable={false} className="step-handle" />
      ))}
      <button
        type="button"
        className={`step-node tone-border-${look.tone}${data.selected ? " step-node-selected" : ""}`}
        aria-pressed={data.selected}
        aria-label={`Step ${info.number}, ${info.title}: ${look.label}`}
        data-step={data.state.step}
        data-status={data.state.status}
        onClick={data.onSelect}
      >
        <span className="step-node-title">
          <span className="step-number">{info.number}</span>
          {info.shortTitle}
        </span>
        <span className={`step-node-status tone-text-${look.tone}`}>
          <span className={`status-dot tone-${look.tone}`} aria-hidden="true">
            {look.icon}
          </span>
          {data.state.status === "running" && data.state.progress !== undefined ? `${look.label} ${formatProgress(data.state.progress)}` : look.label}
        </span>
        {data.state.status === "running" && (
          <span className="step-node-progress" aria-hidden="true">
            <span style={{ width: formatProgress(data.state.progress ?? 0) }} />
          </span>
        )}
      </button>
    </>
  );
}
