import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, configureApp } from './app.module';
import { ClassifierService } from './classifier/classifier.service';
import { ConfigError, configFilePath, loadConfig } from './config/config.loader';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config)));
  await app.listen(config.server.port);
  // `kill -HUP <pid>` loads a retrained model without a restart, like POST /api/classifier/reload.
  process.on('SIGHUP', () => {
    try {
      app.get(ClassifierService).reload();
    } catch (err) {
      new Logger('Defuse').error((err as Error).message);
    }
  });
  new Logger('Defuse').log(
    `monitoring ${config.brands.length} brand(s) from ${config.feeds.length} feed(s) (config ${configFilePath()}, database ${config.database.path}); http://localhost:${config.server.port}/api/health`,
  );
}

bootstrap().catch((err: unknown) => {
  // A bad configuration is the user's to fix: say what is wrong without a stack trace.
  if (err instanceof ConfigError) console.error(`Defuse cannot start: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
