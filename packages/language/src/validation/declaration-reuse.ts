import { isAstNode, type AstNode, type DiagnosticInfo, type MultiReference, type Reference, type ValidationAcceptor } from 'langium';
import { pushTarget, referenceTargets, sameItems } from '../utils/ast-walk.js';

/** One finding a check gave: the acceptor's arguments, and which of the node's checks gave it. */
type Finding = [check: number, severity: Parameters<ValidationAcceptor>[0], message: string, info: DiagnosticInfo<AstNode>];

interface Recorded {
    locale: string;
    halfTyped: boolean;
    /** Each declaration the findings rest on (the declaration itself, what it refers to, and so on), with its references and what they resolved to. */
    dependencies: Map<AstNode, readonly unknown[]>;
    /** The declaration-local checks' findings, by node of the declaration. */
    findings: Map<AstNode, Finding[]>;
}

/**
 * The findings of declaration-local checks, kept per top-level declaration and given again while
 * nothing they rest on has changed: on a keystroke in a large file, incremental parsing keeps the
 * declarations the change did not touch (the same nodes, unchanged below), and their checks would
 * give exactly what they gave before.
 *
 * A check is declaration-local when it reads only the declaration's own subtree and what its
 * references lead to, transitively, and the language of the messages (its group is registered with
 * `registerLocal`; the others run every time). So a declaration's findings are given again when it
 * is the same node as when they were recorded, and each declaration they rest on is the same node
 * each of whose references resolves to the same node as then (a rename elsewhere that makes a name
 * resolve to another declaration counts); and the messages' language, and whether the file
 * has syntax errors (a check that fails is quiet then), are the same. Findings that carry a range or
 * related places are never given again (those were computed from positions, which move), so such
 * a declaration is checked anew. Given again, a finding's range is computed from its node, as for a
 * new one. A property test compares, over random edits, the findings with those of a fresh check.
 */
export class DeclarationReuse {
    private readonly recorded = new WeakMap<AstNode, Recorded>();
    /** Documents validated before: recording starts at a document's second validation. */
    private readonly validated = new WeakSet<object>();

    /**
     * One validation of a document: what each declaration's references resolve to, computed once.
     * Findings are recorded only from the document's second validation on: the command line checks
     * a document once, and recording cost it about a twentieth of a large file's check.
     */
    begin(document: object, locale: string, halfTyped: boolean): DeclarationRun {
        const again = this.validated.has(document);
        this.validated.add(document);
        return new DeclarationRun(this.recorded, locale, halfTyped, again);
    }
}

export class DeclarationRun {
    private readonly targets = new Map<AstNode, unknown[]>();
    /** The files (roots) whose references were indexed: whether completely. */
    private readonly indexed = new Map<AstNode, boolean>();

    constructor(
        private readonly recorded: WeakMap<AstNode, Recorded>,
        private readonly locale: string,
        private readonly halfTyped: boolean,
        private readonly recording: boolean,
    ) { }

    /** The findings to give again for a declaration, or undefined when its checks must run (and record). */
    reusable(declaration: AstNode): Map<AstNode, Finding[]> | undefined {
        const entry = this.recorded.get(declaration);
        if (!entry || entry.locale !== this.locale || entry.halfTyped !== this.halfTyped) {
            return undefined;
        }
        for (const [dependency, was] of entry.dependencies) {
            if (!sameItems(this.targetsOf(dependency), was)) {
                return undefined;
            }
        }
        return entry.findings;
    }

    /** Starts recording a declaration's findings (stored when it is done); undefined on a document's first validation. */
    record(declaration: AstNode): DeclarationRecording | undefined {
        if (!this.recording) {
            return undefined;
        }
        return new DeclarationRecording(findings => {
            if (findings) {
                this.recorded.set(declaration, { locale: this.locale, halfTyped: this.halfTyped, dependencies: this.dependencies(declaration), findings });
            } else {
                this.recorded.delete(declaration);
            }
        });
    }

