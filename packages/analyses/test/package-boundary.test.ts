import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * @regelratt/analyses runs where no Langium is loaded (the diff and the register impact on compiled
 * JSON, the service): its manifest names only packages without Langium, and no source file imports
 * Langium, the language package or its generated AST. A move that brings an AST-bound file along
 * fails here, naming the file and the import. Nor does it depend on the document package: the diff's
 * model belongs to the analysis that produces it, and the renderers there read it (the dependency
 * goes from the document to the analyses, never back, so the analyses need only the format and the
 * runtime).
 */
const packages = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const here = path.join(packages, 'analyses');

interface Manifest { name: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }
const manifest = (folder: string): Manifest => JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest;
const dependencies = (m: Manifest): string[] => Object.keys({ ...m.dependencies, ...m.peerDependencies });

/** Packages of this workspace by name, so a dependency on one is followed through its own manifest. */
const workspace = new Map(readdirSync(packages).filter(name => statSync(path.join(packages, name, 'package.json'), { throwIfNoEntry: false }))
    .map(name => [manifest(path.join(packages, name)).name, path.join(packages, name)]));

/** Every package the analyses load, through the workspace's packages they depend on. */
function closure(name: string, seen = new Set<string>()): Set<string> {
    seen.add(name);
    const folder = workspace.get(name);
    for (const dependency of folder ? dependencies(manifest(folder)) : []) {
        if (!seen.has(dependency)) {
            closure(dependency, seen);
        }
    }
    return seen;
}

function sources(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(folder, entry.name);
        return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
    });
}

/** The module specifiers of a file: static imports and exports, dynamic import() and require(). */
function specifiers(text: string): string[] {
    const found: string[] = [];
    for (const match of text.matchAll(/(?:^|[\s;])(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/gm)) {
        found.push(match[1] ?? match[2] ?? match[3]);
    }
    return found;
}

const forbidden = (specifier: string): boolean =>
    /^langium(\/|$)/.test(specifier) || /^chevrotain(\/|$)/.test(specifier) || /^vscode-/.test(specifier)
    || specifier.startsWith('@regelratt/language') || /(^|\/)generated\/ast(\.js)?$/.test(specifier)
    || /^@regelratt\/document(\/|$)/.test(specifier);

describe('@regelratt/analyses has no Langium, no AST and no document package', () => {
    test('its manifest and the manifests it reaches depend on no Langium and not on the language or document package', () => {
        const own = manifest(here);
        expect(own.name).toBe('@regelratt/analyses');
        expect(dependencies(own).sort()).toEqual(['@regelratt/format', '@regelratt/runtime']);
        expect([...closure(own.name)].filter(forbidden)).toEqual([]);
    });

    test('no source file imports Langium, the language or document package or a generated AST; relative imports stay inside the package', () => {
        const files = sources(path.join(here, 'src'));
        expect(files.length).toBeGreaterThan(30);
        const offending = files.flatMap(file => specifiers(readFileSync(file, 'utf8'))
            .filter(specifier => forbidden(specifier)
                || (specifier.startsWith('.') && !path.resolve(path.dirname(file), specifier).startsWith(path.join(here, 'src') + path.sep)))
            .map(specifier => `${path.relative(here, file)}: ${specifier}`));
        expect(offending).toEqual([]);
    });

    test('the import reader finds each form an import can take (so an empty list above means something)', () => {
        const sample = [
            "import { GrammarUtils, type AstNode } from 'langium';",
            "import type * as Ast from '../generated/ast.js';",
            "export { x } from '@regelratt/language';",
            "const a = await import('langium/lsp');",
            "import 'chevrotain';",
            "import type {\n    PolicyDiff,\n} from '@regelratt/document';",
            "import { renderPdf } from '@regelratt/document/pdf';",
            "import { x } from '@regelratt/documents';",
        ].join('\n');
        expect(specifiers(sample).filter(forbidden)).toEqual([
            'langium', '../generated/ast.js', '@regelratt/language', 'langium/lsp', 'chevrotain', '@regelratt/document', '@regelratt/document/pdf',
        ]);
    });
});
