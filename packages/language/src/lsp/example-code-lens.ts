import { exampleDifferences } from '../i18n/example-differences.js';
import { type LangiumDocument, type LangiumDocuments } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver-protocol';
import { errorMessage, PolicyRuntime, runExamples, type ExampleResult } from '@regelratt/runtime';
import { compilePolicy } from '../compiler/compile-policy.js';
import * as ast from '../generated/ast.js';
import type { LocaleSetting } from '@regelratt/analyses';
import type { PolicyImports } from '../workspace/policy-imports.js';
import type { RegelrattLspServices } from './regelratt-lsp-module.js';

/**
 * Above every inline example, its result: the workspace is compiled in memory and the example run
 * through the runtime on the compiled JSON, exactly as `regelratt test` does. While the workspace
 * has errors nothing can be compiled, and the lens says so.
 */
export class ExampleCodeLensProvider implements CodeLensProvider {
    private readonly documents: LangiumDocuments;
    private readonly locale: LocaleSetting;
    private readonly imports: PolicyImports;

    constructor(services: RegelrattLspServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.locale = services.i18n.Locale;
        this.imports = services.imports.Imports;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] | undefined {
        const examples = (document.parseResult.value as ast.Policy).elements.filter(ast.isExample);
        if (examples.length === 0) {
            return undefined;
        }
        const sv = this.locale.current === 'sv';
        const results = this.run();
        return examples.filter(example => example.$cstNode).map(example => {
            const range = { start: example.$cstNode!.range.start, end: example.$cstNode!.range.start };
            if (typeof results === 'string') {
                return { range, command: { title: results, command: '' } };
            }
            const result = results.get(example.name);
            return { range, command: { title: result ? this.title(result, sv) : (sv ? 'Exemplet kördes inte' : 'The example did not run'), command: '' } };
        });
    }

    /** Every example's result by name, or why none could run. */
    private run(): Map<string, ExampleResult> | string {
        const sv = this.locale.current === 'sv';
        const all = this.documents.all.toArray();
        if (all.some(d => (d.diagnostics ?? []).some(diagnostic => diagnostic.severity === 1))) {
            return sv ? '$(error) Exemplen kan inte köras: policyn har fel' : '$(error) The examples cannot run: the policy has errors';
        }
        try {
            // Compiled here, from the open documents: nothing to distrust, and this runs on every edit.
            const runtime = new PolicyRuntime(all.map(d => compilePolicy(d.parseResult.value as ast.Policy, this.imports.compiledName(d.uri, uri => uri.path.split('/').pop() ?? ''))), { validate: false });
            return new Map(runExamples(runtime).map(result => [result.example.name, result]));
        } catch (error) {
            return `$(error) ${errorMessage(error, sv ? 'sv' : 'en')}`;
        }
    }

    private title(result: ExampleResult, sv: boolean): string {
        if (result.passed) {
            return sv ? '$(pass) Exemplet går igenom' : '$(pass) Example passes';
        }
        if (result.error) {
            return `$(error) ${result.error.messageIn(sv ? 'sv' : 'en')}`;
        }
        return `$(error) ${exampleDifferences(result.expected, result.actual, sv ? 'sv' : 'en', result.example.unit)}`;
    }
}
