/**
 * viewer: reads; agent: acts on cases; reviewer: also approves the reply to a case held for review
 * (legal threat, safety risk, a large audience); admin: also manages users, brands and feeds.
 * Highest first. "reviewer" is 8 characters, the width of the role column.
 */
export const ROLES = ['admin', 'reviewer', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, agent: 1, reviewer: 2, admin: 3 };

/** admin ⊇ reviewer ⊇ agent ⊇ viewer. */
export function hasRole(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}
