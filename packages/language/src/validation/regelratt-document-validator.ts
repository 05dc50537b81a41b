import { Cancellation, DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isEnumerationLiteral, isEnumerationType } from '../generated/ast.js';
import { attributeOfLiteralOwner } from '../references/cell-attribute.js';
import { kindName } from '../i18n/element-kind-names.js';
import { renderMessage, type DiagnosticCode, type MessageArgs } from '../i18n/diagnostic-catalogue.js';
import type { LocaleSetting } from '../i18n/locale.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { CHAIN_MARKER, MAX_CHAIN, MAX_NESTING, NESTING_MARKER } from '../parser/regelratt-lexer.js';
import { nearestName } from './nearest-name.js';

/**
 * Gives lexing, parsing and linking problems Regelrätt's own codes and messages, so that every
 * diagnostic a writer sees comes from the catalogue, in the chosen language.
 */
export class RegelrattDocumentValidator extends DefaultDocumentValidator {
    private readonly locale: LocaleSetting;
    private readonly regelrattServices: RegelrattServices;

    constructor(services: RegelrattServices) {
        super(services);
        this.locale = services.i18n.Locale;
        this.regelrattServices = services;
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const langiumCode = (diagnostic.data as { code?: string } | undefined)?.code;
            const text = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
            if (langiumCode === DocumentValidator.LexingError && text === NESTING_MARKER) {
                this.recode(diagnostic, 'nesting-too-deep', { limit: MAX_NESTING });
            } else if (langiumCode === DocumentValidator.LexingError && text === CHAIN_MARKER) {
                this.recode(diagnostic, 'chain-too-long', { limit: MAX_CHAIN });
            } else if (langiumCode === DocumentValidator.LexingError) {
                this.recode(diagnostic, 'lexical-error', { text });
            } else if (langiumCode === DocumentValidator.ParsingError) {
                this.recode(diagnostic, 'syntax-error', { message: text });
            }
        }
        return diagnostics;
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
                const attribute = attributeOfLiteralOwner(owner);
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
