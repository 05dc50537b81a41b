import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildDocument, reasonFor } from '@regelratt/document';
import { formatViolation } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, diffPolicies, type ast } from '@regelratt/language';
import { evaluateCase, PolicyRuntime } from '@regelratt/runtime';
import { errorCode } from '../packages/runtime/test/error-code.js';
import { bin, repository, serveInProcess } from './serve-process.js';

/**
 * A rate chosen by the case's område: the policy's declared områden are the values of an attribute
 * `en av områdena { … }`, and a rate `efter` it has an amount per område. Every reader takes the
 * case's område's amount (never another område's), a case without one gets `missing-attribute`, and
 * an område value no `område` declares is refused by the checker and by the load check.
 */
const policy = (landsbygd = '506,70 kr/h', rows = '') => `
område tätort "Tätort"
område villaområde "Villaområde"
område landsbygd "Landsbygd"
insats hemtjänst "Hemtjänst"
egenskap områdestyp "Områdestyp där hjälpen ges" : en av områdena { tätort "Tätort", villaområde "Villaområde", landsbygd "Landsbygd" }
egenskap utförd_tid "Utförd tid" : decimaltal 0–744 timmar
timkostnad timersättning "Ersättning per utförd timme" {
    insats hemtjänst
    giltig från 2016-01-01 till 2016-12-31
    efter områdestyp
    belopp { tätort : 414,80 kr/h  villaområde : 430,05 kr/h  ${rows || `landsbygd : ${landsbygd}`} }
}
beräkning ersättning "Ersättning per månad" = utförd_tid × timersättning avrundat till öre
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/areas/a.regel', text }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    // Made when asked: a file the checker refuses is not loaded.
    return { checked, compiled, get runtime() { return new PolicyRuntime([compiled]); } };
}

const codes = (checked: Awaited<ReturnType<typeof load>>['checked'], severity = 'error') => checked.diagnostics.filter(d => d.severity === severity).map(d => d.code);
const landsbygd = { date: '2016-05-01', citizen: { områdestyp: 'landsbygd', utförd_tid: 10 } };
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('an attribute whose values are the policy’s områden', () => {
    test('compiles as an enumeration whose values name their area elements, and the file is valid', async () => {
        const { checked, compiled } = await load(policy());
        expect(codes(checked)).toEqual([]);
        expect(codes(checked, 'information')).not.toContain('unused-declaration');
        const attribute = compiled.elements.find((e: { id: string }) => e.id === 'attribute/områdestyp');
        expect(attribute.domain).toEqual({ type: 'enumeration', values: [
            { name: 'tätort', title: 'Tätort', area: 'area/tätort' },
            { name: 'villaområde', title: 'Villaområde', area: 'area/villaområde' },
            { name: 'landsbygd', title: 'Landsbygd', area: 'area/landsbygd' },
        ] });
        expect(formatViolation(compiled)).toBeUndefined();
    });

    test('a criterion and a decision table compare the case’s område as any enumeration', async () => {
        const { checked, runtime } = await load(`${policy()}
