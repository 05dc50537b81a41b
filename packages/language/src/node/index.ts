// What only Node can do (run git): kept out of the main entry and `./lsp`, which the studio runs in a browser.
export { readRevision, type RevisionFile, type RevisionFiles } from './git-revision.js';
