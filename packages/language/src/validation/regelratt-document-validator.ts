import { Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck, type AstNode, type DiagnosticInfo, type LangiumDocument, type ValidationAcceptor, type ValidationOptions } from 'langium';
import { firstNodeForProperty } from './property-node.js';
import { flatTree } from '../utils/ast-walk.js';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { isEnumerationLiteral, isEnumerationType } from '../generated/ast.js';
import { attributeOfLiteralOwner } from '../references/cell-attribute.js';
import { kindName } from '../i18n/element-kind-names.js';
import { renderMessage, type DiagnosticCode, type MessageArgs } from '../i18n/diagnostic-catalogue.js';
import type { LocaleSetting } from '@regelratt/analyses';
import { EXAMPLE_RUN_CODES } from '@regelratt/document';
import type { RegelrattServices } from '../regelratt-module.js';
import { CHAIN_MARKER, MAX_CHAIN, MAX_DIGITS, MAX_NESTING, MAX_TEXT, NESTING_MARKER, TOKEN_MARKERS } from '../parser/regelratt-lexer.js';
import { DeclarationReuse, replay, type DeclarationRecording, type DeclarationRun } from './declaration-reuse.js';
import { limitFindings } from './finding-limit.js';
import { isHalfTyped, type RegelrattValidationRegistry } from './regelratt-validation-registry.js';
import { nearestName } from './nearest-name.js';

/**
 * Gives lexing, parsing and linking problems Regelrätt's own codes and messages, so that every
 * diagnostic a writer sees comes from the catalogue, in the chosen language.
 */
export class RegelrattDocumentValidator extends DefaultDocumentValidator {
    private readonly locale: LocaleSetting;
    private readonly regelrattServices: RegelrattServices;
    /** Declaration-local checks' findings, given again for declarations that did not change. */
    private readonly declarations = new DeclarationReuse();

    constructor(services: RegelrattServices) {
        super(services);
        this.locale = services.i18n.Locale;
        this.regelrattServices = services;
    }

    /** A range on a node's property (the common `{ node, property: 'name' }`) found by a walk that stops at the first match; otherwise Langium's. */
    protected override toDiagnostic<N extends AstNode>(severity: 'error' | 'warning' | 'info' | 'hint', message: string, info: DiagnosticInfo<N, string>): Diagnostic {
        if (!info.range && typeof info.property === 'string' && info.index === undefined) {
            const found = firstNodeForProperty(info.node.$cstNode, info.property);
            if (found) {
                return super.toDiagnostic(severity, message, { ...info, range: found.range });
            }
        }
        return super.toDiagnostic(severity, message, info);
    }

