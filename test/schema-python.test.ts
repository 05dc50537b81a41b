import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * The shipped JSON Schema is for consumers in any language, not only JavaScript: Python's
 * `jsonschema` must accept the schema itself and every compiled example set. (Ajv does the same in
 * JavaScript in packages/language/test/compiler.test.ts.)
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schema = path.join(repository, 'packages/format/schema/compiled-policy.schema.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-python-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const available = spawnSync('python3', ['-c', 'import jsonschema'], { encoding: 'utf8' }).status === 0;
if (!available) {
    console.warn('\n*** python3 with jsonschema is missing: the Python validation of the schema did NOT run (pip install jsonschema). ***\n');
}

const sets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true }).filter(e => e.isDirectory() && e.name !== 'broken').map(e => e.name).sort();

describe.runIf(available)('the schema in Python', () => {
    test('is a valid Draft 2020-12 schema for Python\'s jsonschema', () => {
        const run = spawnSync('python3', ['-c', 'import json,sys,jsonschema\ns=json.load(open(sys.argv[1]))\njsonschema.validators.validator_for(s).check_schema(s)\nprint("ok")', schema], { encoding: 'utf8' });
        expect(run.stderr).toBe('');
        expect(run.stdout.trim()).toBe('ok');
    });

    test.each(sets)('validates examples/%s as compiled', set => {
        const out = path.join(scratch, set);
        const compiled = spawnSync(process.execPath, [path.join(repository, 'packages/cli/bin/regelratt.js'), 'compile', `examples/${set}`, '-o', out], { cwd: repository, encoding: 'utf8' });
        expect(compiled.status, compiled.stderr).toBe(0);
        const script = [
            'import json,sys,glob,jsonschema',
            's=json.load(open(sys.argv[1]))',
            'v=jsonschema.validators.validator_for(s)(s)',
            'files=sorted(glob.glob(sys.argv[2]+"/**/*.json", recursive=True))',
            'errors=[f+": "+e.message for f in files for e in v.iter_errors(json.load(open(f)))]',
            'print(len(files), "files,", len(errors), "errors")',
            'print("\\n".join(errors[:5]))',
        ].join('\n');
        const run = spawnSync('python3', ['-c', script, schema, out], { encoding: 'utf8' });
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(/^[1-9]\d* files, 0 errors/);
    });
});
