export { main, colourWanted, type CliIO } from './main.js';
