import { Module } from '@nestjs/common';
import { DigestPreferencesController } from './digest-preferences.controller';
import { DigestPreferences } from './digest-preferences.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  providers: [UsersService, DigestPreferences],
  controllers: [UsersController, DigestPreferencesController],
  exports: [UsersService, DigestPreferences],
})
export class UsersModule {}
