import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { repository } from './example-sets.js';

/**
 * The README's decision-table tour shows the real output of `check`, `eval --explain` and `compile
 * --target dmn` on Jönköping's chained fee: each command shown is run here (in a scratch folder for
 * `fall.json` and `ut`), and every line the README prints under it must be a line of what it prints
 * now (an excerpt keeps its lines whole and in order).
 */
const readme = readFileSync(path.join(repository, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf("Jönköping's fee for help at home (`examples/jonkoping/hjalp-i-hemmet.regel`)"));
const transcripts = [...section.matchAll(/```\n(\$ [\s\S]*?)```/g)].slice(0, 2).map(match => match[1]);
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-readme-tables-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const fall = /`fall\.json` is `([^`]+)`/.exec(section.replace(/\n/g, ' '))![1].replace(/" +"/g, '""').replace(/": +"/g, '": "');

/** What a shown command prints: `regelratt …` run by the built command, `grep -e a -e b file` as grep would. */
function run(command: string): string {
    const words = command.match(/'[^']*'|\S+/g)!.map(word => word.replace(/^'|'$/g, ''));
    if (words[0] === 'grep') {
        const patterns = words.filter((_, i) => words[i - 1] === '-e');
        const text = readFileSync(path.join(scratch, words[words.length - 1]), 'utf8');
        return text.split('\n').filter(line => patterns.some(pattern => line.includes(pattern))).join('\n');
    }
    const args = words.slice(1).map(word => (word === 'fall.json' || word === 'ut' ? path.join(scratch, word) : word));
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: repository, encoding: 'utf8' });
    expect(result.status, `${command}\n${result.stderr}`).toBe(0);
    return `${result.stdout}${result.stderr}`.split(scratch + path.sep).join('').split(scratch).join('');
}

describe('the decision-table tour in README.md shows what the commands print', () => {
    test('the transcripts are there', () => {
        expect(transcripts).toHaveLength(2);
        expect(JSON.parse(fall)).toEqual({ citizen: { timmar_per_månad: 10, avgiftsutrymme: 2345 }, date: '2019-03-01' });
    });

    test.each([0, 1])('transcript %i: every line shown is printed, in order', index => {
        writeFileSync(path.join(scratch, 'fall.json'), fall);
        const steps = transcripts[index].split(/^\$ /m).filter(step => step.trim() !== '');
        for (const step of steps) {
            const [command, ...shown] = step.trimEnd().split('\n');
            // Numbers are printed with no-break spaces (`1 130`); the README shows plain ones.
            const printed = run(command).replace(/[\u00a0\u202f]/g, ' ').split('\n');
            let at = 0;
            for (const line of shown) {
                const found = printed.indexOf(line, at);
                expect(found, `${command}: "${line}" in\n${printed.join('\n')}`).toBeGreaterThanOrEqual(0);
                at = found + 1;
            }
        }
    });
});
