/// <reference lib="webworker" />
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { BundledLibraryFileSystem, shippedLibraryRoot } from '@regelratt/language';
import { createRegelrattLspServices } from '@regelratt/language/lsp';

/**
 * The Regelrätt language server in a web worker: the same services the CLI, VS Code and Neovim use
 * (@regelratt/language), with the browser's message transport. The page sends it the files.
 */
declare const self: DedicatedWorkerGlobalScope;
/** The shipped libraries' files (`använd nationellt`) by path under the library root, embedded by build.mjs. */
declare const REGELRATT_LIBRARY: Record<string, string>;
const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
// No file system in a browser: the libraries a policy imports are served from the bundle.
const { shared } = createRegelrattLspServices({ connection, fileSystemProvider: () => new BundledLibraryFileSystem(shippedLibraryRoot(), REGELRATT_LIBRARY) });
startLanguageServer(shared);
