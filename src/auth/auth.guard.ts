import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parse } from 'cookie';
import { Request } from 'express';
import { Role } from '../access/roles';
import { ApiTokens } from './api-tokens.service';
import { PUBLIC_KEY, ROLE_KEY } from '../access/access.decorators';
import { hasRole } from '../access/roles';
import { identityOf, Principal } from '../access/principal';
import { sameSecret } from './secret';
import { Sessions } from './sessions.service';

export const SESSION_COOKIE = 'defuse_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Every route is closed unless marked @Public(): the caller proves who they are with the session cookie
 * or a personal API token (Authorization: Bearer), and needs the route's role. A browser's cookie is
 * sent by any site that makes the browser post here, so cookie requests that change state must also
 * echo the session's CSRF token in a header, which another site cannot read or set. Token requests
 * carry no ambient credentials and need no CSRF token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
    private readonly tokens: ApiTokens,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.identify(req);
    if (!principal)
      throw new UnauthorizedException(
        'sign in first, or send a personal API token as "Authorization: Bearer dfs_…"',
      );
    const changesState = !SAFE_METHODS.has(req.method);
    if (
      principal.via === 'session' &&
      changesState &&
      !sameSecret(req.get(CSRF_HEADER), principal.csrfToken ?? '')
    )
      throw new ForbiddenException(`missing or wrong ${CSRF_HEADER} header (the page sends it; reload it)`);
    const need =
      this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ?? (changesState ? 'agent' : 'viewer');
    if (!hasRole(principal.role, need))
      throw new ForbiddenException(`this needs the ${need} role; ${principal.email} is ${principal.role}`);
    req.principal = principal;
    return true;
  }

  /** A Bearer header wins over the cookie: a script's token says exactly who it is. */
  private async identify(req: Request): Promise<Principal | null> {
    const header = req.get('authorization');
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const user = m ? await this.tokens.find(m[1]) : null;
      if (!user) throw new UnauthorizedException('the API token is not valid (revoked, or mistyped)');
      return { ...identityOf(user), via: 'token', csrfToken: null, sessionSecret: null };
    }
    const secret = parse(req.get('cookie') ?? '')[SESSION_COOKIE];
    if (!secret) return null;
    const found = await this.sessions.find(secret);
    if (!found) return null;
    return {
      ...identityOf(found.user),
      via: 'session',
      csrfToken: found.session.csrfToken,
      sessionSecret: secret,
    };
  }
}
