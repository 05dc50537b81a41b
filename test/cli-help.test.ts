import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseArguments } from '../packages/cli/dist/arguments.js';
import { choicesOf, commandHelp, COMMANDS, globalHelp, type CommandName } from '../packages/cli/dist/commands-spec.js';
import { helpWidth } from '../packages/cli/dist/help-layout.js';
import { systemErrorText } from '../packages/cli/dist/system-errors.js';

/**
 * The help and the messages a new user meets first: help laid out within the terminal's width with
 * its descriptions in one column, each option described for the command it is given to, refused
 * values answered with the allowed ones, and system failures in words rather than codes.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const commands = Object.keys(COMMANDS) as CommandName[];
const regelratt = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: repository, encoding: 'utf8' });

/** The columns the descriptions of a two-column block start at: one, if they are aligned. */
function descriptionColumns(block: readonly string[]): Set<number> {
    return new Set(block.map(line => {
        const continuation = /^ {3,}/.exec(line);
        if (continuation) {
            return continuation[0].length;
        }
        const term = /^ {2}\S+(?: \S+)*( {2,})/.exec(line);
        return term ? term[0].length : -1;
    }).filter(column => column >= 0));
}

/** The lines between a heading and the next empty line. */
function block(text: string, heading: string): string[] {
    const lines = text.split('\n');
    const start = lines.indexOf(heading) + 1;
    const end = lines.indexOf('', start);
    return lines.slice(start, end < 0 ? undefined : end);
}

describe('help', () => {
    test.each(['sv', 'en'] as const)('at 80 columns (%s): no line longer, descriptions aligned', locale => {
        const global = globalHelp(locale, 80);
        const texts = [global, ...commands.map(command => commandHelp(command, locale, 80))];
        for (const text of texts) {
            for (const line of text.split('\n')) {
                expect(line.length, line).toBeLessThanOrEqual(80);
            }
        }
        expect(descriptionColumns(block(global, locale === 'sv' ? 'Kommandon:' : 'Commands:')).size).toBe(1);
        for (const command of commands) {
            expect(descriptionColumns(block(commandHelp(command, locale, 80), locale === 'sv' ? 'Flaggor:' : 'Options:')).size, command).toBe(1);
        }
    });

    test('a narrow terminal gets 40 columns at least, a wide one 100 at most, a pipe 80', () => {
        expect([helpWidth(undefined), helpWidth(20), helpWidth(60), helpWidth(200)]).toEqual([80, 40, 60, 100]);
        for (const line of commandHelp('kompatibilitet', 'sv', helpWidth(20)).split('\n')) {
            expect(line.length, line).toBeLessThanOrEqual(40);
        }
    });

    test('the command, not a terminal, gets the help laid out for 80 columns', () => {
        for (const args of [['--help'], ['diff', '--help'], ['kompatibilitet', '--help', '--lang', 'en']]) {
            const result = regelratt(args);
            expect(result.status).toBe(0);
            expect(Math.max(...result.stdout.split('\n').map(line => line.length)), args.join(' ')).toBeLessThanOrEqual(80);
        }
    });

    test('an option is described for the command it is given to', () => {
        const dokument = regelratt(['dokument', '--help']).stdout;
        expect(dokument).toContain('dokument.html och dokument.pdf skrivs till');
        expect(dokument).not.toContain('JSON');
        expect(regelratt(['compile', '--help']).stdout).toContain('Mappen som JSON-filerna skrivs till.');
        const studio = regelratt(['studio', '--help']).stdout;
        expect(studio).toContain('standard: en ledig port');
        expect(studio).not.toContain('8080');
    });
});

describe('refused values', () => {
    test('every option that takes one of a few values names them all when refused', () => {
        let tried = 0;
        for (const command of commands) {
            for (const option of COMMANDS[command].options) {
                const choices = choicesOf(option, command);
                if (!choices) {
                    continue;
                }
                const parsed = parseArguments([command, 'x', `--${option}`, 'de']);
                expect(parsed.ok, `${command} --${option} de`).toBe(false);
                for (const choice of choices) {
                    expect(parsed.ok ? '' : parsed.problem.sv, `${command} --${option}`).toContain(choice);
                }
                tried++;
            }
        }
        expect(tried).toBeGreaterThan(commands.length);
    });

    test('--lang de names sv and en', () => {
        const result = regelratt(['check', 'examples/orebro', '--lang', 'de']);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("regelratt: ogiltigt värde 'de' för --lang; välj sv, en.");
    });
});

describe('system errors', () => {
    const unknown = systemErrorText({ code: 'EXYZZY' }, 'sv').replace('EXYZZY', '');
    test.each([
        'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY', 'ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS', 'EBUSY', 'ENAMETOOLONG',
        'ELOOP', 'EXDEV', 'EIO', 'EMFILE', 'ENFILE', 'EADDRINUSE', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE',
    ])('%s, which a write or a socket gives, has its own words in both languages', code => {
        for (const locale of ['sv', 'en'] as const) {
            const text = systemErrorText({ code }, locale);
            expect(text).toMatch(/^\p{Ll}[\p{L} ,;-]+ \([A-Z_]+\)$/u);
            expect(text.replace(code, '')).not.toBe(locale === 'sv' ? unknown : systemErrorText({ code: 'EXYZZY' }, 'en').replace('EXYZZY', ''));
        }
        expect(systemErrorText({ code }, 'sv')).not.toBe(systemErrorText({ code }, 'en'));
    });

    test('any other code the system has, and none, is still a sentence, never the bare code', () => {
        for (const code of [...Object.keys(constants.errno), undefined]) {
            const text = systemErrorText(code ? { code } : new Error('x'), 'sv');
            expect(text).not.toBe(code);
            expect(text).toMatch(/\p{Ll}{4,} /u);
        }
    });

    test('a port in use is said in words, with the regelratt: prefix and exit 2', async () => {
        const blocker = createServer();
        await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
        const port = (blocker.address() as { port: number }).port;
        try {
            const studio = spawn(process.execPath, [bin, 'studio', 'examples/orebro', '--port', String(port)], { cwd: repository });
            let stderr = '';
            studio.stderr.on('data', chunk => { stderr += String(chunk); });
            const status = await new Promise<number | null>(resolve => studio.on('close', resolve));
            expect(status).toBe(2);
            expect(stderr).toBe(`regelratt: kan inte lyssna på port ${port}: porten används redan av ett annat program (EADDRINUSE).\n`);
        } finally {
            blocker.close();
        }
    });
});
