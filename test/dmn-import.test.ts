import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import type { CompiledPolicyFile, DecisionTable } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, exampleCoverage, grammarKeywords } from '@regelratt/language';
import { PolicyRuntime } from '../packages/runtime/src/index.js';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { importDmn, type DmnImport } from '../packages/cli/src/dmn/import-dmn.js';
import { dmnAttributes, dmnPolicy } from '../packages/cli/src/dmn/write-dmn.js';
import { fromRuntime, runtimeAnswer, type Normal } from './dmn/dmn-harness.js';
import { EVERY_HIT_POLICY } from './dmn/every-hit-policy.js';
import { compiledExampleSet, exampleSets, repository } from './example-sets.js';

/**
 * `regelratt dmn import`: a DMN file's decision tables as `.regel`. A round trip (regel → DMN →
 * regel) gives the same answers for every region's example citizen; what the language cannot say
 * is named element by element with its XML id, never dropped in silence.
 */
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-dmn-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const { Regelratt } = createRegelrattServices(EmptyFileSystem);
const keywords = new Set(grammarKeywords(Regelratt.Grammar));

async function compiled(text: string, name: string): Promise<{ files: CompiledPolicyFile[]; errors: string[] }> {
    const checked = await checkPolicies(Regelratt, [{ path: `/dmn/${name}`, text }]);
    const errors = checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error').map(d => `${d.code}: ${d.message}`));
    return { files: checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, name))) as CompiledPolicyFile), errors };
}

/** The imported table's answer as the original element's: a förlopp and a pilot's `ingår` are its one output. */
function importedAnswer(runtime: PolicyRuntime, table: DecisionTable, citizen: Record<string, string>): Normal {
    const { nivå, ...rest } = citizen;
    return fromRuntime(() => {
        const decision = runtime.decide(table.id, { date: '2025-01-01', citizen: rest, ...(nivå !== undefined ? { level: Number(nivå) } : {}) });
        const shaped = (outputs: Record<string, string | null>) => (table.outputs.length === 1 ? outputs[table.outputs[0]] : outputs);
        return decision.list ? decision.list.map(shaped) : shaped(decision.outputs);
    });
}

/**
 * `file` exported to DMN and imported back, checked and compiled on its own; every region's example
 * citizen of each of its decisions answered by both, and the answers compared.
 */
async function roundTrip(files: CompiledPolicyFile[], file: CompiledPolicyFile): Promise<{ imported: DmnImport; tables: number; agreed: number }> {
    const exported = exportDmn(file, dmnAttributes(files));
    if (!exported || exported.decisions === 0) {
        return { imported: { text: '', notes: [], tables: 0 }, tables: 0, agreed: 0 };
    }
    const imported = await importDmn(exported.xml, keywords);
    const again = await compiled(imported.text, 'importerad.regel');
    // A förloppsmodell that places nobody somewhere is, as a table without `annars`, a gap there.
    expect(again.errors.filter(e => !e.startsWith('decision-gap')), imported.text).toEqual([]);
    const before = new PolicyRuntime(files);
    const after = new PolicyRuntime(again.files);
    const tables = new Map(again.files[0].elements.filter((e): e is DecisionTable => e.kind === 'decisionTable').map(t => [t.name, t]));
    let agreed = 0;
    for (const coverage of exampleCoverage(files, 'sv').criteria) {
        const element = file.elements.find(e => e.id === coverage.element.id);
        if (!element || !exported.decisionIds.has(element.id)) {
            continue;
        }
        const table = tables.get(element.name);
        if (imported.notes.some(note => note.sv.includes(` ${element.name} `) || note.sv.includes(` ${element.name},`))) {
            expect(table).toBeUndefined();
            continue;
        }
        expect(table, element.id).toBeDefined();
        for (const region of coverage.regions) {
            const ours = runtimeAnswer(before, element, region.witness.example);
            const theirs = importedAnswer(after, table!, region.witness.example);
            // A pilot's answer is ja/nej as a table's output; a förlopp's its id as text.
            const expected = ours.kind === 'value' && typeof ours.value === 'boolean' ? { kind: 'value', value: ours.value ? 'ja' : 'nej' } : ours;
            // A förloppsmodell with `sekundärt` is DMN's COLLECT, imported as `träff samla`: the förlopp that hold, as a set;
            // where more than two hold, or two not allowed together, the runtime's placement refuses (a rule DMN does not have).
            const listed = element.kind === 'pathwayModel' && theirs.kind === 'value' && Array.isArray(theirs.value) ? { kind: 'value', value: [...new Set(theirs.value as string[])].sort() } : theirs;
            if (ours.kind === 'conflict' && listed.kind === 'value' && Array.isArray(listed.value)) {
                expect((listed.value as string[]).length).toBeGreaterThanOrEqual(2);
            } else {
                expect(listed, `${element.id} ${JSON.stringify(region.witness.example)}`).toEqual(expected);
            }
            agreed++;
        }
    }
    return { imported, tables: tables.size, agreed };
}

