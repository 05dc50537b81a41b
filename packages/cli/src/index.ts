export { main, type CliIO } from './main.js';