    /** The declaration and every declaration its references lead to, transitively, with their references' targets. */
    private dependencies(declaration: AstNode): Map<AstNode, readonly unknown[]> {
        const found = new Map<AstNode, readonly unknown[]>();
        const pending = [declaration];
        while (pending.length > 0) {
            const next = pending.pop()!;
            if (found.has(next)) {
                continue;
            }
            const targets = this.targetsOf(next);
            found.set(next, targets);
            for (const target of targets) {
                // The list pairs references with their targets: only the targets are nodes.
                const owner = isAstNode(target) ? this.declarationOf(target) : undefined;
                if (owner && !found.has(owner)) {
                    pending.push(owner);
                }
            }
        }
        return found;
    }

    /**
     * Each reference in the declaration and what it resolves to (undefined where nothing), as one
     * list of pairs: the references are the same objects while the declaration is, so an equal list
     * means each reference resolves as before, whatever order they were linked in.
     */
    private targetsOf(declaration: AstNode): unknown[] {
        let targets = this.targets.get(declaration);
        if (!targets) {
            const root = declaration.$container;
            let complete = root && this.indexed.get(root);
            if (root?.$document && complete === undefined) {
                complete = this.indexReferences(root.$document.references);
                this.indexed.set(root, complete);
                targets = this.targets.get(declaration);
            }
            if (!targets) {
                // Indexed completely: the declaration has no references. Otherwise walk it.
                targets = complete ? [] : referenceTargets(declaration);
                this.targets.set(declaration, targets);
            }
        }
        return targets;
    }

    /**
     * Every declaration's targets of a file at once, from the linker's list of the file's references
     * (in the order it linked them): cheaper than walking every node for its references.
     * False, with nothing kept, when a reference does not say where it stands (the walk then decides).
     */
    private indexReferences(references: ReadonlyArray<Reference | MultiReference>): boolean {
        const byDeclaration = new Map<AstNode, unknown[]>();
        for (const reference of references) {
            const container = reference.$refNode?.astNode;
            const declaration = container && this.declarationOf(container);
            if (!declaration) {
                return false;
            }
            let list = byDeclaration.get(declaration);
            if (!list) {
                list = [];
                byDeclaration.set(declaration, list);
            }
            pushTarget(list, reference);
        }
        for (const [declaration, list] of byDeclaration) {
            this.targets.set(declaration, list);
        }
        return true;
    }

    /** The top-level declaration a node belongs to (in this file or another); undefined for a file's root. */
    private declarationOf(node: AstNode): AstNode | undefined {
        let current = node;
        while (current.$container?.$container) {
            current = current.$container;
        }
        return current.$container ? current : undefined;
    }
}


/** The findings of one declaration's local checks while they run. */
export class DeclarationRecording {
    private readonly findings = new Map<AstNode, Finding[]>();
    private positional = false;

    constructor(
        private readonly done: (findings: Map<AstNode, Finding[]> | undefined) => void,
    ) { }

    /** An acceptor for check number `check` of `node` that records what it is given and passes it on. */
    acceptor(node: AstNode, check: number, accept: ValidationAcceptor): ValidationAcceptor {
        return (severity, message, info) => {
            if (info.range || (info.relatedInformation?.length ?? 0) > 0) {
                this.positional = true;
            }
            let list = this.findings.get(node);
            if (!list) {
                list = [];
                this.findings.set(node, list);
            }
            list.push([check, severity, message, info as DiagnosticInfo<AstNode>]);
            accept(severity, message, info);
        };
    }

    /** Keeps the findings for next time, unless one of them was placed by position. */
    finish(): void {
        this.done(this.positional ? undefined : this.findings);
    }
}

/** Gives a recorded check's findings again. */
export function replay(findings: readonly Finding[] | undefined, check: number, accept: ValidationAcceptor): void {
    for (const [index, severity, message, info] of findings ?? []) {
        if (index === check) {
            accept(severity, message, info);
        }
    }
}
