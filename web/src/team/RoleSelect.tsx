// A role picker that says what each role may.
import type { Role } from "../api/teamTypes";
import { ROLE_DESCRIPTIONS, ROLES } from "../auth/roles";

interface RoleSelectProps {
  value: Role;
  onChange: (role: Role) => void;
  label: string;
  disabled?: boolean;
}

export function RoleSelect({ value, onChange, label, disabled }: RoleSelectProps) {
  return (
    <select value={value} onChange={(event) => onChange(event.target.value as Role)} aria-label={label} disabled={disabled} title={ROLE_DESCRIPTIONS[value]}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
