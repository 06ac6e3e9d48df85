import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, configureApp } from './app.module';
import { ConfigError, configFilePath, loadConfig } from './config/config.loader';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config)));
  await app.listen(config.server.port);
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