    /**
     * Langium's walk of every node, without its generic stream, awaiting only checks that return a
     * promise and yielding to cancellation every few hundred nodes instead of at each: on a
     * 10 000-line file the per-node awaits cost more than most checks. The same nodes, in the same
     * order, with the same per-node options. The declaration-local checks of a declaration that did
     * not change give their recorded findings again instead of running (declaration-reuse.ts), in
     * the same order.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        const registry = this.validationRegistry as RegelrattValidationRegistry;
        // Findings are given again only for a validation that runs every check (the editor's and the
        // command line's): every check of the language is registered in the 'fast' category.
        const document = rootNode.$document;
        const everyCheck = options.categories === undefined || options.categories.includes('fast');
        const run = everyCheck && document
            ? this.declarations.begin(document, this.locale.current, isHalfTyped(document))
            : undefined;
        const { nodes, ends } = flatTree(rootNode);
        let declarationEnd = -1;
        let reused: ReturnType<DeclarationRun['reusable']>;
        let recording: DeclarationRecording | undefined;
        for (let index = 0; index < nodes.length;) {
            const node = nodes[index];
            if ((index & 255) === 255) {
                await interruptAndCheck(cancelToken);
            }
            if (index >= declarationEnd) {
                recording?.finish();
                recording = undefined;
                reused = undefined;
                if (run && node.$container === rootNode) {
                    declarationEnd = ends[index];
                    reused = run.reusable(node);
                    recording = reused ? undefined : run.record(node);
                }
            }
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                const checks = everyCheck ? registry.checksOf(node.$type) : this.validationRegistry.getChecks(node.$type, options.categories).toArray();
                for (let position = 0; position < checks.length; position++) {
                    const check = checks[position];
                    if (reused && registry.isLocal(check)) {
                        replay(reused.get(node), position, acceptor);
                        continue;
                    }
                    const result = check(node, recording && registry.isLocal(check) ? recording.acceptor(node, position, acceptor) : acceptor, cancelToken);
                    if (result) {
                        await result;
                    }
                }
            }
            // Past the node's subtree when its children are not to be validated.
            index = nodeOptions.validateChildren ? index + 1 : ends[index];
        }
        recording?.finish();
        await interruptAndCheck(cancelToken);
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        // The checks' findings are limited before Langium spreads them into one call (which overflows
        // the stack at some tens of thousands); the lexer's, parser's and linker's are added one by one.
        const diagnostics = limitFindings(await super.validateDocument(document, options, cancelToken), this.locale.current);
        for (const diagnostic of diagnostics) {
            const langiumCode = (diagnostic.data as { code?: string } | undefined)?.code;
            const text = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
            if (langiumCode === DocumentValidator.LexingError && text === NESTING_MARKER) {
                this.recode(diagnostic, 'nesting-too-deep', { limit: MAX_NESTING });
            } else if (langiumCode === DocumentValidator.LexingError && text === CHAIN_MARKER) {
                this.recode(diagnostic, 'chain-too-long', { limit: MAX_CHAIN });
            } else if (langiumCode === DocumentValidator.LexingError && text === TOKEN_MARKERS.unterminated) {
                this.recode(diagnostic, 'unterminated-text', {});
            } else if (langiumCode === DocumentValidator.LexingError && text === TOKEN_MARKERS.textTooLong) {
                this.recode(diagnostic, 'text-too-long', { limit: MAX_TEXT, length: diagnostic.range.end.character - diagnostic.range.start.character - 2 });
            } else if (langiumCode === DocumentValidator.LexingError && text === TOKEN_MARKERS.numberTooLong) {
                const image = document.textDocument.getText(diagnostic.range);
                this.recode(diagnostic, 'number-too-long', { limit: MAX_DIGITS, digits: image.replace(/[^0-9]/g, '').length, start: image.slice(0, 12) });
            } else if (langiumCode === DocumentValidator.LexingError) {
                this.recode(diagnostic, 'lexical-error', { text });
            } else if (langiumCode === DocumentValidator.ParsingError) {
                this.recode(diagnostic, 'syntax-error', { message: text });
            }
        }
        return withoutExampleRunsBesideErrors(diagnostics);
    }

    override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        return limitFindings(await super.validateAst(rootNode, options, cancelToken), this.locale.current);
    }

    override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[]): void {
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) {
                continue;
            }
            const container = error.info.container;
            const name = error.info.reference.$refText;
            let code: DiagnosticCode = 'unresolved-reference';
            let args: MessageArgs;
            if (isEnumerationLiteral(container)) {
                const owner = container.$container;
                const attribute = attributeOfLiteralOwner(owner, container);
                if (!attribute) {
                    continue; // the attribute itself is unresolved and reported
                }
                if (isEnumerationType(attribute.type)) {
                    code = 'unknown-enumeration-value';
                    args = { name, attribute: attribute.name, values: attribute.type.values.map(v => v.name).join(', ') };
                } else {
                    // `ålder = hög`: the name is no value of a non-enumerated attribute; the type check says why.
                    continue;
                }
            } else {
                const referenceType = this.regelrattServices.shared.AstReflection.getReferenceType(error.info);
                const candidates = this.regelrattServices.shared.workspace.IndexManager.allElements(referenceType).map(d => d.name);
                args = { name, kind: kindName(referenceType, this.locale.current), suggestion: nearestName(name, candidates) ?? '' };
            }
            diagnostics.push(this.toDiagnostic('error', renderMessage(code, args, this.locale.current), {
                node: container,
                range: reference.$refNode?.range,
                property: error.info.property,
                index: error.info.index,
                code,
                data: { code, args },
            }));
        }
    }

    private recode(diagnostic: Diagnostic, code: DiagnosticCode, args: MessageArgs): void {
        diagnostic.code = code;
        diagnostic.message = renderMessage(code, args, this.locale.current);
        diagnostic.data = { code, args };
    }
}



/**
 * A file with errors of its own runs its examples on a policy that is not what it says (a table with
 * a gap, a question the checker refused): the error says why, and the examples' failures would only
 * repeat it, so they are left out until the file is free of errors, as the editor's lens does.
 */
function withoutExampleRunsBesideErrors(diagnostics: Diagnostic[]): Diagnostic[] {
    const runs = (diagnostic: Diagnostic) => typeof diagnostic.code === 'string' && EXAMPLE_RUN_CODES.has(diagnostic.code);
    return diagnostics.some(diagnostic => diagnostic.severity === DiagnosticSeverity.Error && !runs(diagnostic))
        ? diagnostics.filter(diagnostic => !runs(diagnostic))
        : diagnostics;
}