beräkning tillägg "Landsbygdstillägg" = om områdestyp = landsbygd så 100 kr annars 0 kr
beslutstabell restid "Restid per besök" {
    | områdestyp                || restid |
    | tätort eller villaområde  || 5      |
    | landsbygd                 || 15     |
}
`);
        expect(codes(checked)).toEqual([]);
        expect(runtime.calculate('tillägg', landsbygd, { explain: false }).amount).toBe('100');
        expect(runtime.calculate('tillägg', { date: '2016-05-01', citizen: { områdestyp: 'villaområde' } }, { explain: false }).amount).toBe('0');
        expect(runtime.decide('restid', { date: '2016-05-01', citizen: { områdestyp: 'villaområde' } }).outputs).toEqual({ restid: '5' });
    });

    test('a value that is no declared område is area-value-undeclared; declared, it is not', async () => {
        const undeclared = await load(policy().replace('område villaområde "Villaområde"\n', ''));
        expect(codes(undeclared.checked)).toEqual(['area-value-undeclared']);
        expect(undeclared.checked.diagnostics.find(d => d.code === 'area-value-undeclared')?.message).toContain('villaområde är inget område som policyn deklarerar');
    });

    test('the load check refuses an område value whose area is not declared (invalid-file)', async () => {
        const { compiled } = await load(policy());
        compiled.elements = compiled.elements.filter((e: { id: string }) => e.id !== 'area/landsbygd');
        expect(errorCode(() => new PolicyRuntime([compiled]))).toBe('invalid-file');
        const renamed = (await load(policy())).compiled;
        renamed.elements.find((e: { id: string }) => e.id === 'attribute/områdestyp').domain.values[0].area = 'insats/hemtjänst';
        expect(errorCode(() => new PolicyRuntime([renamed]))).toBe('invalid-file');
    });
});

describe('a rate chosen by the case’s område', () => {
    test('a formula reads the amount of the case’s område; a case without one gets missing-attribute, never another område’s amount', async () => {
        const { runtime } = await load(policy());
        expect(runtime.calculate('ersättning', landsbygd, { explain: false }).amount).toBe('5067');
        expect(runtime.calculate('ersättning', { date: '2016-05-01', citizen: { områdestyp: 'tätort', utförd_tid: 10 } }, { explain: false }).amount).toBe('4148');
        expect(errorCode(() => runtime.calculate('ersättning', { date: '2016-05-01', citizen: { utförd_tid: 10 } }, { explain: false }))).toBe('missing-attribute');
        expect(errorCode(() => runtime.calculate('ersättning', { date: '2016-05-01', citizen: { områdestyp: 'skärgård', utförd_tid: 10 } }, { explain: false }))).toBe('value-outside-domain');
        const missing = evaluateCase(runtime, { date: '2016-05-01', citizen: { utförd_tid: 10 } });
        const rate = missing.rates?.[0];
        expect(rate && 'error' in rate ? rate.error.code : rate).toBe('missing-attribute');
        expect(evaluateCase(runtime, landsbygd).rates).toEqual([{ rate: 'hourlyRate/timersättning', amount: '506.7', per: 'hour' }]);
    });

    test('the reason names the område that chose the amount, by its title', async () => {
        const { runtime } = await load(policy());
        const reason = reasonFor(runtime, { type: 'calculation', calculation: 'ersättning', citizen: landsbygd.citizen, date: landsbygd.date }, 'sv');
        expect(reason.steps.map(plain)).toContain('Ersättning per utförd timme (Områdestyp där hjälpen ges: Landsbygd): 506,70 kr/h');
        expect(reason.facts).toContain('Områdestyp där hjälpen ges: Landsbygd');
    });

    test('the rate-* checks hold per område: a missing one, one given twice, and overlapping versions', async () => {
        const missing = await load(policy(undefined, ' '));
        expect(codes(missing.checked)).toEqual(['rate-amount-missing']);
        expect(missing.checked.diagnostics.find(d => d.code === 'rate-amount-missing')?.message).toContain('områdestyp = landsbygd');
        const twice = await load(policy(undefined, 'landsbygd : 506,70 kr/h  tätort : 420 kr/h'));
        expect(codes(twice.checked)).toEqual(['rate-amount-twice']);
        const next = (from: string) => `timkostnad timersättning_2 "Nästa år" { insats hemtjänst  giltig från ${from}  efter områdestyp  belopp { tätort : 420 kr/h  villaområde : 435 kr/h  landsbygd : 512 kr/h } }\n`;
        expect(codes((await load(policy() + next('2016-07-01'))).checked)).toEqual(['overlapping-versions', 'overlapping-versions']);
        expect(codes((await load(policy() + next('2017-01-01'))).checked)).toEqual([]);
    });

    test('the document shows the rate per område, in titles', async () => {
        const { compiled } = await load(policy());
        const document = buildDocument({ files: [compiled], locale: 'sv', draft: true });
        const section = document.sections.find(s => s.id === 'ersättning')?.children.find(c => c.id === 'hourlyRate/timersättning');
        expect(JSON.parse(plain(JSON.stringify(section?.blocks)))).toEqual([{
            type: 'table', header: ['Områdestyp där hjälpen ges', 'Belopp'], numeric: [false, true],
            rows: [['Tätort', '414,80 kr/timme'], ['Villaområde', '430,05 kr/timme'], ['Landsbygd', '506,70 kr/timme']],
        }]);
    });

    test('the diff sees a changed amount for one område as a change for that område’s cases only', async () => {
        const before = (await load(policy())).compiled;
        const after = (await load(policy('512 kr/h'))).compiled;
        const entries = diffPolicies([before], [after], 'sv').entries;
        const rate = entries.find(e => e.element.kind === 'hourlyRate');
        expect(rate).toMatchObject({ change: 'amounts', amounts: [{ after: '512 kr/h' }] });
        const what = rate && 'amounts' in rate ? rate.amounts[0].what : '';
        expect(what).toContain('landsbygd');
        expect(what).not.toContain('tätort');
        const answers = entries.find(e => e.element.kind === 'calculation');
        expect(answers).toMatchObject({ change: 'amount-answers', common: ['områdestyp = landsbygd'] });
    });

    test('the diff writes kronor and öre as reasons do, two decimals: 506,70 kr/h → 510,20 kr/h (+3,50 kr/h)', async () => {
        const before = (await load(policy())).compiled;
        const after = (await load(policy('510,20 kr/h'))).compiled;
        const rate = diffPolicies([before], [after], 'sv').entries.find(e => e.element.kind === 'hourlyRate');
        expect(rate).toMatchObject({ change: 'amounts', amounts: [{ before: '506,70 kr/h', after: '510,20 kr/h', difference: '+3,50 kr/h' }] });
        const english = diffPolicies([before], [after], 'en').entries.find(e => e.element.kind === 'hourlyRate');
        expect(english).toMatchObject({ change: 'amounts', amounts: [{ before: '506.70 kr/h', after: '510.20 kr/h', difference: '+3.50 kr/h' }] });
    });
});

describe('rates that differ only in their område, which no case can choose between', () => {
    const two = (landsbygdFrom: string, role = 'arbetsterapeut') => `
