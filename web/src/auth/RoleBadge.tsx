import type { Role } from "../api/teamTypes";
import { ROLE_DESCRIPTIONS } from "./roles";

const ROLE_TONE: Record<Role, string> = { viewer: "muted", editor: "info", admin: "warn" };

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className={`badge tone-${ROLE_TONE[role]}`} title={ROLE_DESCRIPTIONS[role]} data-testid="role-badge">
      {role}
    </span>
  );
}
