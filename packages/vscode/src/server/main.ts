// First: the library's watchdog reads process.kill when it starts.
import './signal-zero.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createRegelrattLspServices } from '@regelratt/language/lsp';
import { readRevision } from '@regelratt/language/node';

// The transport (IPC from VS Code, --stdio from other editors and the protocol tests) comes from the command line.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createRegelrattLspServices({ connection, ...NodeFileSystem, revisions: readRevision });
startLanguageServer(shared);