describe('regelratt dmn import', () => {
    test('regel → DMN → regel gives the same answers for every region\'s example citizen', async () => {
        const original = await compiled(EVERY_HIT_POLICY, 'policy.regel');
        const { imported, tables, agreed } = await roundTrip(original.files, original.files[0]);
        // Every table comes back, the list policies too; the förloppsmodell with `sekundärt` (DMN's COLLECT) as a `träff samla` list.
        expect(imported.notes).toEqual([]);
        expect(imported.text).toContain('träff regelordning');
        expect(imported.text).toContain('träff utfallsordning');
        expect(imported.text).toContain('stöd ("trygghetslarm", "matdistribution", "dagverksamhet")');
        expect(imported.text).toMatch(/träff samla\n/);
        console.log(`DMN round trip of every hit policy: ${tables} tables, ${agreed} region citizens agreed`);
        expect(tables).toBe(14);
        expect(agreed).toBeGreaterThan(30);
    });

    test.each(exampleSets)('examples/%s: regel → DMN → regel gives the same answers for every region\'s example citizen', async name => {
        const files = await compiledExampleSet(name);
        for (const file of files) {
            const { imported } = await roundTrip(files, file);
            expect(imported.notes.filter(note => !note.sv.includes('COLLECT')), file.source).toEqual([]);
        }
    });

    const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="d" name="Inköp" namespace="urn:test">
  <inputData id="in_pris" name="Pris"><variable id="v1" name="Pris" typeRef="number"/></inputData>
  <decision id="godkannande" name="Godkännande">
    <decisionTable id="t_godk" hitPolicy="UNIQUE">
      <input id="i1"><inputExpression id="e1" typeRef="number"><text>pris</text></inputExpression></input>
      <input id="i2"><inputExpression id="e2" typeRef="string"><text>kategori</text></inputExpression></input>
      <output id="o1" name="beslut" typeRef="string"><defaultOutputEntry id="d1"><text>"Nej"</text></defaultOutputEntry></output>
      <rule id="r1"><inputEntry id="r1i1"><text>[0..1000)</text></inputEntry><inputEntry id="r1i2"><text>"mat", "resor"</text></inputEntry><outputEntry id="r1o1"><text>"Ja"</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="r2i1"><text>&gt;= 1000</text></inputEntry><inputEntry id="r2i2"><text>not("mat")</text></inputEntry><outputEntry id="r2o1"><text>"Chef"</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="prioritet" name="Prioritet">
    <decisionTable id="t_prio" hitPolicy="PRIORITY">
      <input id="p1"><inputExpression id="pe1" typeRef="number"><text>pris</text></inputExpression></input>
      <output id="po1" name="nivå" typeRef="number"/>
      <rule id="pr1"><inputEntry id="pr1i1"><text>-</text></inputEntry><outputEntry id="pr1o1"><text>1</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="skatt" name="Skatt"><literalExpression id="le1"><text>pris * 0.3</text></literalExpression></decision>
  <decision id="jamforelse" name="Jämförelse">
    <decisionTable id="t_jmf">
      <input id="j1"><inputExpression id="je1" typeRef="number"><text>pris</text></inputExpression></input>
      <output id="jo1" name="över" typeRef="boolean"/>
      <rule id="jr1"><inputEntry id="jr1i1"><text>&lt; tak</text></inputEntry><outputEntry id="jr1o1"><text>false</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="uttryck" name="Uttryck">
    <decisionTable id="t_ut">
      <input id="u1"><inputExpression id="ue1" typeRef="number"><text>pris * 2</text></inputExpression></input>
      <output id="uo1" name="dubbelt" typeRef="number"/>
      <rule id="ur1"><inputEntry id="ur1i1"><text>-</text></inputEntry><outputEntry id="ur1o1"><text>pris * 2</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

    test('what the language cannot say is named with its XML id; what it can is written and checks', async () => {
        const imported = await importDmn(foreign, keywords);
        expect(imported.tables).toBe(1);
        expect(imported.notes.map(note => note.element)).toEqual(['t_prio', 'skatt', 'jr1i1', 'u1']);
        expect(imported.notes[0].sv).toContain('träffpolicyn PRIORITY');
        expect(imported.notes[1].sv).toContain('Beslutet Skatt är ingen beslutstabell (LiteralExpression)');
        expect(imported.notes[2].sv).toContain('Cellen < tak i Jämförelse, regel 1, är ett FEEL-test som Regelrätt inte kan skriva');
        expect(imported.notes[3].sv).toContain('Indatakolumnen pris * 2 i Uttryck är ett uttryck');
        expect(imported.notes[3].en).toContain('is an expression, not an attribute');
        expect(imported.text).toContain('beslutstabell Godkännande {');
        expect(imported.text).toContain('| >= 0 och < 1000 | { mat, resor } || "Ja"   |');
        expect(imported.text).toContain('annars || "Nej" |');
        const { errors } = await compiled(imported.text, 'inköp.regel');
        expect(errors.filter(e => !e.startsWith('decision-gap'))).toEqual([]);
    });

    test('the command prints or writes the .regel, names what it left out and exits 1; a file that is no DMN is exit 2', () => {
        const file = path.join(scratch, 'inköp.dmn');
        writeFileSync(file, foreign);
        const printed = spawnSync(process.execPath, [bin, 'dmn', 'import', file], { encoding: 'utf8' });
        expect(printed.status).toBe(1);
        expect(printed.stdout).toContain('beslutstabell Godkännande {');
        expect(printed.stderr).toContain('inte importerat: t_prio: Beslutstabellen Prioritet har träffpolicyn PRIORITY');
        const written = spawnSync(process.execPath, [bin, 'dmn', 'import', file, '-o', path.join(scratch, 'ut'), '--lang', 'en'], { encoding: 'utf8' });
        expect(written.status).toBe(1);
        expect(written.stderr).toContain('not imported: skatt: Decision Skatt is no decision table');
        expect(readFileSync(path.join(scratch, 'ut', 'inköp.regel'), 'utf8')).toBe(printed.stdout);
        const clean = spawnSync(process.execPath, [bin, 'dmn', 'import', path.join(repository, 'examples/habo/hemtjänst.dmn')], { encoding: 'utf8' });
        expect(clean.status, clean.stderr).toBe(0);
        expect(clean.stdout).toContain('beslutstabell omvårdnad "Personlig omvårdnad" {');
        writeFileSync(path.join(scratch, 'inte.dmn'), '<html><body>nej</body></html>');
        const refused = spawnSync(process.execPath, [bin, 'dmn', 'import', path.join(scratch, 'inte.dmn')], { encoding: 'utf8' });
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain('Filen är ingen DMN-fil som kan läsas');
        // An attribute named after the money type's keyword is written as it is, and its line named.
        writeFileSync(path.join(scratch, 'belopp.dmn'), foreign.replace(/<text>pris<\/text>/g, '<text>belopp</text>'));
        const keyword = spawnSync(process.execPath, [bin, 'dmn', 'import', path.join(scratch, 'belopp.dmn')], { encoding: 'utf8' });
        expect(keyword.status).toBe(1);
        expect(keyword.stderr).toMatch(/belopp\.dmn: den skrivna texten går inte att läsa på rad 2: /);
        const usage = spawnSync(process.execPath, [bin, 'dmn', 'export', file], { encoding: 'utf8' });
        expect(usage.status).toBe(2);
        expect(usage.stderr).toContain("regelratt dmn import <fil.dmn>");
    });
});

