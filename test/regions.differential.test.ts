import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { ExactNumber, type PathwayModel } from '@regelratt/format';
import { analyseCoverage, analyseDecisionTable, ast, checkPolicies, compilePolicy, createRegelrattServices, type AnalysedAttribute, type Case, type Region } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';
import { exactPartition, pathwayModelText, tableText, type Partition, type PartitionCell } from './bench/partition-tables.mjs';

/**
 * The region engine on large tables, against the runtime on sampled citizens: exact partitions of
 * 12 × 100 and 16 × 200 with a few rows changed (a range moved, a choice opened to any value, a row
 * left out or given twice), as a `beslutstabell` and as a `förloppsmodell`. Each sampled citizen,
 * and each region's own example, is asked of the runtime: inside a reported gap it must get no row
 * (no förlopp), inside a reported overlap a refusal, outside every region an answer. (Small domains,
 * every citizen enumerated: test/decision-table.differential.test.ts and
 * packages/language/test/case-split.property.test.ts.)
 */
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 4294967296;
    };
}

/** A few rows changed at random, so that gaps and overlaps appear in many shapes. */
function mutated(partition: Partition, seed: number, changes: number): Partition {
    const next = random(seed);
    const rows = partition.rows.map(row => [...row]);
    for (let i = 0; i < changes; i++) {
        const row = rows[Math.floor(next() * rows.length)];
        const column = Math.floor(next() * row.length);
        const attribute = partition.attributes[column];
        const cell: PartitionCell = attribute.kind === 'choice'
            ? (next() < 0.5 ? { kind: 'any' } : { kind: 'value', value: attribute.values![Math.floor(next() * 4)] })
            : (() => {
                const a = Math.floor(next() * 101);
                const b = Math.floor(next() * 101);
                return { kind: 'range', lo: Math.min(a, b), hi: Math.max(a, b) };
            })();
        row[column] = cell;
    }
    return { attributes: partition.attributes, rows };
}

type Citizen = Record<string, string>;

function sampleCitizens(partition: Partition, seed: number, count: number): Citizen[] {
    const next = random(seed);
    return Array.from({ length: count }, () => Object.fromEntries(partition.attributes.map(a => [a.name,
        a.kind === 'choice' ? a.values![Math.floor(next() * a.values!.length)] : String(Math.floor(next() * (a.max! + 1)))])));
}

function inRegion(found: Case, citizen: Citizen): boolean {
    return [...found.assignment].every(([id, region]) => holds(region, citizen[id.replace(/^attribute\//, '')]));
}

function holds(region: Region, value: string): boolean {
    if (region.kind === 'value') {
        return region.value === value;
    }
    if (region.kind === 'values') {
        return region.values.includes(value);
    }
    const v = ExactNumber.parse(value);
    return (!region.lo || v.compare(region.lo) > (region.loClosed ? -1 : 0)) && (!region.hi || v.compare(region.hi) < (region.hiClosed ? 1 : 0));
}

/** A region's example, completed with any value of the attributes it leaves free. */
function exampleOf(found: Case, partition: Partition): Citizen {
    const citizen: Citizen = Object.fromEntries(partition.attributes.map(a => [a.name, a.kind === 'choice' ? a.values![0] : '0']));
    for (const [id, region] of found.assignment) {
        const name = id.replace(/^attribute\//, '');
        citizen[name] = region.kind === 'value' ? String(region.value) : region.kind === 'values' ? String(region.values[0]) : (region.lo ?? ExactNumber.ZERO).toDecimal();
    }
    return citizen;
}

function expectedAnswer(kinds: Set<string>): string {
    return kinds.has('gap') ? 'none' : kinds.size > 0 ? 'refused' : 'answered';
}

function runtimeAnswer(ask: () => boolean): string {
    try {
        return ask() ? 'answered' : 'none';
    } catch (error) {
        if (!(error instanceof RegelrattRuntimeError)) {
            throw error;
        }
        return error.code === 'no-matching-row' ? 'none' : error.code === 'several-matching-rows' || error.code === 'not-computable' ? 'refused' : error.code;
    }
}

const CASES: Array<[number, number, number]> = [[12, 100, 1], [12, 100, 2], [16, 200, 3], [16, 200, 4]];

describe('large tables: every sampled citizen and every region example answered by the runtime as the regions say', () => {
    test.each(CASES)('%i × %i, seed %i', async (columns, rows, seed) => {
        const partition = mutated(exactPartition({ columns, rows, seed }), seed, 6);
        const dropped = { drop: seed % rows, duplicate: (seed * 7) % rows };
        let findings = 0;

        // As a decision table.
        const tableSource = tableText(partition, dropped);
        const [table] = await checkPolicies(Regelratt, [{ path: '/regions/t.regel', text: tableSource }]);
        const analysis = analyseDecisionTable(table.document.parseResult.value.elements.find(ast.isDecisionTable)!)!;
        expect(analysis.complete).toBe(true);
        const tableRuntime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(table.document.parseResult.value, 't.regel')))]);
        const tableCitizens = [...sampleCitizens(partition, seed, 800), ...analysis.findings.map(f => exampleOf(f.case, partition))];
        for (const citizen of tableCitizens) {
            const kinds = new Set(analysis.findings.filter(f => inRegion(f.case, citizen)).map(f => f.kind));
            expect(runtimeAnswer(() => (tableRuntime.decide('t', { date: '2025-01-01', citizen }), true)), JSON.stringify(citizen)).toBe(expectedAnswer(kinds));
        }
        findings += analysis.findings.length;

        // As a förloppsmodell.
        const [model] = await checkPolicies(Regelratt, [{ path: '/regions/m.regel', text: pathwayModelText(partition, dropped) }]);
        const compiled = JSON.parse(JSON.stringify(compilePolicy(model.document.parseResult.value, 'm.regel')));
        const pathwayModel = compiled.elements.find((e: { kind: string }) => e.kind === 'pathwayModel') as PathwayModel;
        const attributes = new Map<string, AnalysedAttribute>(partition.attributes.map(a => [`attribute/${a.name}`, {
            id: `attribute/${a.name}`, name: a.name,
            domain: a.kind === 'choice' ? { kind: 'enumeration', values: a.values! } : { kind: 'integer', min: ExactNumber.ZERO, max: ExactNumber.parse(String(a.max)) },
        }]));
        const coverage = analyseCoverage(pathwayModel.pathways.map(p => ({ id: p.id, criterion: p.criterion!, secondary: p.secondary })), attributes);
        expect(coverage.complete).toBe(true);
        const modelRuntime = new PolicyRuntime([compiled]);
        const modelCitizens = [...sampleCitizens(partition, seed + 1, 800), ...coverage.findings.map(f => exampleOf(f.case, partition))];
        for (const citizen of modelCitizens) {
            const kinds = new Set(coverage.findings.filter(f => inRegion(f.case, citizen)).map(f => f.kind));
            expect(runtimeAnswer(() => modelRuntime.placeInPathway(pathwayModel.id, citizen).pathway !== null), JSON.stringify(citizen)).toBe(expectedAnswer(kinds));
        }
        findings += coverage.findings.length;
        // The changes must give the regions something to say, or the test proves little.
        expect(findings).toBeGreaterThan(2);
    }, 120_000);
});
