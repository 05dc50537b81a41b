import { AstUtils, isOperationCancelled, ValidationRegistry, type AstNode, type LangiumDocument, type MaybePromise, type ValidationAcceptor, type ValidationCategory, type ValidationCheck, type ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import { renderMessage } from '../i18n/diagnostic-catalogue.js';
import type { RegelrattServices } from '../regelratt-module.js';

/**
 * A check that throws fails alone: the other checks still run, and nothing is printed on stderr.
 * On half-typed text (the document has syntax errors) a check that trips over a missing part says
 * nothing, since the parser has already said what is missing; on complete text it is a fault of
 * Regelrätt's, reported as a Swedish (or English) `internal-check-error` at the node, with how to
 * report it, instead of Langium's English "An error occurred during validation" and a stack trace.
 */
export class RegelrattValidationRegistry extends ValidationRegistry {
    /** Report failures on half-typed text too: the fuzzer sets it, to find checks that trip over missing parts. */
    static reportOnHalfTypedText = false;

    private readonly locale;

    /** The wrapped checks of the groups registered as declaration-local (see declaration-reuse.ts). */
    private readonly localChecks = new WeakSet<ValidationCheck>();
    private registeringLocal = false;
    /** The checks per node type, as an array: Langium builds a stream per node and call. */
    private readonly checksByType = new Map<string, readonly ValidationCheck[]>();

    constructor(services: RegelrattServices) {
        super(services);
        this.locale = services.i18n.Locale;
    }

    /**
     * Registers checks that read only the declaration they are given a node of, what its references
     * lead to, and the messages' language: their findings may be given again for a declaration
     * that did not change (declaration-reuse.ts).
     */
    registerLocal(checks: ValidationChecks<RegelrattAstType>): void {
        this.registeringLocal = true;
        try {
            this.register(checks);
        } finally {
            this.registeringLocal = false;
        }
    }

    isLocal(check: ValidationCheck): boolean {
        return this.localChecks.has(check);
    }

    override register<T>(checksRecord: ValidationChecks<T>, thisObj?: unknown, category?: ValidationCategory): void {
        this.checksByType.clear();
        super.register(checksRecord, thisObj, category);
    }

    /** The checks of a node type in every category, in registration order. */
    checksOf(type: string): readonly ValidationCheck[] {
        let checks = this.checksByType.get(type);
        if (!checks) {
            checks = this.getChecks(type).toArray();
            this.checksByType.set(type, checks);
        }
        return checks;
    }

    /**
     * Langium wraps each check in two async functions, so every check of every node costs promises
     * and microtask turns even when it is synchronous, as nearly all are (a tenth of checking a
     * 10 000-line file). Here a synchronous check runs and returns synchronously; an async one is
     * awaited as before. Failures are handled alike either way.
     */
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const wrapped: ValidationCheck = (node, accept, cancelToken) => {
            let result: MaybePromise<void>;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                this.failed(error, accept, node);
                return undefined;
            }
            return isPromise(result) ? result.then(undefined, error => this.failed(error, accept, node)) : undefined;
        };
        if (this.registeringLocal) {
            this.localChecks.add(wrapped);
        }
        return wrapped;
    }

    protected override async handleException(functionality: () => unknown, _messageContext: string, accept: ValidationAcceptor, node: AstNode): Promise<void> {
        try {
            await functionality();
        } catch (error) {
            this.failed(error, accept, node);
        }
    }

    private failed(error: unknown, accept: ValidationAcceptor, node: AstNode): void {
        if (isOperationCancelled(error)) {
            throw error;
        }
        if (isHalfTyped(AstUtils.getDocument(node)) && !RegelrattValidationRegistry.reportOnHalfTypedText) {
            return;
        }
        const detail = error instanceof Error ? error.message : String(error);
        const args = { node: node.$type, detail };
        accept('error', renderMessage('internal-check-error', args, this.locale.current), { node, code: 'internal-check-error', data: { code: 'internal-check-error', args } });
    }
}

/** Whether a document has syntax errors: a check that trips over a missing part is quiet then (see above). */
export function isHalfTyped(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
}

function isPromise(value: unknown): value is Promise<void> {
    return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
