import { readFileSync } from 'node:fs';

/** The command line's version, from its package manifest (beside both dist/ and the bundle). */
export function cliVersion(): string {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return manifest.version;
}
