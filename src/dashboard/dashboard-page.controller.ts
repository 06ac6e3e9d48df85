import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';
import { Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The page's own files: beside this controller in src/ (ts-jest) and copied to dist/ by nest-cli.json. */
const PUBLIC_DIR = join(__dirname, 'public');

/** chart.js 4 exports only its module builds; the UMD bundle sits beside the CommonJS one. */
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

const JS = 'text/javascript; charset=utf-8';

/** Every file the page may load, by the name it is requested as. Anything else is a 404. */
const ASSETS: Record<string, { path: string; type: string }> = {
  'app.js': { path: join(PUBLIC_DIR, 'app.js'), type: JS },
  'api.js': { path: join(PUBLIC_DIR, 'api.js'), type: JS },
  'dom.js': { path: join(PUBLIC_DIR, 'dom.js'), type: JS },
  'format.js': { path: join(PUBLIC_DIR, 'format.js'), type: JS },
  'char-count.js': { path: join(PUBLIC_DIR, 'char-count.js'), type: JS },
  'queue.js': { path: join(PUBLIC_DIR, 'queue.js'), type: JS },
  'case-pane.js': { path: join(PUBLIC_DIR, 'case-pane.js'), type: JS },
  'reply-box.js': { path: join(PUBLIC_DIR, 'reply-box.js'), type: JS },
  'case-forms.js': { path: join(PUBLIC_DIR, 'case-forms.js'), type: JS },
  'overview.js': { path: join(PUBLIC_DIR, 'overview.js'), type: JS },
  'mentions.js': { path: join(PUBLIC_DIR, 'mentions.js'), type: JS },
  'app.css': { path: join(PUBLIC_DIR, 'app.css'), type: 'text/css; charset=utf-8' },
  'chart.umd.js': { path: CHART_JS, type: JS },
};

const INDEX = { path: join(PUBLIC_DIR, 'index.html'), type: 'text/html; charset=utf-8' };

/** Only our own files run, nothing inline, nothing from elsewhere; the page cannot be framed. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

interface CachedFile {
  body: Buffer;
  etag: string;
  mtimeMs: number;
}

/**
 * The browser dashboard: `GET /` and its few static files. No static-file middleware: a fixed list
 * means no path ever reaches the file system from the URL.
 */
// Public: the shell and its code load signed out (they show the sign-in form); the data stays behind the API.
@Public()
@ApiExcludeController()
@Controller()
export class DashboardPageController {
  private readonly cache = new Map<string, CachedFile>();

  @Get()
  page(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): void {
    setSecurityHeaders(res);
    this.send(INDEX, ifNoneMatch, res);
  }

  @Get('assets/:file')
  asset(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): void {
    // The 404 for an unknown name carries them too.
    setSecurityHeaders(res);
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) throw new NotFoundException(`no asset "${file}"`);
    this.send(asset, ifNoneMatch, res);
  }

  /** Revalidated on every load (no-cache) so a new release shows at once; unchanged files answer 304. */
  private send(asset: { path: string; type: string }, ifNoneMatch: string | undefined, res: Response): void {
    const file = this.read(asset.path);
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', file.etag);
    if (ifNoneMatch === file.etag) {
      res.status(304).end();
      return;
    }
    res.status(200).send(file.body);
  }

  /** Read once, and again only when the file changed (nest start --watch copies new versions in). */
  private read(path: string): CachedFile {
    const { mtimeMs } = statSync(path);
    const cached = this.cache.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    const body = readFileSync(path);
    const file = { body, mtimeMs, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    this.cache.set(path, file);
    return file;
  }
}

function setSecurityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}
