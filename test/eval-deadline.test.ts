import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { afterAll, describe, expect, test } from 'vitest';
import { bin, repository } from './serve-process.js';

/** `regelratt eval` with a deadline question (`"type": "deadline"`) instead of a case, on Eskilstuna's time-limited decision. */
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-eval-deadline-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ask = (question: unknown, extra: string[] = []) => {
    const input = path.join(scratch, 'fråga.json');
    writeFileSync(input, JSON.stringify(question));
    const result = spawnSync(process.execPath, [bin, 'eval', path.join(repository, 'examples/eskilstuna'), '--input', input, ...extra], { encoding: 'utf8' });
    expect(result.stderr + result.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
    return result;
};

describe('eval answers a deadline question', () => {
    test('a decision on 31 January lapses at most on 30 April (three months, to the shorter month\'s last day)', () => {
        const result = ask({ type: 'deadline', event: 'beslut', eventDate: '2026-01-31', citizen: {} });
        expect(result.status).toBe(0);
        const { answer, reason } = JSON.parse(result.stdout) as { answer: { duties: unknown[]; leftAside: unknown[] }; reason: { decision: string } };
        expect(answer.duties).toEqual([{
            guideline: 'guideline/handläggning', obligation: 'obligation/tidsbegränsa', force: 'shall',
            text: 'Intensiv hemrehabilitering beviljas för högst tre månader; därefter tar den ordinarie hemtjänsten vid.',
            term: 'decision-lapses', amount: 3, unit: 'month', date: '2026-04-30',
        }]);
        expect(reason.decision).toBe('Efter beslut 2026-01-31 löper 1 frist.');
        // The answer is the one /v1/question gives: it follows the documented QuestionAnswer (Örebro's
        // riktlinje, which the committed document is built for, has no term to show one with a day).
        const document = JSON.parse(readFileSync(path.join(repository, 'docs/openapi.json'), 'utf8')) as Record<string, unknown>;
        const ajv = new Ajv2020({ strict: false, allErrors: true });
        (formats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
        ajv.addSchema({ ...document, $id: 'openapi' });
        const validate = ajv.compile({ $ref: 'openapi#/components/schemas/QuestionAnswer' });
        expect(validate({ answer, reason, policyVersion: 'sha256:0123456789abcdef' }) ? [] : validate.errors).toEqual([]);
    });

    test('the text form is the reason, in English with --lang en', () => {
        const result = ask({ type: 'deadline', obligation: 'tidsbegränsa', event: 'beslut', eventDate: '2026-02-15' }, ['--format', 'text', '--lang', 'en']);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('the decision holds until 2026-05-15 at most.');
    });

    test('--date is the day the policy is read on, where the question gives none', () => {
        const read = (extra: string[], date?: string) => (JSON.parse(ask({ type: 'deadline', event: 'beslut', eventDate: '2026-01-31', ...(date ? { date } : {}) }, extra).stdout) as { answer: { date: string } }).answer.date;
        expect(read(['--date', '2026-03-01'])).toBe('2026-03-01');
        expect(read(['--date', '2026-03-01'], '2026-02-01')).toBe('2026-02-01');
        expect(read([])).toBe('2026-01-31');
    });

    test('an event the language does not name is refused in Swedish, exit 1', () => {
        const result = ask({ type: 'deadline', event: 'decision', eventDate: '2026-01-31' });
        expect(result.status).toBe(1);
        expect(result.stderr).toContain('Händelsen ska vara en av ansökan, beslut, verkställighet, uppföljning, inte "decision".');
        expect((JSON.parse(result.stdout) as { error: { code: string } }).error.code).toBe('wrong-value-type');
    });
});
