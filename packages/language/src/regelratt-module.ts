import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { RegelrattGeneratedModule, RegelrattGeneratedSharedModule } from './generated/module.js';
import { LocaleSetting } from './i18n/locale.js';
import { RegelrattTokenBuilder } from './parser/regelratt-token-builder.js';
import { RegelrattValueConverter } from './parser/regelratt-value-converter.js';
import { SwedishLexerErrorMessageProvider } from './parser/swedish-lexer-messages.js';
import { SwedishParserErrorMessageProvider } from './parser/swedish-parser-messages.js';
import { RegelrattScopeComputation } from './references/regelratt-scope-computation.js';
import { RegelrattScopeProvider } from './references/regelratt-scope-provider.js';
import { RegelrattDocumentValidator } from './validation/regelratt-document-validator.js';
import { registerValidationChecks } from './validation/validation-registry.js';

export type RegelrattAddedServices = {
    i18n: {
        Locale: LocaleSetting;
    };
};

export type RegelrattServices = LangiumServices & RegelrattAddedServices;

export const RegelrattModule: Module<RegelrattServices, PartialLangiumServices & RegelrattAddedServices> = {
    i18n: {
        Locale: () => new LocaleSetting(),
    },
    parser: {
        TokenBuilder: () => new RegelrattTokenBuilder(),
        ValueConverter: () => new RegelrattValueConverter(),
        ParserErrorMessageProvider: services => new SwedishParserErrorMessageProvider(services.i18n.Locale),
        LexerErrorMessageProvider: () => new SwedishLexerErrorMessageProvider(),
    },
    references: {
        ScopeComputation: services => new RegelrattScopeComputation(services),
        ScopeProvider: services => new RegelrattScopeProvider(services),
    },
    validation: {
        DocumentValidator: services => new RegelrattDocumentValidator(services),
    },
};

export function createRegelrattServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Regelratt: RegelrattServices;
} {
    const shared = inject(createDefaultSharedModule(context), RegelrattGeneratedSharedModule);
    const Regelratt = inject(createDefaultModule({ shared }), RegelrattGeneratedModule, RegelrattModule);
    shared.ServiceRegistry.register(Regelratt);
    registerValidationChecks(Regelratt);
    if (!context.connection) {
        // Outside a language server nobody sends configuration; start with the defaults at once.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Regelratt };
}
