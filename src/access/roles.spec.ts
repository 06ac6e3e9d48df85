import { hasRole, Role, ROLES } from './roles';

describe('role ranking', () => {
  // Each row: the role held, and every role whose routes it may use.
  const may: Record<Role, Role[]> = {
    viewer: ['viewer'],
    agent: ['viewer', 'agent'],
    reviewer: ['viewer', 'agent', 'reviewer'],
    admin: ['viewer', 'agent', 'reviewer', 'admin'],
  };

  it.each(ROLES.flatMap((have) => ROLES.map((need) => [have, need] as const)))(
    'a %s passes a route that needs %s only when the role ranks at least as high',
    (have, need) => {
      expect(hasRole(have, need)).toBe(may[have].includes(need));
    },
  );

  it('ranks viewer < agent < reviewer < admin', () => {
    expect(ROLES).toEqual(['admin', 'reviewer', 'agent', 'viewer']);
    expect(hasRole('reviewer', 'admin')).toBe(false);
    expect(hasRole('agent', 'reviewer')).toBe(false);
    expect(hasRole('reviewer', 'agent')).toBe(true);
  });
});
