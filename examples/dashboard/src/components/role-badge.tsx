import type { Role } from '@allot/core';

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className={`badge role role-${role}`} data-testid="role-badge">
      {role === 'admin' ? 'Admin' : 'Member'}
    </span>
  );
}
