#!/usr/bin/env node
'use strict';
// The CLI runs from the compiled build (made by `npm ci` through the prepare script, or `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('defuse: the build is missing; run `npm run build` (or `npm ci`) first\n');
  process.exit(1);
}
require(entry).runCli(process.argv);
