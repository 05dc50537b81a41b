import {
    Cancellation, DefaultLinker, DocumentState, interruptAndCheck, isAstNode, WorkspaceCache,
    type AstNode, type AstNodeDescription, type IndexManager, type LangiumDocument, type LangiumSharedCoreServices, type ReferenceInfo,
} from 'langium';
import type { RegelrattServices } from '../regelratt-module.js';
import { referencesByDeclaration } from '../utils/ast-walk.js';

/** A reference's resolution before its document was unlinked, and the names of the workspace then. */
interface Kept {
    target: AstNode;
    description: AstNodeDescription;
    names: string;
}

/**
 * Langium's linker, walking the tree without its generic streams and yielding to cancellation every
 * thousand nodes instead of awaiting at each (on a 10 000-line file the per-node awaits and stream
 * states cost more than the linking). The same references, in the same order.
 *
 * A changed document is unlinked whole, but incremental parsing keeps the declarations a keystroke
 * did not touch, with their references (the same objects). Such a reference resolves again to what
 * it resolved to before, without a scope lookup, when (1) the workspace's names are what they were
 * then (every exported name with its type, in index order: a lookup by name and type then finds the
 * same candidate), and (2) that target is still part of its document's current tree (a target in a
 * declaration the change parsed again is an old node: looked up anew, as is a reference that did not
 * resolve). The resolution is a function of the reference's own declaration (unchanged), the names
 * and types in the index and the tree's nodes, so it is what a fresh link gives; a property test
 * compares every reference with a fresh link after random edits.
 */
export class RegelrattLinker extends DefaultLinker {
    private readonly kept = new WeakMap<object, Kept>();
    /** The workspace's names when each document was last linked. */
    private readonly linkedWith = new WeakMap<LangiumDocument, WorkspaceNames>();
    /** The names during the link under way. */
    private current: WorkspaceNames | undefined;
    private readonly index: IndexManager;
    /** The workspace's names in index order, once per build (the index is complete when linking starts). */
    private readonly names: WorkspaceCache<string, WorkspaceNames>;

    constructor(services: RegelrattServices) {
        super(services);
        const shared: LangiumSharedCoreServices = services.shared;
        this.index = shared.workspace.IndexManager;
        this.names = new WorkspaceCache(shared, DocumentState.IndexedContent);
    }

    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) {
            return super.link(document, cancelToken);
        }
        const root = document.parseResult.value;
        const names = this.workspaceNames();
        this.linkedWith.set(document, names);
        // Declaration by declaration, in document order; a kept declaration's references are not looked for again.
        let visited = 0;
        for (const list of referencesByDeclaration(root)) {
            if ((visited += list.length + 1) > 1023) {
                visited = 0;
                await interruptAndCheck(cancelToken);
            }
            this.current = names;
            for (const reference of list) {
                this.doLink(reference, document);
            }
        }
        this.current = undefined;
        await interruptAndCheck(cancelToken);
    }

    override unlink(document: LangiumDocument): void {
        // The names the links were made with (the index no longer holds the changed document's by now).
        const names = this.linkedWith.get(document);
        for (const reference of names === undefined ? [] : document.references) {
            const resolved = reference as unknown as { _ref?: unknown; _nodeDescription?: AstNodeDescription };
            if ('_ref' in reference && isAstNode(resolved._ref) && resolved._nodeDescription) {
                this.kept.set(reference, { target: resolved._ref, description: resolved._nodeDescription, names: this.namesText(names!) });
            }
        }
        super.unlink(document);
    }

    override doLink(refInfo: ReferenceInfo, document: LangiumDocument): void {
        const reference = refInfo.reference;
        const resolved = reference as unknown as { _ref?: unknown; _nodeDescription?: AstNodeDescription };
        if ('_ref' in reference && resolved._ref === undefined) {
            const kept = this.kept.get(reference);
            if (kept && this.current !== undefined && kept.names === this.namesText(this.current) && isInCurrentTree(kept.target)) {
                resolved._ref = kept.target;
                resolved._nodeDescription = kept.description;
                document.references.push(reference);
                return;
            }
        }
        super.doLink(refInfo, document);
    }

    /**
     * The workspace's names as the index holds them when linking starts: the descriptions only,
     * made into text when a kept link is first checked against them or a document is unlinked (never,
     * for a command that checks once: the text of every name cost about a tenth of linking).
     */
    private workspaceNames(): WorkspaceNames {
        return this.names.get('names', () => ({ descriptions: this.index.allElements().toArray() }));
    }

    /**
     * Every exported name with its type, in index order, as one text (equal texts: the same lookups).
     * A text equal to the last one is that same string object, so the check per reference is a
     * pointer comparison, not one of the texts' contents.
     */
    private namesText(names: WorkspaceNames): string {
        if (names.text === undefined) {
            const text = names.descriptions.map(d => `${d.type}\u0000${d.name}`).join('\u0001');
            if (text !== this.lastNames) {
                this.lastNames = text;
            }
            names.text = this.lastNames;
        }
        return names.text;
    }

    private lastNames = '';
}

/** The index's names at one build, and their text once asked for. */
interface WorkspaceNames {
    readonly descriptions: readonly AstNodeDescription[];
    text?: string;
}

/** Whether a node hangs in its document's current tree: each node is where its container holds it, up to the document's root. */
function isInCurrentTree(node: AstNode): boolean {
    let current = node;
    while (current.$container) {
        const held = (current.$container as unknown as Record<string, unknown>)[current.$containerProperty ?? ''];
        const here = current.$containerIndex === undefined ? held : Array.isArray(held) ? held[current.$containerIndex] : undefined;
        if (here !== current) {
            return false;
        }
        current = current.$container;
    }
    return current.$document?.parseResult.value === current;
}
