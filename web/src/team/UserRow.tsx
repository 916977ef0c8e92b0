// One user in the users table: role (changed in place), when they last signed in, their open
// sessions, and the admin's actions on them.
import type { Role, User } from "../api/teamTypes";
import { formatCount } from "../format/numbers";
import { formatRelativeTime } from "../format/time";
import { Menu } from "../ui/Menu";
import { RoleSelect } from "./RoleSelect";

interface UserRowProps {
  user: User;
  isYou: boolean;
  onRole: (role: Role) => void;
  onResetPassword: () => void;
  onSignOut: () => void;
  onRemove: () => void;
}

export function UserRow({ user, isYou, onRole, onResetPassword, onSignOut, onRemove }: UserRowProps) {
  return (
    <tr data-testid="user-row" data-user={user.name}>
      <td>
        <strong>{user.name}</strong>
        {isYou && <span className="muted"> (you)</span>}
      </td>
      <td>
        <RoleSelect value={user.role} onChange={onRole} label={`Role of ${user.name}`} />
      </td>
      <td title={user.created_at}>{formatRelativeTime(user.created_at)}</td>
      <td title={user.last_sign_in_at ?? undefined}>{user.last_sign_in_at ? formatRelativeTime(user.last_sign_in_at) : <span className="muted">never</span>}</td>
      <td className="numeric">{formatCount(user.sessions)}</td>
      <td className="row-actions">
        <Menu
          label="⋯"
          ariaLabel={`Actions for ${user.name}`}
          buttonClassName="icon-button"
          items={[
            { label: "Reset password…", onSelect: onResetPassword },
            { label: "Sign out everywhere", onSelect: onSignOut, hint: "Ends their sessions and revokes their API tokens" },
            "separator",
            { label: "Remove…", onSelect: onRemove, danger: true },
          ]}
        />
      </td>
    </tr>
  );
}
