import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { ApiTokens } from '../../src/auth/api-tokens.service';
import { Role } from '../../src/access/roles';
import { UsersService } from '../../src/users/users.service';

let made = 0;
export const TEST_PASSWORD = 'correct horse battery staple';

/** A new user with this role (email `<role>-<n>@test.example` unless given; password TEST_PASSWORD). */
export async function createUser(app: INestApplication, role: Role, email?: string) {
  made += 1;
  return app.get(UsersService).add({
    email: email ?? `${role}-${made}@test.example`,
    name: `${role} ${made}`,
    role,
    password: TEST_PASSWORD,
  });
}

/** A new user with this role and a personal API token: `headers` go on every supertest call. */
export async function apiUser(app: INestApplication, role: Role = 'viewer', email?: string) {
  const user = await createUser(app, role, email);
  const { token } = await app.get(ApiTokens).create(user.id, 'test');
  return { user, headers: { Authorization: `Bearer ${token}` } };
}

/** `Authorization: Bearer …` for a new user with this role. */
export async function authHeader(
  app: INestApplication,
  role: Role = 'viewer',
): Promise<Record<string, string>> {
  return (await apiUser(app, role)).headers;
}

/** A supertest agent that sends a new user's API token (of this role) on every request. */
export async function apiAs(app: INestApplication, role: Role = 'admin', email?: string) {
  const { user, headers } = await apiUser(app, role, email);
  const agent = request.agent(app.getHttpServer() as App).set(headers);
  return Object.assign(agent, { user });
}
