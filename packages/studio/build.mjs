/**
 * Builds Regelrätt Studio as static files in dist/ (what `regelratt studio` serves, and what an IT
 * department can host anywhere): the app with Monaco, the language server as a web worker (the same
 * @regelratt/language the command line uses), Monaco's editor worker, styles and fonts. The keywords
 * for Monaco's tokenizer come from the grammar (the TextMate grammar Langium generates from it).
 */
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const grammar = JSON.parse(await readFile(path.join(here, '../../syntaxes/regelratt.generated.tmLanguage.json'), 'utf8'));
const keywordPattern = grammar.patterns.find(p => p.name?.startsWith('keyword')).match;
const keywords = keywordPattern.replace(/^\\b\(/, '').replace(/\)\\b$/, '').split('|').map(k => k.replace(/\\/g, ''));
// Monaco's editor features (suggest, hover, find, folding, …) without its 80 other languages: the
// feature imports of editor.main.js, as a module of their own.
const monacoEditor = path.join(here, '../../node_modules/monaco-editor/esm/vs/editor');
const features = (await readFile(path.join(monacoEditor, 'editor.main.js'), 'utf8')).split('\n')
    .filter(line => /^import '\.\.?\/(contrib|standalone|base|platform)\//.test(line)).join('\n');
const monacoFeatures = {
    name: 'monaco-features',
    setup(build) {
        build.onResolve({ filter: /^virtual:monaco-features$/ }, () => ({ path: 'monaco-features', namespace: 'monaco-features' }));
        build.onLoad({ filter: /.*/, namespace: 'monaco-features' }, () => ({ contents: features, resolveDir: monacoEditor, loader: 'js' }));
    },
};
const out = path.join(here, 'dist');
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await esbuild.build({
    absWorkingDir: here,
    entryPoints: {
        app: 'src/app.ts',
        'language-server': 'src/worker.ts',
        'editor.worker': 'monaco-editor/editor/editor.worker',
    },
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: true,
    loader: { '.ttf': 'file' },
    plugins: [monacoFeatures],
    define: { REGELRATT_KEYWORDS: JSON.stringify(keywords) },
    logLevel: 'warning',
});
await cp(path.join(here, 'static'), out, { recursive: true });
console.log(`studio: ${keywords.length} keywords, ${features.split('\n').length} editor features; dist/ written`);
