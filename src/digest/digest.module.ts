import { Module } from '@nestjs/common';
import { ClassifierModule } from '../classifier/classifier.module';
import { UsersModule } from '../users/users.module';
import { DigestBuilder } from './digest-builder';
import { DigestDelivery } from './digest-delivery';
import { DigestMailer } from './digest-mailer';
import { DigestScheduler } from './digest-scheduler';

/** The daily digest: what it says (builder, templates), when it goes (scheduler) and that it goes once (send log). */
@Module({
  imports: [UsersModule, ClassifierModule],
  providers: [DigestBuilder, DigestMailer, DigestDelivery, DigestScheduler],
  exports: [DigestBuilder, DigestDelivery, DigestScheduler],
})
export class DigestModule {}
