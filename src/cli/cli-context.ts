import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config.loader';

/** Everything the CLI logs goes to stderr: stdout carries results (tables, JSON Lines) only. */
class StderrLogger implements LoggerService {
  constructor(private readonly chatty: boolean) {}
  log(message: unknown): void {
    if (this.chatty) process.stderr.write(`${String(message)}\n`);
  }
  warn(message: unknown): void {
    process.stderr.write(`warning: ${String(message)}\n`);
  }
  error(message: unknown): void {
    process.stderr.write(`error: ${String(message)}\n`);
  }
}

/** The app without HTTP, same config and database as the server (DEFUSE_CONFIG, DEFUSE_DB). */
export async function createCliContext(opts: {
  scheduler: boolean;
  verbose?: boolean;
}): Promise<INestApplicationContext> {
  if (!opts.scheduler) process.env.DEFUSE_SCHEDULER = 'off';
  const config = loadConfig();
  const logger = new StderrLogger(opts.verbose ?? false);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger });
  app.enableShutdownHooks();
  return app;
}
