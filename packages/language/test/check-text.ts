import { EmptyFileSystem } from 'langium';
import { checkPolicies, createRegelrattServices, type CheckedPolicy, type MessageLocale, type PolicyDiagnostic } from '@regelratt/language';

const { Regelratt: services } = createRegelrattServices(EmptyFileSystem);

/** Checks policy texts as one workspace (file names a.regel, b.regel, …) and returns each file's result. */
export async function checkTexts(texts: string[], locale: MessageLocale = 'sv'): Promise<CheckedPolicy[]> {
    services.i18n.Locale.current = locale;
    return checkPolicies(services, texts.map((text, index) => ({ path: `/test/${String.fromCharCode(97 + index)}.regel`, text })));
}

/** The diagnostics of one text checked on its own. */
export async function diagnosticsOf(text: string, locale: MessageLocale = 'sv'): Promise<PolicyDiagnostic[]> {
    const [checked] = await checkTexts([text], locale);
    return checked.diagnostics;
}

export function codes(diagnostics: PolicyDiagnostic[]): string[] {
    return diagnostics.map(d => d.code);
}

export { services };
