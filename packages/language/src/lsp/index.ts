export { createRegelrattLspServices, type RegelrattLspServices } from './regelratt-lsp-module.js';
