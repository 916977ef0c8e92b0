// Sends the playground's conversation to both models at once, each streamed through the gateway,
// times each from send to the end of its stream, then grades each answer with the dataset's
// grader. Stop (or closing the overlay) aborts both streams.
import { useEffect, useRef, useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import { IDLE_SIDE, sideEnded, sideThrew, STREAMING_SIDE, type SideName, type SideState } from "./playgroundSide";
import type { PlaygroundSend } from "./playgroundForm";

const SIDES: SideName[] = ["base", "tuned"];

export function usePlaygroundRun(datasetId: number) {
  const [sides, setSides] = useState<Record<SideName, SideState>>({ base: IDLE_SIDE, tuned: IDLE_SIDE });
  const controllerRef = useRef<AbortController | null>(null);
  useEffect(() => () => controllerRef.current?.abort(), []);

  async function runSide(side: SideName, send: PlaygroundSend, controller: AbortController) {
    const { signal } = controller;
    // A stream of an earlier send (aborted by this one) may still settle: it must not touch this one's state.
    const update = (next: (current: SideState) => SideState) => {
      if (controllerRef.current === controller) setSides((current) => ({ ...current, [side]: next(current[side]) }));
    };
    const started = performance.now();
    try {
      const answer = await api.streamChat(send[side], {
        provider: side === "tuned" ? send.tunedProvider : undefined,
        signal,
        onUpdate: (partial) => update((current) => ({ ...current, answer: partial })),
      });
      const ended = sideEnded(answer, Math.round(performance.now() - started));
      update(() => ended);
      if (ended.phase !== "done") return;
      try {
        const grade = await api.gradePlaygroundOutput({
          dataset_id: datasetId,
          messages: send.messages,
          ...(send.tools ? { tools: send.tools } : {}),
          output: { content: answer.content, tool_calls: answer.toolCalls },
          ...(send.reference !== undefined ? { reference: send.reference } : {}),
        });
        update((current) => ({ ...current, grade: { phase: "graded", grade } }));
      } catch (caught) {
        update((current) => ({ ...current, grade: { phase: "failed", error: describeError(caught) } }));
      }
    } catch (caught) {
      update((current) => sideThrew(current, caught));
    }
  }

  const send = (request: PlaygroundSend) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setSides({ base: STREAMING_SIDE, tuned: STREAMING_SIDE });
    for (const side of SIDES) void runSide(side, request, controller);
  };

  const stop = () => controllerRef.current?.abort();
  const streaming = SIDES.some((side) => sides[side].phase === "streaming");
  return { sides, send, stop, streaming };
}
