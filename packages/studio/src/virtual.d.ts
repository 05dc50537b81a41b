/** Monaco's editor features, gathered at build time (build.mjs). */
declare module 'virtual:monaco-features';
