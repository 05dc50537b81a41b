import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildDocument, reasonFor } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices, diffPolicies, type ast } from '@regelratt/language';
import { createRegelrattLspServices } from '@regelratt/language/lsp';
import { evaluateCase, PolicyRuntime } from '@regelratt/runtime';
import { errorCode } from '../packages/runtime/test/error-code.js';

/**
 * A rate whose amount the case's own attributes select (`efter regi, tid  belopp { … }`): every
 * reader of it (the runtime and its generated code, a case's answers, reasons, the document, the
 * diff, the load check) takes the row for the case's values, and says which values chose it.
 */
const policy = (privatKväll = '515 kr/h', rows = '') => `
lag SoL "Socialtjänstlagen (2001:453)"
insats hemtjänst "Hemtjänst" enligt SoL 4 kap 1 §
egenskap regi "Utförarens regi" : en av { kommunal "Kommunal utförare", privat "Privat utförare" }
egenskap tid "Tid på dygnet" : en av { dagtid "Dag", kväll "Kväll", helg "Helg" }
egenskap utförda_timmar "Utförd tid" : decimaltal 0–744 timmar
timkostnad timersättning "Ersättning per utförd timme" {
    insats hemtjänst
    giltig från 2025-01-01 till 2025-12-31
    efter regi, tid
    belopp {
        kommunal, dagtid : 420 kr/h
        kommunal, kväll : 480 kr/h
        kommunal, helg : 500 kr/h
        privat, dagtid : 455 kr/h
        privat, kväll : ${privatKväll}
        ${rows}
    }
}
beräkning ersättning "Ersättning per månad" = utförda_timmar × timersättning avrundat till öre
`;
const full = policy(undefined, 'privat, helg : 535 kr/h');

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/rates/a.regel', text }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    return { checked, compiled, runtime: new PolicyRuntime([compiled]) };
}

const errors = (checked: Awaited<ReturnType<typeof load>>['checked']) => checked.diagnostics.filter(d => d.severity === 'error').map(d => d.code);
const privatKväll = { date: '2025-03-01', citizen: { regi: 'privat', tid: 'kväll', utförda_timmar: 10 } };

