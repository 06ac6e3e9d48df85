import { Module } from '@nestjs/common';
import { ClassifierModule } from '../classifier/classifier.module';
import { UsersModule } from '../users/users.module';
import { DigestBuilder } from './digest-builder';
import { DigestDelivery } from './digest-delivery';
import { DigestMailer } from './digest-mailer';
import { DigestScheduler } from './digest-scheduler';
import { DigestPreferencesController } from './preferences/digest-preferences.controller';
import { DigestPreferences } from './preferences/digest-preferences.service';

/**
 * The daily digest: what it says (builder, templates), when it goes (scheduler), that it goes once (send
 * log), and who wants it when (each user's preferences).
 */
@Module({
  imports: [UsersModule, ClassifierModule],
  providers: [DigestBuilder, DigestMailer, DigestDelivery, DigestScheduler, DigestPreferences],
  controllers: [DigestPreferencesController],
  exports: [DigestBuilder, DigestDelivery, DigestScheduler, DigestPreferences],
})
export class DigestModule {}
