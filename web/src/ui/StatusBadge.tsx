import type { StatusLook } from "../steps/stepCatalog";

export function StatusBadge({ look }: { look: StatusLook }) {
  return (
    <span className={`badge tone-${look.tone}`}>
      <span className="badge-icon" aria-hidden="true">
        {look.icon}
      </span>
      {look.label}
    </span>
  );
}
