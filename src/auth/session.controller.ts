import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { serialize } from 'cookie';
import { Request, Response } from 'express';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { UsersService } from '../users/users.service';
import { CurrentUser, Public, RequireRole } from '../access/access.decorators';
import { SignInBody } from './auth.bodies';
import { SESSION_COOKIE } from './auth.guard';
import { identityOf, Principal } from '../access/principal';
import { Sessions } from './sessions.service';
import { SignInLimiter } from './sign-in-limiter';

/** The session cookie (empty with maxAge 0 clears it): HttpOnly, SameSite=Strict, Secure over HTTPS. */
function sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
  return serialize(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

/** Sign-in, who am I, sign-out: what the dashboard page calls. */
@ApiTags('session')
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: Sessions,
    private readonly limiter: SignInLimiter,
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in: sets the session cookie and returns the user and the CSRF token; 429 after repeated failures',
  })
  async signIn(@Body() body: SignInBody, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    // A cross-site form can post urlencoded or text/plain without asking; JSON needs a CORS preflight
    // this app never grants, so insisting on it stops login CSRF.
    if (!req.is('application/json'))
      throw new UnsupportedMediaTypeException('send the sign-in as application/json');
    const address = req.ip ?? 'unknown';
    const wait = this.limiter.blockedFor(body.email, address);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      res.setHeader('Retry-After', String(seconds));
      throw new HttpException(
        `too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} min`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const user = await this.users.verify(body.email, body.password);
    if (!user) {
      this.limiter.failed(body.email, address);
      throw new UnauthorizedException('wrong email or password');
    }
    this.limiter.succeeded(body.email);
    const session = await this.sessions.open(user.id);
    res.setHeader(
      'Set-Cookie',
      sessionCookie(req, session.secret, Math.floor(this.config.auth.sessionMax / 1000)),
    );
    return { user: identityOf(user), csrfToken: session.csrfToken };
  }

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Who is signed in, with the CSRF token of the session (null for API tokens)' })
  whoAmI(@CurrentUser() me: Principal) {
    return { user: identityOf(me), csrfToken: me.csrfToken };
  }

  @Delete()
  @RequireRole('viewer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends this session and clears the cookie' })
  async signOut(
    @CurrentUser() me: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (me.sessionSecret) await this.sessions.close(me.sessionSecret);
    res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
  }
}
