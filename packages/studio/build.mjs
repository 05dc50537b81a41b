/**
 * Builds Regelrätt Studio as static files in dist/ (what `regelratt studio` serves, and what an IT
 * department can host anywhere): the app with Monaco, the language server as a web worker (the same
 * @regelratt/language the command line uses), Monaco's editor worker, styles and fonts. The keywords
 * for Monaco's tokenizer come from the grammar (the TextMate grammar Langium generates from it).
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const grammar = JSON.parse(await readFile(path.join(here, '../../syntaxes/regelratt.generated.tmLanguage.json'), 'utf8'));
const keywordPattern = grammar.patterns.find(p => p.name?.startsWith('keyword')).match;
// Langium writes the keywords as groups, `\\b(…)\\b|\\B(åtgärd|…)\\b|\\b(nivå|…)\\B` (a word boundary
// falls differently before and after å, ä, ö): every group's alternatives, not the pattern split whole.
const keywords = [...keywordPattern.matchAll(/\\[bB]\(([^)]*)\)\\[bB]/g)].flatMap(group => group[1].split('|')).map(k => k.replace(/\\/g, ''));
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
// Monaco's own texts in Swedish: Monaco looks each message up by its number in a global table (see
// src/locale.ts), so the Swedish of locale/monaco-sv.json is put at the numbers its English has in
// this Monaco; a text not translated stays English.
const swedish = JSON.parse(await readFile(path.join(here, 'locale/monaco-sv.json'), 'utf8'));
const monacoSv = {};
const found = new Set();
for (const file of await readdir(path.join(monacoEditor, '..'), { recursive: true })) {
    if (!file.endsWith('.js') || file.includes('languages/')) continue;
    const source = await readFile(path.join(monacoEditor, '..', file), 'utf8');
    for (const [, index, quoted] of source.matchAll(/\blocalize2?\((\d+),\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/g)) {
        const body = quoted.slice(1, -1).replace(/[\u0000-\u001f]/g, c => JSON.stringify(c).slice(1, -1));
        let english;
        try {
            english = JSON.parse(`"${quoted.startsWith('"') ? body : body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`);
        } catch {
            continue; // escapes JSON does not know (none in the texts a writer sees)
        }
        if (Object.hasOwn(swedish, english)) {
            monacoSv[index] = swedish[english];
            found.add(english);
        }
    }
}
const unknown = Object.keys(swedish).filter(english => !found.has(english));
if (unknown.length > 0) {
    throw new Error(`locale/monaco-sv.json: not texts of this Monaco: ${unknown.join(' | ')}`);
}
/** The shipped libraries' files by path under packages/language/library, for the worker (`använd nationellt` without a file system). */
async function libraryFiles() {
    const root = path.join(here, '../language/library');
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    const files = {};
    for (const entry of entries.filter(e => e.isFile())) {
        const full = path.join(entry.parentPath ?? entry.path, entry.name);
        files[path.relative(root, full).split(path.sep).join('/')] = await readFile(full, 'utf8');
    }
    return files;
}

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
    define: { REGELRATT_KEYWORDS: JSON.stringify(keywords), MONACO_SV: JSON.stringify(monacoSv), REGELRATT_LIBRARY: JSON.stringify(await libraryFiles()) },
    logLevel: 'warning',
});
await cp(path.join(here, 'static'), out, { recursive: true });
// Hosted as static files, the app opens offline: a service worker keeps every file it needs.
const assets = (await readdir(out)).filter(file => !file.endsWith('.map'));
await writeFile(path.join(out, 'sw.js'), `// Generated by build.mjs: the studio's files, kept for use without a network (network first, so an update is taken when online).
const CACHE = 'regelratt-studio-${Date.now().toString(36)}';
const FILES = ${JSON.stringify(['./', ...assets])};
self.addEventListener('install', event => event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(FILES))));
self.addEventListener('activate', event => event.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(key => key !== CACHE).map(key => caches.delete(key))))));
self.addEventListener('fetch', event => {
    if (event.request.method !== 'GET' || new URL(event.request.url).pathname.includes('/api/')) return;
    event.respondWith(fetch(event.request).then(response => {
        const copy = response.clone();
        void caches.open(CACHE).then(cache => cache.put(event.request, copy));
        return response;
    }).catch(() => caches.match(event.request)));
});
`);
console.log(`studio: ${keywords.length} keywords, ${features.split('\n').length} editor features; dist/ written`);
