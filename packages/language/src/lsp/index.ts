export { createRegelrattLspServices, type RegelrattLspServices } from './regelratt-lsp-module.js';
export { DOCUMENT_PREVIEW_REQUEST, documentPreview, type DocumentPreviewParams, type DocumentPreviewResult } from './document-preview.js';
export { EXAMPLE_TABLE_REQUEST, exampleTable, type ExampleTable, type ExampleRow, type AttributeControl } from './example-table.js';
export { MEMORY_USAGE_REQUEST, memoryUsage, type MemoryUsage } from './memory-usage.js';
export { REVISION_DIFF_REQUEST, RevisionDiff, type RevisionDiffParams, type RevisionDiffResult, type RevisionReader } from './revision-diff.js';
