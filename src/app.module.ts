import {
  DynamicModule,
  INestApplication,
  Module,
  NestApplicationOptions,
  ValidationPipe,
} from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ClassifierModule } from './classifier/classifier.module';
import { ConfigModule } from './config/config.module';
import { DefuseConfig } from './config/config.schema';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { IngestModule } from './ingest/ingest.module';
import { TriageModule } from './triage/triage.module';
import { UsersModule } from './users/users.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { AuthModule } from './auth/auth.module';
import { DigestModule } from './digest/digest.module';
import { DEFUSE_CONFIG } from './config/config.module';

/** The whole monitor. The configuration is loaded and validated before Nest starts, then handed in here. */
@Module({})
export class AppModule {
  static forRoot(config: DefuseConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        ScheduleModule.forRoot(),
        ClassifierModule,
        IngestModule,
        TriageModule,
        UsersModule,
        AuthModule,
        DashboardModule,
        DigestModule,
        HealthModule,
      ],
    };
  }
}

/**
 * Options for creating the app, in main.ts and the tests alike. forceCloseConnections: at shutdown, a
 * browser's keep-alive connection (the dashboard's event stream) would otherwise hold the server open
 * until it times out.
 */
export const APP_OPTIONS: NestApplicationOptions = { forceCloseConnections: true };

/** What main.ts and the e2e tests both apply, so tests exercise the app as it runs. */
export function configureApp(app: INestApplication): INestApplication {
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  // Behind an HTTPS proxy, req.secure and req.ip come from X-Forwarded-*: Secure cookies, real client addresses.
  const config = app.get<DefuseConfig>(DEFUSE_CONFIG);
  (app.getHttpAdapter().getInstance() as { set(k: string, v: unknown): void }).set(
    'trust proxy',
    config.server.trustProxy,
  );
  const openApi = new DocumentBuilder()
    .setTitle('Defuse API')
    .setDescription('The triage queue, mentions, feeds and the classifier of a Defuse monitor.')
    .setVersion('0.1.0')
    .build();
  // Served from the app itself (swagger-ui-dist is bundled): works offline.
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  return app;
}
