import { Role } from './roles';

/** Who is making a request, and how they proved it. Set on the request by the AuthGuard. */
export interface Principal {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  via: 'session' | 'token';
  /** Session requests only: the value the page must echo in X-CSRF-Token. */
  csrfToken: string | null;
  /** Session requests only: the cookie's secret, so sign-out can end this session. */
  sessionSecret: string | null;
}

/** Who a user is, as the guard records it and the session API shows it: never more. */
export function identityOf(u: { id: number; email: string; name: string | null; role: Role }) {
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}
