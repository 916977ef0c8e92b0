// What only some roles may do, shown only to them: `<IfAllowed to="topics">…</IfAllowed>`.
import type { ReactNode } from "react";
import type { Changeable } from "./roles";
import { useMayChange } from "./useSession";

interface IfAllowedProps {
  /** What the children change (auth/roles.ts says which role may). */
  to: Changeable;
  children: ReactNode;
  /** Shown instead to the others: a read-only note, say. */
  otherwise?: ReactNode;
}

export function IfAllowed({ to, children, otherwise = null }: IfAllowedProps) {
  return <>{useMayChange()(to) ? children : otherwise}</>;
}
