import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';

/**
 * `check --format sarif` against the SARIF 2.1.0 JSON Schema (the rtm.5 schema code-scanning tools
 * validate uploads with; test/fixtures/sarif-2.1.0-rtm.5.json, from @microsoft/jest-sarif), in
 * JavaScript (Ajv, draft-04) and in Python (jsonschema), and for what code scanning needs of it:
 * every result's rule described, places relative to a base, related places, the example citizen.
 */
// A CommonJS module whose default export TypeScript's NodeNext typing does not see as a class.
const Ajv = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv-draft-04').default;
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const schemaPath = path.join(repository, 'test/fixtures/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

function sarif(...args: string[]): { status: number | null; log: any; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [bin, 'check', ...args, '--format', 'sarif'], { cwd: repository, encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, log: run.stdout ? JSON.parse(run.stdout) : undefined };
}

const broken = sarif('examples/broken');
const clean = sarif('examples/orebro');
const missing = sarif('examples/finns-inte');

describe('check --format sarif', () => {
    test('is valid SARIF 2.1.0 (Ajv), for findings, for a clean policy and for a file that cannot be read', () => {
        // Without the u flag: the schema's own `language` pattern is not a valid regular expression with it.
        const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
        for (const { log } of [broken, clean, missing]) {
            expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        }
    });

    test('keeps check\'s exit codes: 1 with errors, 0 without, 2 when inputs cannot be read', () => {
        expect([broken.status, clean.status, missing.status]).toEqual([1, 0, 2]);
        expect(missing.log.runs[0].results.map((r: any) => r.ruleId)).toEqual(['file-not-found']);
    });

    test('describes every rule a result uses, from docs/diagnostics.md, with its level', () => {
        const run = broken.log.runs[0];
        const ids = run.tool.driver.rules.map((rule: any) => rule.id);
        expect(run.results.length).toBeGreaterThan(10);
        for (const result of run.results) {
            expect(ids[result.ruleIndex]).toBe(result.ruleId);
            expect(['error', 'warning', 'note']).toContain(result.level);
        }
        const gap = run.tool.driver.rules.find((rule: any) => rule.id === 'pathway-gap');
        expect(gap.shortDescription.text).toBe('Some citizens fall in no förlopp of a model.');
        expect(gap.help.markdown).toContain('Fix: add a förlopp for them');
        expect(gap.defaultConfiguration.level).toBe('error');
        expect(run.tool.driver.rules.every((rule: any) => rule.shortDescription?.text)).toBe(true);
    });

    test('gives places relative to the checked folder\'s base, related places, both languages and the witness', () => {
        const run = broken.log.runs[0];
        expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`file://${repository}/`);
        const gap = run.results.find((r: any) => r.ruleId === 'pathway-gap');
        expect(gap.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'examples/broken/f%C3%B6rlopp.regel', uriBaseId: 'SRCROOT' });
        expect(gap.locations[0].physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 16 });
        expect(gap.message.text).toContain('Inget förlopp gäller för: aktivitetsförmåga = utvecklingsbar');
        expect(gap.properties.messages.en).toContain('No pathway applies to');
        expect(gap.properties.witness.example).toMatchObject({ aktivitetsförmåga: 'utvecklingsbar' });
        const withRelated = run.results.filter((r: any) => r.relatedLocations);
        expect(withRelated.length).toBeGreaterThan(0);
        for (const result of withRelated) {
            expect(result.relatedLocations[0].physicalLocation.artifactLocation.uri).toMatch(/^examples\/broken\//);
            expect(result.relatedLocations[0].message.text).not.toBe('');
        }
        // The same finding keeps its fingerprint from run to run.
        expect(sarif('examples/broken').log.runs[0].results.map((r: any) => r.partialFingerprints)).toEqual(run.results.map((r: any) => r.partialFingerprints));
    });

    test('in English with --lang en, the Swedish text kept beside it', () => {
        const run = spawnSync(process.execPath, [bin, 'check', 'examples/broken', '--format', 'sarif', '--lang', 'en'], { cwd: repository, encoding: 'utf8' });
        const result = JSON.parse(run.stdout).runs[0].results.find((r: any) => r.ruleId === 'pathway-gap');
        expect(result.message.text).toContain('No pathway applies to');
        expect(result.properties.messages.sv).toContain('Inget förlopp gäller för');
    });

    test('is refused for the commands that report no findings', () => {
        const run = spawnSync(process.execPath, [bin, 'test', 'examples/orebro', '--format', 'sarif'], { cwd: repository, encoding: 'utf8' });
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('--format');
    });
});

const python = spawnSync('python3', ['-c', 'import jsonschema'], { encoding: 'utf8' }).status === 0;
if (!python) {
    console.warn('\n*** python3 with jsonschema is missing: the Python validation of SARIF did NOT run (pip install jsonschema); Ajv above still ran. ***\n');
}

describe.runIf(python)('check --format sarif in Python', () => {
    test('is valid against the same schema for Python\'s jsonschema (Draft 4)', () => {
        const script = 'import json,sys,jsonschema\ns=json.load(open(sys.argv[1]))\nlog=json.load(sys.stdin)\nerrors=list(jsonschema.Draft4Validator(s).iter_errors(log))\nprint(len(errors), "errors")\nprint("\\n".join(e.message for e in errors[:3]))';
        const run = spawnSync('python3', ['-c', script, schemaPath], { input: broken.stdout, encoding: 'utf8' });
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(/^0 errors/);
    });
});
