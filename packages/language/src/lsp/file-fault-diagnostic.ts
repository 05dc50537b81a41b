import type { LangiumSharedServices } from 'langium/lsp';
import type { URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { renderMessage, type DiagnosticCode, type MessageArgs } from '../i18n/diagnostic-catalogue.js';
import type { RegelrattAddedServices } from '../regelratt-module.js';

/**
 * A diagnostic at the start of a file about the file as a whole (it could not be read or built),
 * in the language's current locale, for the editor's problem list: a log line alone goes unseen.
 */
export function fileFaultDiagnostic(shared: LangiumSharedServices, uri: URI, code: DiagnosticCode, args: MessageArgs): Diagnostic {
    const services = shared.ServiceRegistry.hasServices(uri) ? shared.ServiceRegistry.getServices(uri) as unknown as Partial<RegelrattAddedServices> : undefined;
    const locale = services?.i18n?.Locale.current ?? 'sv';
    return {
        severity: 1,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: renderMessage(code, args, locale),
        code,
        source: 'regelratt',
        data: { code, args },
    };
}
