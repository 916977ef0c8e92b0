// Said where controls are hidden from a role that may not use them, so a viewer knows why.
import { roleNeededHint, type Changeable } from "./roles";
import { useRole } from "./useSession";

export function ReadOnlyNote({ what, lead = "View only." }: { what: Changeable; lead?: string }) {
  return (
    <p className="muted read-only-note" data-testid="read-only-note">
      {lead} {roleNeededHint(useRole(), what)}
    </p>
  );
}
