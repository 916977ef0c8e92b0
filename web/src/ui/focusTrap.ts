// Tab and Shift+Tab wrap inside an open dialog: aria-modal tells a screen reader the page behind is
// out of reach, so the keyboard must not walk there either. Only a move that would leave the dialog
// is taken over; inside it the browser moves focus as usual, so a Tab that something already
// handled (a code editor indenting) is never seen here.

// What can take focus; `tabbablesIn` then drops what Tab skips (tabindex -1, disabled, hidden).
const FOCUSABLE = [
  "a[href]",
  "area[href]",
  "button",
  'input:not([type="hidden"])',
  "select",
  "textarea",
  "summary",
  "iframe",
  "audio[controls]",
  "video[controls]",
  '[contenteditable]:not([contenteditable="false"])',
  "[tabindex]",
].join(",");

/**
 * Where focus goes instead of the browser's next stop, or null when that stop is inside. `active`
 * is null when focus is outside the dialog; `precedes(a, b)` says a comes before b in the page.
 */
export function wrapTarget<T>(tabbables: readonly T[], active: T | null, backwards: boolean, precedes: (a: T, b: T) => boolean): T | null {
  const first = tabbables[0];
  const last = tabbables.at(-1);
  if (first === undefined || last === undefined) return null;
  if (active === null) return backwards ? last : first;
  // Compared by position, not by index: focus may be on the dialog itself or on a row that Tab skips.
  if (backwards) return tabbables.some((element) => precedes(element, active)) ? null : last;
  return tabbables.some((element) => precedes(active, element)) ? null : first;
}

function precedesInPage(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

// Tab stops on the checked radio of a group, not on each of its radios.
function isSkippedRadio(element: HTMLElement, root: HTMLElement): boolean {
  if (!(element instanceof HTMLInputElement) || element.type !== "radio" || element.checked || !element.name) return false;
  return [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')].some((other) => other.name === element.name && other.checked);
}

function tabbablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) =>
      element.tabIndex >= 0 &&
      !element.matches(":disabled") &&
      !element.closest("[inert]") &&
      element.getClientRects().length > 0 &&
      getComputedStyle(element).visibility !== "hidden" &&
      !isSkippedRadio(element, root),
  );
}

/** For a Tab keydown nobody handled: keeps focus in `dialog`, wrapping from its last stop to its first and back. */
export function keepTabInside(dialog: HTMLElement, event: KeyboardEvent): void {
  const focused = document.activeElement;
  const active = focused instanceof HTMLElement && dialog.contains(focused) ? focused : null;
  const tabbables = tabbablesIn(dialog);
  if (tabbables.length === 0) {
    event.preventDefault();
    dialog.focus();
    return;
  }
  const target = wrapTarget(tabbables, active, event.shiftKey, precedesInPage);
  if (target) {
    event.preventDefault();
    target.focus();
  }
}