/**
 * What the import reads since issue 27's second part: PRIORITY with its output values, chained
 * decisions (an input naming a required decision is `| tabell.kolumn |`) and disjunctions
 * (`< 18, >= 60` is `< 18 eller >= 60`). Exported, imported and exported again, the DMN is the same
 * bytes, and the imported policy answers every region's example citizen as the original.
 */
describe('dmn import: priority, chained decisions and disjunctions', () => {
    const CHAINED_PRIORITY = `
egenskap besök_per_vecka "Omvårdnadsbesök per vecka" : heltal 0–200 besök
egenskap ålder "Ålder" : heltal 0–120 år
egenskap larm "Har trygghetslarm" : ja/nej
beslutstabell nivåbedömning "Nivå efter besök" {
    | besök_per_vecka || nivå | akut |
    | 0               || 0    | nej  |
    | 1–6             || 1    | nej  |
    | 7–20            || 2    | nej  |
    | >= 21           || 3    | ja   |
}
beslutstabell omvårdnadsavgift "Avgift efter nivå" {
    | nivåbedömning.nivå || avgift |
    | 0                  || 0      |
    | 1                  || 705    |
    | 2                  || 1409   |
    | 3                  || 2013   |
}
beslutstabell risk "Risk" {
    träff prioritet
    | ålder            | nivåbedömning.akut | larm || risk ("hög", "medel", "låg") |
    | < 18 eller >= 80 | -                  | -    || "medel" |
    | -                | ja                 | -    || "hög"   |
    | -                | -                  | nej  || "medel" |
    | -                | -                  | -    || "låg"   |
}
beslutstabell rabatt "Rabatt efter avgift" {
    träff första
    | omvårdnadsavgift.avgift || rabatt |
    | >= 1000                 || 100    |
    | -                       || 0      |
}
`;

    test('export → import → export gives the same DMN, and the imported policy answers as the original', async () => {
        const original = await compiled(CHAINED_PRIORITY, 'policy.regel');
        expect(original.errors).toEqual([]);
        const first = exportDmn(original.files[0], dmnAttributes(original.files))!;
        const imported = await importDmn(first.xml, keywords);
        expect(imported.notes).toEqual([]);
        expect(imported.tables).toBe(4);
        expect(imported.text).toContain('| nivåbedömning.nivå || avgift |');
        expect(imported.text).toContain('| ålder            | nivåbedömning.akut | larm || risk ("hög", "medel", "låg") |');
        expect(imported.text).toContain('| < 18 eller >= 80 |');
        expect(imported.text).toContain('| omvårdnadsavgift.avgift || rabatt |');
        const again = await compiled(imported.text, 'policy.regel');
        expect(again.errors, imported.text).toEqual([]);
        const second = exportDmn(again.files[0], dmnAttributes(again.files))!;
        expect(second.xml).toBe(first.xml);
        const { tables, agreed } = await roundTrip(original.files, original.files[0]);
        console.log(`DMN round trip of chained and priority tables: ${tables} tables, ${agreed} region citizens agreed`);
        expect(tables).toBe(4);
        expect(agreed).toBeGreaterThanOrEqual(4);
        // The coverage analysis gives regions for the tables reading attributes; the chained ones are asked on a grid as well.
        const before = new PolicyRuntime(original.files);
        const after = new PolicyRuntime(again.files);
        let asked = 0;
        for (const besök of [0, 1, 6, 7, 20, 21, 200]) {
            for (const ålder of [0, 17, 18, 79, 80, 120]) {
                for (const larm of ['ja', 'nej']) {
                    const citizen = { besök_per_vecka: String(besök), ålder: String(ålder), larm };
                    for (const table of ['nivåbedömning', 'omvårdnadsavgift', 'risk', 'rabatt']) {
                        const ask = (runtime: PolicyRuntime) => fromRuntime(() => runtime.decide(table, { date: '2025-01-01', citizen }).outputs);
                        expect(ask(after), `${table} ${JSON.stringify(citizen)}`).toEqual(ask(before));
                        asked++;
                    }
                }
            }
        }
        expect(asked).toBe(336);
    });

    test('a table reading a decision that is no table, or one left out, is named by its id and left out', async () => {
        const original = await compiled(`${CHAINED_PRIORITY}
beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × 0,5
beslutstabell tidsklass "Tidsklass" {
    | beräkning vårdtid || klass |
    | < 3               || 1     |
    | >= 3              || 2     |
}
beslutstabell efter_klass "Efter tidsklass" {
    | tidsklass.klass || avgift |
    | 1               || 100    |
    | 2               || 200    |
}`, 'policy.regel');
        expect(original.errors).toEqual([]);
        const exported = exportDmn(original.files[0], dmnPolicy(original.files))!;
        const imported = await importDmn(exported.xml, keywords);
        expect(imported.notes.map(n => [n.element, n.sv])).toEqual([
            ['decision_decisionTable_tidsklass_table_input1', 'decision_decisionTable_tidsklass_table_input1: Indatakolumnen vårdtid i tidsklass läser beslutet vårdtid, som inte är en beslutstabell (LiteralExpression) och inte kan läsas som en kedjad kolumn; tabellen är inte med.'],
            ['decision_calculation_vardtid', 'decision_calculation_vardtid: Beslutet vårdtid är ingen beslutstabell (LiteralExpression) och är inte med: Regelrätt läser bara beslutstabeller ur DMN.'],
            ['decision_decisionTable_efter_klass_table', 'decision_decisionTable_efter_klass_table: Beslutstabellen efter_klass läser beslutet tidsklass, som inte importeras; den är inte med.'],
        ]);
        expect(imported.tables).toBe(4);
        const again = await compiled(imported.text, 'importerad.regel');
        expect(again.errors, imported.text).toEqual([]);
    });
});

