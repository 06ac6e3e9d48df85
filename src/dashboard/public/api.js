'use strict';
// The JSON API on the same origin. The session cookie goes along by itself (HttpOnly: this code never
// sees it); every request that changes something echoes the session's CSRF token in a header.

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** The signed-in user and their CSRF token, in memory only (a reload asks GET /api/session again). */
export const session = { user: null, csrfToken: null };

let onSignedOut = () => {};

/** Called whenever the server answers 401: the session is gone, the page shows the sign-in form. */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

const ACTING_ROLES = new Set(['agent', 'reviewer', 'admin']);
const APPROVING_ROLES = new Set(['reviewer', 'admin']);

/** Agents, reviewers and admins act on cases; viewers only read. */
export function canAct() {
  return session.user !== null && ACTING_ROLES.has(session.user.role);
}

/** Reviewers and admins approve the reply to a case held for review. */
export function canApprove() {
  return session.user !== null && APPROVING_ROLES.has(session.user.role);
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.', null);
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return data;
  const error = new ApiError(res.status, messageOf(res, data), data);
  if (res.status === 401 && !path.startsWith('/api/session')) onSignedOut();
  throw error;
}

/** Nest answers { message: string | string[] }; the triage 409s add the allowed moves. */
function messageOf(res, data) {
  const message = data && data.message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string' && message !== '') return message;
  if (res.status === 403) return 'You are not allowed to do that.';
  return `The server answered ${res.status} ${res.statusText}`.trim();
}

export async function signIn(email, password) {
  const data = await api('POST', '/api/session', { email, password });
  session.user = data.user;
  session.csrfToken = data.csrfToken;
  return data.user;
}

/** The current session, or null when signed out. */
export async function resumeSession() {
  try {
    const data = await api('GET', '/api/session');
    session.user = data.user;
    session.csrfToken = data.csrfToken;
    return data.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function signOut() {
  try {
    await api('DELETE', '/api/session');
  } finally {
    session.user = null;
    session.csrfToken = null;
  }
}

/** ?a=1&b=2 from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== '' && value !== null && value !== undefined && value !== false)
      search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
