/**
 * Runs `langium generate` and passes its output through, except Langium's notice about a property
 * assigned in more than one clause. Regelrätt's blocks take their clauses in any order (a loop of
 * alternatives), which draws that notice once per clause; repeats are caught by the
 * `repeated-clause` check instead, so the notice says nothing a reader needs. Any other line is kept.
 */
import { spawnSync } from 'node:child_process';

// `npm run` puts node_modules/.bin on PATH, so this is the workspace's own langium-cli.
// Production mode: Chevrotain's checks of the grammar (ambiguities, unreachable tokens) are skipped
// at every start-up of the command line and the language server, where they cost about 40 ms;
// packages/language/test/parsing.test.ts runs them instead, so a grammar change still meets them.
const result = spawnSync('langium', ['generate', '--mode=production'], { encoding: 'utf8', shell: process.platform === 'win32' });
const notice = /Found multiple assignments to '\w+' with the '=' assignment operator/;
let hidden = 0;
for (const stream of ['stdout', 'stderr']) {
    const kept = (result[stream] ?? '').split('\n').filter(line => {
        if (notice.test(line)) {
            hidden++;
            return false;
        }
        return true;
    });
    process[stream].write(kept.join('\n'));
}
if (hidden > 0) {
    console.log(`(${hidden} notices about clauses in any order hidden; see packages/language/scripts/generate-grammar.mjs)`);
}
if (result.error) {
    console.error(`Cannot run langium generate: ${result.error.message}`);
}
process.exitCode = result.status ?? 1;
