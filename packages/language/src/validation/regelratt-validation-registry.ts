import { AstUtils, isOperationCancelled, ValidationRegistry, type AstNode, type MaybePromise, type ValidationAcceptor, type ValidationCheck } from 'langium';
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

    constructor(services: RegelrattServices) {
        super(services);
        this.locale = services.i18n.Locale;
    }

    /**
     * Langium wraps each check in two async functions, so every check of every node costs promises
     * and microtask turns even when it is synchronous, as nearly all are (a tenth of checking a
     * 10 000-line file). Here a synchronous check runs and returns synchronously; an async one is
     * awaited as before. Failures are handled alike either way.
     */
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            let result: MaybePromise<void>;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                this.failed(error, accept, node);
                return undefined;
            }
            return isPromise(result) ? result.then(undefined, error => this.failed(error, accept, node)) : undefined;
        };
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
        const document = AstUtils.getDocument(node);
        const halfTyped = document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
        if (halfTyped && !RegelrattValidationRegistry.reportOnHalfTypedText) {
            return;
        }
        const detail = error instanceof Error ? error.message : String(error);
        const args = { node: node.$type, detail };
        accept('error', renderMessage('internal-check-error', args, this.locale.current), { node, code: 'internal-check-error', data: { code: 'internal-check-error', args } });
    }
}

function isPromise(value: unknown): value is Promise<void> {
    return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
