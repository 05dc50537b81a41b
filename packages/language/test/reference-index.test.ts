import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';

/**
 * The command line builds its services without an index of cross-references (`referenceIndex:
 * false`): no check may read that index, so every example set, the broken ones too, must get the
 * same diagnostics either way, while the index itself stays empty.
 */
const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');
const sets = readdirSync(examples, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort();
const sources = (set: string) => readdirSync(path.join(examples, set), { recursive: true, encoding: 'utf8' })
    .filter(file => file.endsWith('.regel'))
    .sort()
    .map(file => ({ path: path.join(examples, set, file), text: readFileSync(path.join(examples, set, file), 'utf8') }));

describe('services without the reference index', () => {
    const withIndex = createRegelrattServices(EmptyFileSystem);
    const withoutIndex = createRegelrattServices(EmptyFileSystem, { referenceIndex: false });

    test.each(sets)('examples/%s: the same diagnostics, and no index', async set => {
        const full = await checkPolicies(withIndex.Regelratt, sources(set));
        const lean = await checkPolicies(withoutIndex.Regelratt, sources(set));
        expect(lean.map(c => c.diagnostics)).toEqual(full.map(c => c.diagnostics));
        type Services = typeof withIndex;
        const indexed = (services: Services, checked: typeof full) => checked.flatMap(({ document }) => document.references.flatMap(reference => {
            const target = 'ref' in reference ? reference.ref : undefined;
            return target ? services.shared.workspace.IndexManager.findAllReferences(target, services.Regelratt.workspace.AstNodeLocator.getAstNodePath(target)).toArray() : [];
        }));
        const resolved = lean.some(({ document }) => document.references.some(reference => 'ref' in reference && reference.ref));
        expect(resolved).toBe(full.some(({ document }) => document.references.some(reference => 'ref' in reference && reference.ref)));
        // The full services index what the linker resolved; the lean ones nothing at all.
        expect(indexed(withIndex, full).length > 0).toBe(resolved);
        expect(indexed(withoutIndex, lean)).toEqual([]);
    });
});