describe('a rate by regi and time of day', () => {
    test('a formula reads the amount of the case’s regi and time of day, and the trace names them', async () => {
        const { checked, runtime } = await load(full);
        expect(errors(checked)).toEqual([]);
        const answer = runtime.calculate('ersättning', privatKväll, { explain: true });
        expect(answer.amount).toBe('5150');
        expect(answer.trace?.[0]).toEqual({ step: 'timersättning, regi = privat, tid = kväll', value: '515' });
        expect(runtime.calculate('ersättning', { date: '2025-03-01', citizen: { regi: 'kommunal', tid: 'helg', utförda_timmar: 2.5 } }, { explain: false }).amount).toBe('1250');
    });

    test('a register (generated code) and a single case agree, row for row', async () => {
        const { runtime } = await load(full);
        const cases = ['kommunal', 'privat'].flatMap(regi => ['dagtid', 'kväll', 'helg'].map(tid => ({ regi, tid, utförda_timmar: 3 })));
        const exact = cases.map(citizen => runtime.calculate('ersättning', { date: '2025-06-01', citizen }, { explain: true }).amount);
        expect(exact).toEqual(['1260', '1440', '1500', '1365', '1545', '1605']);
        const answers = cases.map(citizen => evaluateCase(runtime, { date: '2025-06-01', citizen }).amounts?.[0]);
        expect(answers.map(a => a && 'amount' in a ? a.amount : a)).toEqual(exact);
    });

    test('a case’s answers give the rate’s amount for the case', async () => {
        const { runtime } = await load(full);
        const answer = evaluateCase(runtime, privatKväll);
        expect(answer.rates).toEqual([{ rate: 'hourlyRate/timersättning', amount: '515', per: 'hour' }]);
    });

    test('a combination without an amount is a check error with the witness, and the runtime’s typed error', async () => {
        const { checked, runtime } = await load(policy());
        expect(errors(checked)).toEqual(['rate-amount-missing']);
        const finding = checked.diagnostics.find(d => d.code === 'rate-amount-missing')!;
        expect(finding.message).toContain('regi = privat, tid = helg');
        const helg = { date: '2025-03-01', citizen: { regi: 'privat', tid: 'helg', utförda_timmar: 1 } };
        expect(errorCode(() => runtime.calculate('ersättning', helg, { explain: false }))).toBe('no-matching-row');
        expect(() => runtime.calculate('ersättning', helg, { explain: false })).toThrow('timersättning anger inget belopp för regi = privat, tid = helg.');
        const rate = evaluateCase(runtime, helg).rates?.[0];
        expect(rate && 'error' in rate ? rate.error.code : rate).toBe('no-matching-row');
    });

    test('the reason names the regi and time of day that chose the amount, by their titles', async () => {
        const { runtime } = await load(full);
        const reason = reasonFor(runtime, { type: 'calculation', calculation: 'ersättning', citizen: privatKväll.citizen, date: privatKväll.date }, 'sv');
        // Numbers and units are joined by a no-break space in reasons.
        expect(reason.steps.map(step => step.replace(/\u00a0/g, ' '))).toContain('Ersättning per utförd timme (Utförarens regi: Privat utförare, Tid på dygnet: Kväll): 515 kr/h');
        expect(reason.facts).toEqual(expect.arrayContaining(['Utförarens regi: Privat utförare', 'Tid på dygnet: Kväll']));
        const rate = reasonFor(runtime, { type: 'rate', rate: 'timersättning', citizen: privatKväll.citizen, date: privatKväll.date }, 'sv');
        expect(rate.decision.replace(/\u00a0/g, ' ')).toBe('Ersättning per utförd timme (Utförarens regi: Privat utförare, Tid på dygnet: Kväll): 515 kr/h.');
    });

    test('the document shows the rate as a table by time of day and regi, in titles', async () => {
        const { compiled } = await load(full);
        const document = buildDocument({ files: [compiled], locale: 'sv', draft: true });
        const section = document.sections.find(s => s.id === 'ersättning')?.children.find(c => c.id === 'hourlyRate/timersättning');
        expect(JSON.parse(JSON.stringify(section?.blocks).replace(/\u00a0/g, ' '))).toEqual([{
            // Values by their titles as written (a table's cell and header start as the title does).
            type: 'table', header: ['Tid på dygnet', 'Kommunal utförare', 'Privat utförare'], numeric: [false, true, true],
            rows: [['Dag', '420 kr/timme', '455 kr/timme'], ['Kväll', '480 kr/timme', '515 kr/timme'], ['Helg', '500 kr/timme', '535 kr/timme']],
        }]);
    });

    test('the diff sees a changed amount for one regi and time of day as a change for those cases only', async () => {
        const before = (await load(full)).compiled;
        const after = (await load(policy('530 kr/h', 'privat, helg : 535 kr/h'))).compiled;
        const entries = diffPolicies([before], [after], 'sv').entries;
        const rate = entries.find(e => e.element.kind === 'hourlyRate');
        expect(rate).toMatchObject({ change: 'amounts', amounts: [{ before: '515 kr/h', after: '530 kr/h', difference: '+15 kr/h' }] });
        const what = rate && 'amounts' in rate ? rate.amounts[0].what : '';
        expect(what).toContain('privat');
        expect(what).toContain('kväll');
        expect(what).not.toContain('kommunal');
        // The formula reading it changes for privat in the evening and for no one else (the selectors split the cases).
        const answers = entries.find(e => e.element.kind === 'calculation');
        expect(answers).toMatchObject({ change: 'amount-answers', common: ['regi = privat', 'tid = kväll'] });
    });

    test('hovering the rate shows what selects its amount and the amounts', async () => {
        const lsp = createRegelrattLspServices(EmptyFileSystem);
        const uri = URI.parse('file:///rates/hover.regel');
        const document = lsp.shared.workspace.LangiumDocumentFactory.fromString<ast.Policy>(full, uri);
        lsp.shared.workspace.LangiumDocuments.addDocument(document);
        await lsp.shared.workspace.DocumentBuilder.build([document], { validation: false });
        const line = full.split('\n').findIndex(text => text.startsWith('timkostnad timersättning'));
        const hover = await lsp.Regelratt.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: uri.toString() }, position: { line, character: 13 } });
        const text = JSON.stringify(hover?.contents);
        expect(text).toContain('beloppet efter regi, tid');
        expect(text).toContain('privat, kväll: 515 kr/h');
    });

    test('the load check refuses a row whose values do not match the selectors', async () => {
        const { compiled } = await load(full);
        const rate = compiled.elements.find((e: { kind: string }) => e.kind === 'hourlyRate');
        rate.amounts[0].values = ['kommunal'];
        expect(errorCode(() => new PolicyRuntime([compiled]))).toBe('invalid-file');
    });

    test('the checks rates had keep working per row: units in formulas and versions by date', async () => {
        const vocabulary = `
egenskap regi "Regi" : en av { kommunal, enskild }
timkostnad dagtimme "Dag per timme" { giltig från 2024-01-01 till 2024-12-31  efter regi  belopp { kommunal : 485 kr/h  enskild : 516 kr/h } }
`;
        const night = (from: string) => `schablon natt "Natt per insats" { giltig från ${from} till 2025-12-31  efter regi  belopp { kommunal : 245 kr per insats  enskild : 260 kr per insats } }\n`;
        const night2 = (from: string) => night(from).replace('schablon natt "Natt per insats"', 'schablon natt2 "Natt per insats, nästa"');
        // A sum of an hourly rate and a per-insats rate, each by the case: the units are the rows' units.
        const mixed = await load(`${vocabulary}${night('2024-01-01')}beräkning dag_och_natt = dagtimme + natt\n`);
        expect(errors(mixed.checked)).toEqual(['unit-mismatch']);
        expect(mixed.checked.diagnostics.find(d => d.code === 'unit-mismatch')?.message).toContain('kr/h och kr/insats');
        // Two rates by the case for the same service and kind are versions: they must not overlap in time.
        const overlapping = await load(`${vocabulary}${night('2024-01-01')}${night2('2025-06-01')}`);
        expect(errors(overlapping.checked)).toEqual(['overlapping-versions', 'overlapping-versions']);
        const following = await load(`${vocabulary}${night('2024-01-01').replace('till 2025-12-31', 'till 2025-05-31')}${night2('2025-06-01')}`);
        expect(errors(following.checked)).toEqual([]);
    });

    test('versions are per selector combination and unit: rates of one kind for one insats that are selected or paid otherwise are not versions of each other', async () => {
        const vocabulary = `
insats hemtjänst "Hemtjänst"
egenskap regi "Regi" : en av { kommunal, enskild }
egenskap tid "Tid" : en av { dagtid, natt }
schablon natt "Natt per insats" { insats hemtjänst  giltig från 2024-01-01 till 2024-12-31  efter regi  belopp { kommunal : 245 kr per insats  enskild : 260 kr per insats } }
`;
        // Paid per month, not per insats: the alarm's fixed compensation beside the night's rate.
        const larm = await load(`${vocabulary}schablon larm "Larm" { insats hemtjänst  giltig från 2024-01-01 till 2024-12-31  efter regi  belopp { kommunal : 185 kr/mån  enskild : 197 kr/mån } }\n`);
        expect(errors(larm.checked)).toEqual([]);
        // Selected by another attribute.
        const byTime = await load(`${vocabulary}schablon tidsersättning "Efter tid" { insats hemtjänst  giltig från 2024-01-01 till 2024-12-31  efter tid  belopp { dagtid : 100 kr per insats  natt : 120 kr per insats } }\n`);
        expect(errors(byTime.checked)).toEqual([]);
        // The same selectors and unit: a version, which must not overlap.
        const again = await load(`${vocabulary}schablon natt_igen "Natt igen" { insats hemtjänst  giltig från 2024-06-01 till 2024-12-31  efter regi  belopp { kommunal : 250 kr per insats  enskild : 265 kr per insats } }\n`);
        expect(errors(again.checked)).toEqual(['overlapping-versions', 'overlapping-versions']);
    });

    test('a net effect asked with a rate by the case, which has no one amount without a citizen, is a typed error', async () => {
        const { runtime } = await load(`${full}
nivåtabell t { insats hemtjänst  giltig från 2025-01-01 till 2025-12-31  nivå 1 : 1 000 kr  nivå 2 : 2 000 kr }
`);
        expect(errorCode(() => runtime.netEffect({ table: 't', before: 2, after: 1, hours: '2', rate: 'timersättning', months: 1, date: '2025-03-01' }))).toBe('missing-attribute');
    });
});
