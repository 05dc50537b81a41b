/// <reference lib="webworker" />
import { EmptyFileSystem } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createRegelrattLspServices } from '@regelratt/language/lsp';

/**
 * The Regelrätt language server in a web worker: the same services the CLI, VS Code and Neovim use
 * (@regelratt/language), with the browser's message transport. The page sends it the files.
 */
declare const self: DedicatedWorkerGlobalScope;
const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const { shared } = createRegelrattLspServices({ connection, ...EmptyFileSystem });
startLanguageServer(shared);
