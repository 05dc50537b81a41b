#!/usr/bin/env node
// The bundled command line (built by `npm run build`); see packages/cli/esbuild.mjs.
import { main } from '../dist/regelratt.bundle.mjs';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), stderrIsTerminal: process.stderr.isTTY === true });
