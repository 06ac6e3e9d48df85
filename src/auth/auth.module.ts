import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { ApiTokens } from './api-tokens.service';
import { AuthGuard } from './auth.guard';
import { SessionController } from './session.controller';
import { Sessions } from './sessions.service';
import { SignInLimiter } from './sign-in-limiter';
import { TokensController } from './tokens.controller';

/** Sign-in, sessions, API tokens, and the guard in front of every route of the app. */
@Module({
  imports: [UsersModule],
  providers: [Sessions, ApiTokens, SignInLimiter, { provide: APP_GUARD, useClass: AuthGuard }],
  controllers: [SessionController, TokensController],
  exports: [Sessions, ApiTokens],
})
export class AuthModule {}