område tätort "Tätort"
område landsbygd "Landsbygd"
roll arbetsterapeut "Arbetsterapeut"
roll fysioterapeut "Fysioterapeut"
egenskap antal_timmar "Timmar" : decimaltal 0–100 timmar
timkostnad at_tätort "Arbetsterapeut, tätort" { roll arbetsterapeut  område tätort  giltig från 2024-01-01  belopp 400 kr/h }
timkostnad at_landsbygd "Arbetsterapeut, landsbygd" { roll ${role}  område landsbygd  giltig från ${landsbygdFrom}  belopp 500 kr/h }
beräkning kostnad "Kostnad" = antal_timmar × at_tätort + antal_timmar × at_landsbygd
`;

    test('in force together, they are rate-area-not-chosen, said once, on the first', async () => {
        const { checked } = await load(two('2024-01-01'));
        expect(codes(checked, 'warning')).toEqual(['rate-area-not-chosen']);
        const finding = checked.diagnostics.find(d => d.code === 'rate-area-not-chosen')!;
        expect(finding.message).toContain('at_tätort och at_landsbygd skiljer sig bara i område (tätort, landsbygd)');
        expect(finding.line).toBe(two('2024-01-01').split('\n').findIndex(line => line.startsWith('timkostnad at_tätort')) + 1);
    });

    test('without giltig, in force on every day, they are too', async () => {
        const { checked } = await load(two('2024-01-01').replace(/giltig från 2024-01-01 {2}/g, ''));
        expect(codes(checked, 'warning')).toEqual(['rate-area-not-chosen']);
        expect(checked.diagnostics.find(d => d.code === 'rate-area-not-chosen')?.message).toContain('gäller samtidigt från början');
    });

    test('not in force together, or for different roles, they are not', async () => {
        expect(codes((await load(two('2024-01-01').replace('giltig från 2024-01-01  belopp 400', 'giltig från 2023-01-01 till 2023-12-31  belopp 400'))).checked, 'warning')).toEqual([]);
        expect(codes((await load(two('2024-01-01', 'fysioterapeut'))).checked, 'warning')).toEqual([]);
    });
});

describe('examples/jonkoping-omraden end to end', () => {
    const folder = path.join(repository, 'examples/jonkoping-omraden');

    test('the service takes the case’s område as input, and its OpenAPI offers the områden', async () => {
        const app = await serveInProcess(folder);
        expect(JSON.stringify((await app.inject({ method: 'GET', url: '/openapi.json' })).json())).toContain('"enum":["tätort","villaområde","landsbygd"]');
        const ask = async (citizen: object) => (await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ date: '2016-05-01', citizen }) })).json();
        const answer = await ask({ områdestyp: 'landsbygd', utförd_tid: 12.5, transporter: 20, extra_transporter: 0 });
        expect(answer.amounts).toEqual([expect.objectContaining({ calculation: 'calculation/månadsersättning', amount: '7943.75' })]);
        const without = await ask({ utförd_tid: 1, transporter: 0, extra_transporter: 0 });
        expect(without.amounts[0].error.code).toBe('missing-attribute');
        await app.close();
    });

    test('the studio’s example form is given the områden to choose from, and the examples pass', async () => {
        const { createRegelrattLspServices, exampleTable } = await import('@regelratt/language/lsp');
        const lsp = createRegelrattLspServices(EmptyFileSystem);
        const uri = URI.file(path.join(folder, 'lov-ersattning.regel'));
        const document = lsp.shared.workspace.LangiumDocumentFactory.fromString<ast.Policy>(readFileSync(uri.fsPath, 'utf8'), uri);
        lsp.shared.workspace.LangiumDocuments.addDocument(document);
        await lsp.shared.workspace.DocumentBuilder.build([document], { validation: true });
        const table = await exampleTable(lsp.shared, lsp.Regelratt.i18n.Locale, lsp.Regelratt.imports.Imports);
        // The form's control for an enumeration is a list of its values (examples-panel.ts).
        expect(table.attributes.find(a => a.name === 'områdestyp')?.domain).toEqual({ type: 'enumeration', values: [
            { name: 'tätort', title: 'Tätort', area: 'area/tätort' },
            { name: 'villaområde', title: 'Villaområde', area: 'area/villaområde' },
            { name: 'landsbygd', title: 'Landsbygd', area: 'area/landsbygd' },
        ] });
        expect(table.rows.length).toBe(7);
        expect(table.rows.every(row => row.passed)).toBe(true);
    });

    test('eval answers a case by its område, and says so in the reason (--format text)', () => {
        const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-areas-'));
        const input = path.join(scratch, 'fall.json');
        writeFileSync(input, JSON.stringify({ citizen: { områdestyp: 'villaområde', utförd_tid: 3, transporter: 4, extra_transporter: 2 } }));
        const json = spawnSync(process.execPath, [bin, 'eval', folder, '--input', input, '--date', '2016-05-01'], { encoding: 'utf8' });
        expect(json.status).toBe(0);
        expect((JSON.parse(json.stdout) as { amounts: Array<{ amount: string }> }).amounts[0].amount).toBe('1541.45');
        const text = spawnSync(process.execPath, [bin, 'eval', folder, '--input', input, '--date', '2016-05-01', '--format', 'text'], { encoding: 'utf8' });
        expect(plain(text.stdout)).toContain('Områdestyp där hjälpen ges: Villaområde');
        rmSync(scratch, { recursive: true, force: true });
    });
});
