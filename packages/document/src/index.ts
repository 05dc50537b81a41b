export { buildDocument, type DocumentInput } from './build-document.js';
export { renderHtml } from './render-html.js';
export { typeset } from './typography.js';
export { PolicyWords } from './document-words.js';
export { criterionSentence } from './criterion-sentence.js';
export type { PolicyDocument, DocumentSection, DocumentBlock, LineChart, RegionChart } from './document-model.js';
export { answerAmounts, kronorFigure, reasonFor, withReasons, exampleQuestion, legalBasisOf, labelOf, type Reason, type ReasonLocale, type ReasonQuestion } from './reasons.js';
export { diffWording, formatDiffHtml, formatDiffJson, formatDiffMarkdown, formatDiffText, newWarnings, type DiffLabels, type DiffRendering, type NewFinding } from './diff-output.js';
export { nearestAnswerChanges, MOST_CHANGES, type AnswerChange, type FactChange } from './nearest-change.js';
