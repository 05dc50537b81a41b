import { type ValidationChecks } from 'langium';
import type { ExampleResult } from '@regelratt/runtime';
import { runExamples } from '@regelratt/runtime';
import type { RegelrattAstType } from '../generated/ast.js';
import { elementId } from '../compiler/element-ids.js';
import { exampleResultMessage } from '../i18n/example-differences.js';
import { renderMessage } from '../i18n/diagnostic-catalogue.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { compiledWorkspace } from './compiled-workspace.js';

/**
 * A failing inline example, at the example: the workspace compiled in memory (the compiled-workspace
 * cache the analyses share), every example run once through the runtime as `regelratt test` runs
 * them (runExamples), and each failure worded as `test` words it (exampleResultMessage). A warning,
 * not an error: the policy is well formed and compiles (`serve` serves it unless
 * `--require-examples`), and an error would stop the lens, the preview and `test` itself, which says
 * the same as an error. While the workspace does not compile, nothing is reported: other checks say why.
 */
export function exampleResultChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const workspace = compiledWorkspace(services);
    // Once per compiled workspace, by example id; an example the runtime cannot run at all (a fault
    // of ours, not the policy's) is left to `test`, which reports it.
    const results = new WeakMap<object, Map<string, ExampleResult> | undefined>();
    const resultsNow = (): Map<string, ExampleResult> | undefined => {
        const compiled = workspace();
        if (!compiled) {
            return undefined;
        }
        if (!results.has(compiled)) {
            let byId: Map<string, ExampleResult> | undefined;
            try {
                byId = new Map(runExamples(compiled.runtime).map(result => [result.example.id, result]));
            } catch {
                byId = undefined;
            }
            results.set(compiled, byId);
        }
        return results.get(compiled);
    };
    return {
        Example: (example, accept) => {
            if (!example.name || !example.question) {
                return;
            }
            const result = resultsNow()?.get(elementId(example));
            const message = result && exampleResultMessage(result, locale.current);
            if (message) {
                accept('warning', renderMessage(message.code, message.args, locale.current), {
                    node: example, code: message.code, data: { code: message.code, args: message.args },
                });
            }
        },
    };
}
