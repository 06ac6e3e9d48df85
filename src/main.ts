import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, APP_OPTIONS, configureApp } from './app.module';
import { ClassifierService } from './classifier/classifier.service';
import { UsersService } from './users/users.service';
import { ConfigError, configFilePath, loadConfig } from './config/config.loader';
import { describeDatabase } from './database/data-source.options';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config), APP_OPTIONS));
  const firstAdmin = await app.get(UsersService).ensureFirstAdmin();
  await app.listen(config.server.port);
  // `kill -HUP <pid>` loads a retrained model without a restart, like POST /api/classifier/reload.
  process.on('SIGHUP', () => {
    try {
      app.get(ClassifierService).reload();
    } catch (err) {
      new Logger('Defuse').error((err as Error).message);
    }
  });
  if (firstAdmin)
    new Logger('Defuse').warn(
      `no users yet: created ${firstAdmin.email} with password ${firstAdmin.password} (shown once). ` +
        `Sign in at http://localhost:${config.server.port}/ and add your team (npx defuse user add, or the users[] config).`,
    );
  new Logger('Defuse').log(
    `monitoring ${config.brands.length} brand(s) from ${config.feeds.length} feed(s) (config ${configFilePath()}, database ${describeDatabase(config.database)}); http://localhost:${config.server.port}/ (dashboard), /api/docs (API)`,
  );
}

bootstrap().catch((err: unknown) => {
  // A bad configuration is the user's to fix: say what is wrong without a stack trace.
  if (err instanceof ConfigError) console.error(`Defuse cannot start: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
