// Which traces are picked for a new dataset: some rows by id, or every trace matching the
// filter (then the server takes them by filter, however many pages there are).
export type TraceSelection = { kind: "some"; ids: ReadonlySet<string> } | { kind: "all_matching" };

export const NOTHING_SELECTED: TraceSelection = { kind: "some", ids: new Set() };

export function isSelected(selection: TraceSelection, id: string): boolean {
  return selection.kind === "all_matching" || selection.ids.has(id);
}

export function toggleTrace(selection: TraceSelection, id: string, pageIds: readonly string[]): TraceSelection {
  // Unticking one row out of "all matching" leaves the rows in view ticked but the rest unknown, so
  // it falls back to this page minus that row: a selection the user can see.
  const ids = new Set(selection.kind === "all_matching" ? pageIds : selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { kind: "some", ids };
}

/** The page's checkbox: ticks every row of the page, or unticks them when all are ticked. */
export function togglePage(selection: TraceSelection, pageIds: readonly string[]): TraceSelection {
  if (selection.kind === "all_matching") return NOTHING_SELECTED;
  const ids = new Set(selection.ids);
  const allTicked = pageIds.length > 0 && pageIds.every((id) => ids.has(id));
  for (const id of pageIds) {
    if (allTicked) ids.delete(id);
    else ids.add(id);
  }
  return { kind: "some", ids };
}

export function pageState(selection: TraceSelection, pageIds: readonly string[]): "all" | "some" | "none" {
  if (pageIds.length === 0) return "none";
  const ticked = pageIds.filter((id) => isSelected(selection, id)).length;
  return ticked === 0 ? "none" : ticked === pageIds.length ? "all" : "some";
}

export function selectedCount(selection: TraceSelection, matchingTotal: number): number {
  return selection.kind === "all_matching" ? matchingTotal : selection.ids.size;
}

/** A new filter keeps the rows picked by id (they are still those traces); "all matching" meant the old filter's matches, so it ends. */
export function selectionForNewFilter(selection: TraceSelection): TraceSelection {
  return selection.kind === "all_matching" ? NOTHING_SELECTED : selection;
}

/** Picked rows the page on screen does not show: picked on another page, or under another filter. */
export function pickedElsewhere(selection: TraceSelection, pageIds: readonly string[]): number {
  if (selection.kind === "all_matching") return 0;
  const shown = new Set(pageIds);
  return [...selection.ids].filter((id) => !shown.has(id)).length;
}