/**
 * Formula outputs come back as `= …` where the FEEL is in the fragment the export writes (numbers,
 * numeric input data, + − × /, min, max, FEEL's rounding functions to kronor or öre); anything else
 * is named with its id. Jönköping's chained fee (examples/jonkoping) goes round: the same DMN again.
 */
describe('dmn import: formula outputs', () => {
    test('examples/jonkoping/hjalp-i-hemmet.dmn: export → import → export gives the same DMN but for the span of an amount', async () => {
        const files = await compiledExampleSet('jonkoping');
        const file = files.find(f => f.source === 'hjalp-i-hemmet.regel')!;
        const first = exportDmn(file, dmnPolicy(files))!;
        const imported = await importDmn(first.xml, keywords);
        expect(imported.notes).toEqual([]);
        expect(imported.text).toContain('= min((303 + (avgiftsutrymme × 0,25)), 1824, 2089) avrundat till hela kronor |');
        const again = await compiled(imported.text, 'hjalp-i-hemmet.regel');
        expect(again.errors, imported.text).toEqual([]);
        // An amount (belopp) has no allowed values in DMN, so it comes back as a number whose span the
        // import chose (the cells' constants widened by 1 000): the one difference, an inputValues more.
        const second = exportDmn(again.files[0], dmnPolicy(again.files))!.xml;
        const withoutSpan = second.replace(/\n *<inputValues id="decision_decisionTable_hjalpavgift_table_input1_values">\n *<text>\[-1000\.\.1000\]<\/text>\n *<\/inputValues>/, '');
        expect(withoutSpan).not.toBe(second);
        expect(withoutSpan).toBe(first.xml);
    });

    test('every rounding mode comes back, and a FEEL expression outside the fragment is named by its id', async () => {
        const outputs = ['round half up(x, 2)', 'decimal(x, 0)', 'round down((x * 0.3), 0)', 'round up(x, 2)', 'floor((x / 3) + 0.5, 0)', 'if x > 1 then x else 0', 'x * okänd'];
        const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="d" name="f" namespace="urn:test">
  <inputData id="in_x" name="x"><variable id="vx" name="x" typeRef="number"/></inputData>
${outputs.map((output, i) => `  <decision id="d${i}" name="t${i}"><decisionTable id="t${i}">
    <input id="i${i}"><inputExpression id="e${i}" typeRef="number"><text>x</text></inputExpression><inputValues id="v${i}"><text>[0..100]</text></inputValues></input>
    <output id="o${i}" name="y" typeRef="number"/>
    <rule id="r${i}"><inputEntry id="r${i}i"><text>-</text></inputEntry><outputEntry id="r${i}o"><text>${output.replace(/>/g, '&gt;')}</text></outputEntry></rule>
  </decisionTable></decision>`).join('\n')}
</definitions>`;
        const imported = await importDmn(xml, keywords);
        expect(imported.text).toContain('| - || = x avrundat till öre |');
        expect(imported.text).toContain('= x avrundat till hela kronor, halva till jämnt |');
        expect(imported.text).toContain('= (x × 0,3) avrundat till hela kronor, nedåt |');
        expect(imported.text).toContain('= x avrundat till öre, uppåt |');
        expect(imported.text).toContain('= (x / 3) avrundat till hela kronor, halva uppåt |');
        expect(imported.notes.map(n => n.element)).toEqual(['r5o', 'r6o']);
        expect(imported.notes[0].sv).toContain('Utdata if x > 1 then x else 0 i t5, regel 1, är ett FEEL-uttryck som Regelrätt inte kan skriva');
        const again = await compiled(imported.text, 'f.regel');
        expect(again.errors, imported.text).toEqual([]);
    });
});
