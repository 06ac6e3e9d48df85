import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Request } from 'express';
import { Role } from './roles';
import { Principal } from './principal';

export const PUBLIC_KEY = 'defuse:public';
export const ROLE_KEY = 'defuse:role';

/** Reachable without signing in (the page shell, sign-in, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The least role a route needs. Without it, reads need viewer and writes need agent, so a route added
 * later without thought is closed to viewers rather than open.
 */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);

/** The signed-in user of this request (the AuthGuard has already refused anonymous ones). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>().principal;
  if (!principal) throw new Error('CurrentUser used on a @Public() route');
  return principal;
});
