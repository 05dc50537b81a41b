import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { MessageLocale } from '@regelratt/analyses';
import type { Policy } from '../generated/ast.js';
import { isDiagnosticCode, type MessageArgs, type Severity } from '../i18n/diagnostic-catalogue.js';
import type { RegelrattServices } from '../regelratt-module.js';

/** One policy file's text, named by its absolute path. */
export interface PolicySource {
    path: string;
    text: string;
}

/** A diagnostic as tools outside the editor see it: 1-based positions and a catalogue code. */
export interface PolicyDiagnostic {
    code: string;
    severity: Severity;
    message: string;
    args: MessageArgs;
    /** For analysis findings: the example citizen the finding holds for. */
    witness?: { text: string; example: Record<string, string> };
    /** Other places the finding is about (the earlier row, the other version), with what each is. */
    related?: RelatedPlace[];
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export interface RelatedPlace {
    /** The file's path on disk. */
    path: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    message: string;
}

export interface CheckedPolicy {
    path: string;
    document: LangiumDocument<Policy>;
    diagnostics: PolicyDiagnostic[];
    /** For a file of a library shipped with Regelrätt that the policy imports: the library's name and version. */
    library?: { name: string; version: string; file: string };
}

const severities: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/**
 * Parses, links and validates a set of files as one workspace (names resolve across all of them).
 * Documents from an earlier call are removed first, so one set of services can check many sets.
 */
export async function checkPolicies(services: RegelrattServices, sources: readonly PolicySource[]): Promise<CheckedPolicy[]> {
    const documents = services.shared.workspace.LangiumDocuments;
    const index = services.shared.workspace.IndexManager;
    const existing = documents.all.map(d => d.uri).toArray();
    for (const uri of existing) {
        documents.deleteDocument(uri);
        index.remove(uri);
    }
    const created = sources.map(source => {
        const document = services.shared.workspace.LangiumDocumentFactory.fromString<Policy>(source.text, URI.file(source.path));
        documents.addDocument(document);
        return { path: source.path, document };
    });
    // What the files import (`använd`), and what that imports: part of the policy set from here on.
    const imports = services.imports.Imports;
    const libraries = new Map<string, CheckedPolicy['library']>();
    for (const document of await imports.loadImported()) {
        const library = imports.libraryFile(document.uri);
        if (library) {
            libraries.set(document.uri.toString(), library);
        } else {
            created.push({ path: document.uri.fsPath, document: document as LangiumDocument<Policy> });
        }
    }
    const shipped = documents.all.filter(document => libraries.has(document.uri.toString())).toArray();
    // A shipped library is checked by its own tests; here it is indexed and linked, not validated
    // (its declarations are unused in most policies, which is no finding about the policy).
    await services.shared.workspace.DocumentBuilder.build(shipped, { validation: false });
    await services.shared.workspace.DocumentBuilder.build(created.map(c => c.document), { validation: true });
    return [
        ...created.map(({ path, document }) => ({
            path,
            document,
            diagnostics: (document.diagnostics ?? []).map(toPolicyDiagnostic).sort(byPosition),
        })),
        ...shipped.map(document => ({
            path: document.uri.fsPath,
            document: document as LangiumDocument<Policy>,
            diagnostics: [],
            library: libraries.get(document.uri.toString()),
        })),
    ];
}

/**
 * The diagnostics of policies `checkPolicies` has checked, again in `locale`: the same documents
 * validated once more with the services' locale switched, since a message's arguments are worded in
 * the language the check runs in (a criterion's ja/nej), so no message can be translated afterwards.
 * Nothing is read, parsed or linked again, and the compiled workspace the checks share is kept (it
 * does not depend on the language). The documents keep their diagnostics of the first run, and the
 * locale is set back. A shipped library's files are returned as they are (they are not validated).
 */
export async function checkPoliciesAgain(services: RegelrattServices, checked: readonly CheckedPolicy[], locale: MessageLocale): Promise<CheckedPolicy[]> {
    const setting = services.i18n.Locale;
    const before = setting.current;
    setting.current = locale;
    try {
        const validator = services.validation.DocumentValidator;
        const again: CheckedPolicy[] = [];
        for (const policy of checked) {
            again.push(policy.library ? policy : {
                ...policy,
                diagnostics: (await validator.validateDocument(policy.document)).map(toPolicyDiagnostic).sort(byPosition),
            });
        }
        return again;
    } finally {
        setting.current = before;
    }
}

function toPolicyDiagnostic(diagnostic: Diagnostic): PolicyDiagnostic {
    const data = diagnostic.data as { code?: unknown; args?: MessageArgs; witness?: PolicyDiagnostic['witness'] } | undefined;
    const code = isDiagnosticCode(data?.code) ? data.code : String(diagnostic.code ?? data?.code ?? 'unknown');
    return {
        code,
        severity: severities[diagnostic.severity ?? 1],
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        args: data?.args ?? {},
        ...(data?.witness ? { witness: data.witness } : {}),
        ...(diagnostic.relatedInformation?.length ? {
            related: diagnostic.relatedInformation.map(info => ({
                path: URI.parse(info.location.uri).fsPath,
                line: info.location.range.start.line + 1,
                column: info.location.range.start.character + 1,
                endLine: info.location.range.end.line + 1,
                endColumn: info.location.range.end.character + 1,
                message: info.message,
            })),
        } : {}),
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
    };
}

function byPosition(a: PolicyDiagnostic, b: PolicyDiagnostic): number {
    return a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

export function hasErrors(checked: readonly CheckedPolicy[]): boolean {
    return checked.some(c => c.diagnostics.some(d => d.severity === 'error'));
}
