import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * Issue 23, part 4: one walk per compiled form. A walk over the compiled expression or criterion
 * written as a chain of `'op' in e` tests sends a new variant down whichever branch comes last; one
 * written with `matchExpression`/`matchCriterion` (packages/format/src/compiled-variants.ts) does not
 * compile until it handles it. This scan finds every hand-written test of a variant's property in the
 * packages' sources; the only ones allowed are listed below, each with the reason it is not a walk
 * over the compiled forms. A new one fails here: write it with the fold or a helper of
 * compiled-variants.ts, or, if it tests another union that happens to share a property name, list it.
 */

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VARIANT_TEST = /['"](quantity|ref|level|op|call|round|if|all|any|not|test|in|between|against)['"]\s+in\s+([\w.]+)/g;

const DECISION_TABLE_INPUT = "a decision table's input (an attribute, the level or a chained table's output), not a formula";
const EXAMPLE_QUESTION = "an example's question (an attribute or the level), not a formula";
const LANGIUM_REFERENCE = "a Langium reference or multi-reference, not the compiled form";
const FEEL_AST = "FEEL's own syntax tree (the DMN importer's), not the compiled form";
const AST_OPERAND = 'the AST (the compiler, converted to a table by another branch), not the compiled form';

/** `file: 'variant' in operand` → how many times it may occur, and why it is not a walk over the compiled forms. */
const ALLOWED: Record<string, { count: number; reason: string }> = {
    "packages/analyses/src/compiled-decision-table.ts: 'level' in input": { count: 2, reason: DECISION_TABLE_INPUT },
    "packages/analyses/src/example-coverage.ts: 'level' in input": { count: 2, reason: DECISION_TABLE_INPUT },
    "packages/analyses/src/semantic-diff.ts: 'level' in input": { count: 1, reason: DECISION_TABLE_INPUT },
    "packages/analyses/src/formula-reads.ts: 'level' in input": { count: 1, reason: DECISION_TABLE_INPUT },
    "packages/analyses/src/calculation-bounds.ts: 'level' in input": { count: 1, reason: DECISION_TABLE_INPUT },
    "packages/cli/src/dmn/export-dmn.ts: 'level' in input": { count: 1, reason: DECISION_TABLE_INPUT },
    "packages/document/src/build-document.ts: 'level' in input": { count: 1, reason: DECISION_TABLE_INPUT },
    "packages/runtime/src/calculation-codegen.ts: 'level' in input": { count: 1, reason: DECISION_TABLE_INPUT },
    "packages/runtime/src/decision-table.ts: 'level' in input": { count: 1, reason: DECISION_TABLE_INPUT },
    "packages/language/src/compiler/compile-decision-table.ts: 'level' in compiled": { count: 1, reason: DECISION_TABLE_INPUT },
    "packages/document/src/build-document.ts: 'level' in q": { count: 1, reason: EXAMPLE_QUESTION },
    "packages/language/src/lsp/example-table.ts: 'level' in q": { count: 1, reason: EXAMPLE_QUESTION },
    "packages/runtime/src/evaluate-case.ts: 'level' in input": { count: 1, reason: "a case's input (its attributes and level), not a formula" },
    "packages/language/src/lsp/regelratt-semantic-tokens.ts: 'ref' in reference.reference": { count: 1, reason: LANGIUM_REFERENCE },
    "packages/language/src/validation/usage-checks.ts: 'ref' in reference": { count: 1, reason: LANGIUM_REFERENCE },
    "packages/language/src/utils/ast-walk.ts: 'ref' in reference": { count: 1, reason: LANGIUM_REFERENCE },
    "packages/language/src/compiler/compile-expression.ts: 'quantity' in operand": { count: 1, reason: AST_OPERAND },
};

/** Files whose every such test is of another union, and why. */
const ALLOWED_FILES: Record<string, string> = {
    'packages/cli/src/dmn/feel-formula-import.ts': FEEL_AST,
};

function sources(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            return entry.name === 'generated' || entry.name === 'node_modules' ? [] : sources(full);
        }
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
    });
}

/** Every hand-written variant test per file (an allowed file's under its own name), outside compiled-variants.ts. */
function variantTests(): Record<string, number> {
    const found: Record<string, number> = {};
    const packages = path.join(repository, 'packages');
    for (const name of readdirSync(packages)) {
        const src = path.join(packages, name, 'src');
        let files: string[];
        try {
            files = sources(src);
        } catch {
            continue; // a package without sources of its own (the VS Code extension's assets)
        }
        for (const file of files) {
            const relative = path.relative(repository, file).split(path.sep).join('/');
            if (relative === 'packages/format/src/compiled-variants.ts') {
                continue;
            }
            for (const match of readFileSync(file, 'utf8').matchAll(VARIANT_TEST)) {
                const key = Object.hasOwn(ALLOWED_FILES, relative) ? relative : `${relative}: '${match[1]}' in ${match[2]}`;
                found[key] = (found[key] ?? 0) + 1;
            }
        }
    }
    return found;
}

describe('one walk per compiled form', () => {
    test('no hand-written test of an expression or criterion variant outside compiled-variants.ts', () => {
        const found = variantTests();
        const allowed = Object.fromEntries(Object.entries(ALLOWED).map(([key, { count }]) => [key, count]));
        // A file allowed whole must still hold such tests (else its entry is stale), however many.
        for (const file of Object.keys(ALLOWED_FILES)) {
            expect(found[file], file).toBeGreaterThan(0);
            allowed[file] = found[file];
        }
        expect(found).toEqual(allowed);
    });

    test('the scan finds a hand-written variant test', () => {
        // The pattern itself, on the shape the migrated walks had: a scan that matches nothing proves nothing.
        expect([..."if ('op' in expression) {".matchAll(VARIANT_TEST)].map(m => [m[1], m[2]])).toEqual([['op', 'expression']]);
        expect([...'const x = "all" in criterion.not;'.matchAll(VARIANT_TEST)].map(m => [m[1], m[2]])).toEqual([['all', 'criterion.not']]);
    });
});
