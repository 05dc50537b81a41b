import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { reasonFor } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';
import { bin, serveInProcess } from './serve-process.js';

/**
 * A decision that reads nothing dated (no validity, no parameter, no rate, through its chain) is
 * answered without a date, with its reason (docs/language.md: `datum` is optional there), by the
 * runtime, the service's `/v1/question` and `regelratt eval`; one that reads something dated is
 * refused naming what needs the date.
 */
const policy = `
egenskap ålder : heltal 0–120 år
egenskap ensamboende : ja/nej
parameter pensionsålder "Pensionsålder" : heltal { från 2023-01-01 : 66 år }
beslutstabell insatsval "Insats efter ålder" {
    | ålder || insatsform      |
    | < 80  || "Hemtjänst"     |
    | >= 80 || "Särskilt boende" |
}
beslutstabell utförare "Utförare efter insats" {
    | insatsval.insatsform | ensamboende || utförare   |
    | "Hemtjänst"          | -           || "Kommunen" |
    | "Särskilt boende"    | ja          || "Boendet"  |
    | "Särskilt boende"    | nej         || "Kommunen" |
}
beräkning poängbas "Poängbas" = ålder × 2
beslutstabell poäng "Poäng" {
    | ålder || poäng           |
    | < 80  || = poängbas      |
    | >= 80 || = poängbas + 10 |
}
beslutstabell poängklass "Poängklass" {
    | beräkning poängbas || klass |
    | < 160              || 1     |
    | >= 160             || 2     |
}
beslutstabell pension "Efter pensionsålder" {
    | ålder            || pensionär |
    | >= pensionsålder || ja        |
    | < pensionsålder  || nej       |
}
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);
let folder: string;
let runtime: PolicyRuntime;

beforeAll(async () => {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/odaterad/a.regel', text: policy }]);
    expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.message)).toEqual([]);
    runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')))]);
    folder = mkdtempSync(path.join(tmpdir(), 'regelratt-odaterad-'));
    writeFileSync(path.join(folder, 'a.regel'), policy);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const citizen = { ålder: 85, ensamboende: true };

describe('a decision question without a date', () => {
    test('the reason of an undated chain is given without a date, in Swedish and English', () => {
        const reason = reasonFor(runtime, { type: 'decision', table: 'utförare', citizen }, 'sv');
        expect(reason.text).toContain('Utförare efter insats: Boendet.');
        expect(reason.text).toContain('Särskilt boende');
        expect(reason.text).not.toMatch(/undefined|NaN/);
        expect(reasonFor(runtime, { type: 'decision', table: 'utförare', citizen }, 'en').text).toContain('Boendet');
    });

    test('a formula cell and a chained calculation that read nothing dated are computed and reasoned without a date', () => {
        expect(runtime.decide('poäng', { citizen }).outputs).toEqual({ poäng: '180' });
        const reason = reasonFor(runtime, { type: 'decision', table: 'poäng', citizen }, 'sv');
        expect(reason.text).toContain('Poäng: 180.');
        // A chained calculation is evaluated for the reason, without a date where it reads nothing dated.
        const chained = reasonFor(runtime, { type: 'decision', table: 'poängklass', citizen }, 'sv');
        expect(chained.text).toContain('Poängklass: 2.');
        expect(chained.text).toContain('Poängbas');
    });

    test('a decision reading a parameter is refused without a date, naming the parameter', () => {
        expect(() => reasonFor(runtime, { type: 'decision', table: 'pension', citizen }, 'sv')).toThrow(/pensionsålder/);
    });

    test('/v1/question answers an undated decision without a date, with its reason; a dated one is a problem naming what needs the date', async () => {
        const app = await serveInProcess(folder);
        try {
            const ask = async (body: object) => app.inject({ method: 'POST', url: '/v1/question', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
            const answered = await ask({ type: 'decision', table: 'utförare', citizen });
            expect(answered.statusCode).toBe(200);
            const body = answered.json() as { answer: { outputs: Record<string, string> }; reason: { text: string } };
            expect(body.answer.outputs).toEqual({ utförare: 'Boendet' });
            expect(body.reason.text).toContain('Utförare efter insats: Boendet.');
            const column = (await ask({ type: 'decision', table: 'utförare', column: 'utförare', citizen })).json() as { answer: { value: string } };
            expect(column.answer.value).toBe('Boendet');
            const refused = await ask({ type: 'decision', table: 'pension', citizen });
            expect(refused.statusCode).toBeGreaterThanOrEqual(400);
            expect(refused.statusCode).toBeLessThan(500);
            expect(JSON.stringify(refused.json())).toContain('pensionsålder');
        } finally {
            await app.close();
        }
    });

    test('regelratt eval on a case without a date gives the undated decision its reason (JSON and text)', () => {
        const input = path.join(folder, 'fall.json');
        writeFileSync(input, JSON.stringify({ citizen }));
        const json = spawnSync(process.execPath, [bin, 'eval', folder, '--input', input], { encoding: 'utf8' });
        const answer = JSON.parse(json.stdout) as { decisions: Array<{ table: string; reason?: { text: string }; error?: { code: string; message: string } }> };
        const utförare = answer.decisions.find(d => d.table === 'decisionTable/utförare');
        expect(utförare?.reason?.text).toContain('Utförare efter insats: Boendet.');
        const pension = answer.decisions.find(d => d.table === 'decisionTable/pension');
        expect(pension?.error?.code).toBe('missing-date');
        const text = spawnSync(process.execPath, [bin, 'eval', folder, '--input', input, '--format', 'text'], { encoding: 'utf8' });
        expect(text.stdout).toContain('Utförare efter insats: Boendet.');
    });
});
