// Before anything else: Node 20 lacks ES2024's grouping functions, which the parser library calls.
import './compat/es2024-grouping.js';
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices,
    type PartialLangiumSharedCoreServices, type URI,
} from 'langium';
import { RegelrattGeneratedModule, RegelrattGeneratedSharedModule } from './generated/module.js';
import { LocaleSetting } from '@regelratt/analyses';
import { RegelrattLexer } from './parser/regelratt-lexer.js';
import { createRegelrattParser } from './parser/regelratt-parser.js';
import { RegelrattTokenBuilder } from './parser/regelratt-token-builder.js';
import { RegelrattValueConverter } from './parser/regelratt-value-converter.js';
import { SwedishLexerErrorMessageProvider } from './parser/swedish-lexer-messages.js';
import { SwedishParserErrorMessageProvider } from './parser/swedish-parser-messages.js';
import { grammarKeywords } from './parser/grammar-keywords.js';
import { RegelrattLinker } from './references/regelratt-linker.js';
import { RegelrattScopeComputation } from './references/regelratt-scope-computation.js';
import { RegelrattAstNodeDescriptionProvider } from './workspace/regelratt-ast-descriptions.js';
import { RegelrattDocumentFactory } from './workspace/regelratt-document-factory.js';
import { NoReferenceDescriptions, RegelrattReferenceDescriptionProvider } from './workspace/regelratt-reference-descriptions.js';
import { RegelrattScopeProvider } from './references/regelratt-scope-provider.js';
import { RegelrattDocumentValidator } from './validation/regelratt-document-validator.js';
import { RegelrattValidationRegistry } from './validation/regelratt-validation-registry.js';
import { registerValidationChecks } from './validation/validation-registry.js';
import { PolicyImports } from './workspace/policy-imports.js';

export type RegelrattAddedServices = {
    i18n: {
        Locale: LocaleSetting;
    };
    imports: {
        Imports: PolicyImports;
    };
};

/**
 * The language's services without the editor: what the command line, the compiler and the tests use.
 * The language server adds Langium's LSP services on top of the same module.
 */
export type RegelrattServices = LangiumCoreServices & RegelrattAddedServices;

export const RegelrattModule: Module<RegelrattServices, PartialLangiumCoreServices & RegelrattAddedServices> = {
    i18n: {
        Locale: () => new LocaleSetting(),
    },
    imports: {
        Imports: services => new PolicyImports(services.shared),
    },
    parser: {
        TokenBuilder: () => new RegelrattTokenBuilder(),
        Lexer: services => new RegelrattLexer(services),
        LangiumParser: services => createRegelrattParser(services),
        ValueConverter: () => new RegelrattValueConverter(),
        ParserErrorMessageProvider: services => new SwedishParserErrorMessageProvider(services.i18n.Locale, grammarKeywords(services.Grammar)),
        LexerErrorMessageProvider: () => new SwedishLexerErrorMessageProvider(),
    },
    references: {
        ScopeComputation: services => new RegelrattScopeComputation(services),
        ScopeProvider: services => new RegelrattScopeProvider(services),
        Linker: services => new RegelrattLinker(services),
    },
    workspace: {
        AstNodeDescriptionProvider: services => new RegelrattAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: services => new RegelrattReferenceDescriptionProvider(services),
    },
    validation: {
        DocumentValidator: services => new RegelrattDocumentValidator(services),
        ValidationRegistry: services => new RegelrattValidationRegistry(services),
    },
};

/** The shared services the language replaces: documents parsed again only around a change. */
export const RegelrattSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    workspace: {
        LangiumDocumentFactory: services => new RegelrattDocumentFactory(services),
    },
};

export interface RegelrattServiceOptions {
    /**
     * Whether to keep an index of who refers to what (default true). Only the editor reads it (find
     * references, rename, which documents a change affects); a tool that checks once and exits
     * (the command line) passes false and saves building it.
     */
    referenceIndex?: boolean;
    /** Where the shipped libraries are read from (default: the folder shipped beside the module); tests give their own. */
    libraryRoot?: URI;
}

/** The shipped libraries read from another root (see RegelrattServiceOptions.libraryRoot). */
function libraryAt(root: URI): Module<RegelrattServices, PartialLangiumCoreServices> {
    return { imports: { Imports: (services: RegelrattServices) => new PolicyImports(services.shared, root) } } as Module<RegelrattServices, PartialLangiumCoreServices>;
}

/** One-shot use: no index of cross-references (see RegelrattServiceOptions.referenceIndex). */
const WithoutReferenceIndex: Module<RegelrattServices, PartialLangiumCoreServices> = {
    workspace: {
        ReferenceDescriptionProvider: services => new NoReferenceDescriptions(services),
    },
};

export function createRegelrattServices(context: DefaultSharedCoreModuleContext, options: RegelrattServiceOptions = {}): {
    shared: LangiumSharedCoreServices;
    Regelratt: RegelrattServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), RegelrattGeneratedSharedModule, RegelrattSharedModule);
    const Regelratt = inject(createDefaultCoreModule({ shared }), RegelrattGeneratedModule, RegelrattModule, options.referenceIndex === false ? WithoutReferenceIndex : {},
        options.libraryRoot ? libraryAt(options.libraryRoot) : {});
    shared.ServiceRegistry.register(Regelratt);
    registerValidationChecks(Regelratt);
    // Without a language client nobody sends configuration; start with the defaults at once.
    shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Regelratt };
}
