import type { CompiledElement, CompiledPolicyFile } from '@regelratt/format';
import { PolicyRuntime } from '@regelratt/runtime';
import { WorkspaceCache, type LangiumDocument } from 'langium';
import type * as Ast from '../generated/ast.js';
import { isPolicy } from '../generated/ast.js';
import { compileElement, compilePolicy } from '../compiler/compile-policy.js';
import { referenceTargets, sameItems } from '../utils/ast-walk.js';
import type { RegelrattServices } from '../regelratt-module.js';

export interface CompiledWorkspace {
    files: CompiledPolicyFile[];
    runtime: PolicyRuntime;
}

const caches = new WeakMap<object, () => CompiledWorkspace | undefined>();

/**
 * The workspace compiled in memory, with a runtime over it, once per workspace state and shared by
 * every check that asks the runtime (calculations and need, example coverage). Undefined while the
 * workspace does not compile (a half-typed reference): other checks report why.
 */
export function compiledWorkspace(services: RegelrattServices): () => CompiledWorkspace | undefined {
    const shared = services.shared;
    let get = caches.get(shared);
    if (!get) {
        const cache = new WorkspaceCache<string, CompiledWorkspace | null>(shared);
        get = () => cache.get('workspace', () => {
            try {
                const files = shared.workspace.LangiumDocuments.all.toArray()
                    .filter(document => isPolicy(document.parseResult.value))
                    .map(compiledDocument);
                // Compiled here, on every workspace change, from text that may be half-typed: the schema
                // check is for files from elsewhere.
                return { files, runtime: new PolicyRuntime(files, { validate: false }) };
            } catch {
                return null;
            }
        }) ?? undefined;
        caches.set(shared, get);
    }
    return get;
}

/**
 * One document compiled, reused while the document is the same: the same syntax tree (a change
 * re-parses it) linked the same way (Langium relinks a document whose references may now resolve
 * differently, and gives it a new list of references then). A file's compiled form reads only its
 * own tree and the declarations its references resolve to, so in a workspace of many files a
 * keystroke compiles one of them, not all; and within a changed file, only the elements that changed
 * (see compiledElement).
 */
const compiledDocuments = new WeakMap<LangiumDocument, { root: object; references: readonly unknown[]; file: CompiledPolicyFile }>();
function compiledDocument(document: LangiumDocument): CompiledPolicyFile {
    const known = compiledDocuments.get(document);
    if (known && known.root === document.parseResult.value && known.references === document.references) {
        return known.file;
    }
    const file = compilePolicy(document.parseResult.value as Ast.Policy, document.uri.path.split('/').pop() ?? '', compiledElement);
    compiledDocuments.set(document, { root: document.parseResult.value, references: document.references, file });
    return file;
}

interface CompiledElementEntry {
    file: string;
    /** Where the element starts: a kept element moved by lines typed above it has new source spans. */
    line: number;
    character: number;
    /** Each reference in the element and what it resolved to when compiled (referenceTargets). */
    targets: unknown[];
    compiled: CompiledElement;
}

const compiledElements = new WeakMap<Ast.Element, CompiledElementEntry>();

/**
 * One top-level element compiled, reused while it is the same node (incremental parsing keeps the
 * elements a change did not touch, unchanged below), at the same place, with each of its references
 * resolving to the same node: what compileElement reads. On a keystroke in a 10 000-line file with
 * examples this compiled one element instead of all of them (about 18 ms a keystroke).
 */
function compiledElement(element: Ast.Element, file: string): CompiledElement {
    const start = element.$cstNode?.range.start;
    const known = compiledElements.get(element);
    if (known && start && known.file === file && known.line === start.line && known.character === start.character && sameItems(referenceTargets(element), known.targets)) {
        return known.compiled;
    }
    const compiled = compileElement(element, file);
    if (start) {
        compiledElements.set(element, { file, line: start.line, character: start.character, targets: referenceTargets(element), compiled });
    }
    return compiled;
}
