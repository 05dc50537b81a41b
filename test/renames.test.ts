import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import type { CompiledElement, CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compatibility, compilePolicy, createRegelrattServices, diffPolicies } from '@regelratt/language';

/**
 * The one rename rule `diff` and `kompatibilitet` share, on random pairs of versions: attributes
 * with a few domains and förloppsmodeller reading them, drawn from small pools of ids so that equal
 * meanings, unused attributes and ambiguous candidates are common. A rename is one-to-one, pairs a
 * removed with an added element of the same kind, definition and uses, and both commands name the
 * same renames.
 */
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

const DOMAINS = {
    'ja/nej': (a: string) => [`när ${a}`, `när inte ${a}`],
    'en av { hög, låg }': (a: string) => [`när ${a} = hög`, `när ${a} = låg`],
    'heltal 0–10 år': (a: string) => [`när ${a} < 5`, `när ${a} >= 5`],
} as const;
type Domain = keyof typeof DOMAINS;

interface Version {
    attributes: Array<{ id: string; domain: Domain }>;
    models: Array<{ id: string; reads: number }>;
}

function source(version: Version): string {
    const lines = version.attributes.map(a => `egenskap ${a.id} : ${a.domain}`);
    for (const model of version.models) {
        const attribute = version.attributes[model.reads % version.attributes.length];
        const [first, second] = DOMAINS[attribute.domain](attribute.id);
        lines.push(`förloppsmodell ${model.id} { förlopp ${model.id}_x { ${first} } förlopp ${model.id}_y { ${second} } }`);
    }
    return lines.join('\n');
}

const version = (attributeIds: readonly string[]): fc.Arbitrary<Version> => fc.record({
    attributes: fc.uniqueArray(fc.record({ id: fc.constantFrom(...attributeIds), domain: fc.constantFrom(...Object.keys(DOMAINS) as Domain[]) }), { selector: a => a.id, minLength: 1, maxLength: 4 }),
    models: fc.uniqueArray(fc.record({ id: fc.constantFrom('m', 'n', 'o'), reads: fc.nat(3) }), { selector: m => m.id, maxLength: 2 }),
});

async function compiled(version: Version): Promise<CompiledPolicyFile[]> {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/r/p.regel', text: source(version) }]);
    expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.message), source(version)).toEqual([]);
    return [compilePolicy(checked.document.parseResult.value, 'p.regel')];
}

const byId = (files: readonly CompiledPolicyFile[]) => new Map(files.flatMap(f => f.elements).map(e => [e.id, e]));

/** The ids of the elements that mention `id`. */
function users(elements: ReadonlyMap<string, CompiledElement>, id: string): string[] {
    return [...elements.values()].filter(e => e.id !== id && JSON.stringify(e).includes(`"${id}"`)).map(e => e.id);
}

/** What an element says, without its names, references read through `renames`. */
function definition(element: CompiledElement, renames: ReadonlyMap<string, string>): string {
    const { id: _id, name: _name, source: _source, ...rest } = element;
    return JSON.stringify(rest, (key, value: unknown) => (key === 'source' ? undefined : typeof value === 'string' ? renames.get(value) ?? value : value));
}

async function renamesOf(before: Version, after: Version) {
    const old = await compiled(before);
    const next = await compiled(after);
    const fromCompatibility = compatibility(old, next, 'sv').changes.filter(c => c.code === 'element-renamed').map(c => [c.element, c.renamedTo!] as const);
    const fromDiff = diffPolicies(old, next, 'sv').entries.flatMap(e => (e.change === 'renamed' ? [[e.from.id, e.element.id] as const] : []));
    return { old: byId(old), next: byId(next), fromCompatibility, fromDiff };
}

describe('renames in diff and kompatibilitet', () => {
    test('one-to-one, between equal kinds, definitions and uses, and the same in both commands', async () => {
        await fc.assert(fc.asyncProperty(version(['a', 'b', 'c', 'd']), version(['a', 'b', 'e', 'f']), async (before, after) => {
            const { old, next, fromCompatibility, fromDiff } = await renamesOf(before, after);
            expect(new Map(fromCompatibility)).toEqual(new Map(fromDiff));
            const renames = new Map(fromDiff);
            expect(new Set(renames.values()).size).toBe(renames.size);
            for (const [from, to] of renames) {
                expect(next.has(from)).toBe(false);
                expect(old.has(to)).toBe(false);
                expect(definition(old.get(from)!, renames)).toBe(definition(next.get(to)!, new Map()));
                expect(users(old, from).map(u => renames.get(u) ?? u).sort()).toEqual(users(next, to).sort());
            }
        }), { numRuns: 150 });
    });

    test('a single element given a new id is a rename', async () => {
        await fc.assert(fc.asyncProperty(version(['a', 'b', 'c', 'd']), fc.nat(3), async (before, which) => {
            const renamed = before.attributes[which % before.attributes.length].id;
            const after = { ...before, attributes: before.attributes.map(a => (a.id === renamed ? { ...a, id: 'ny' } : a)) };
            const { fromCompatibility, fromDiff } = await renamesOf(before, after);
            expect(fromDiff).toEqual([[`attribute/${renamed}`, 'attribute/ny']]);
            expect(fromCompatibility).toEqual(fromDiff);
        }), { numRuns: 30 });
    });
});
