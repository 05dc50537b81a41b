import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type StdioServer } from './lsp-stdio.js';

/**
 * What the editor runs (the examples table, the preview) compiles the workspace in memory, and names
 * a national library's files as `compile` does (`regelratt:nationellt@<version>/…`): a reason knows a
 * library element by that name, and cites the library instead of the municipality's riktlinje.
 */
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-library-names-'));
const text = [
    'använd nationellt',
    'riktlinje r "Kommunens riktlinje för hemtjänst" {',
    '    giltig från 2024-01-01',
    '}',
    'exempel maxtaxa_2025 "Maxtaxan 2025" {',
    '    datum 2025-03-01',
    '    beräkning maxtaxa_hemtjänst',
    '    förväntat 2 642,08 kr',
    '}',
    '',
].join('\n');
let server: StdioServer;

beforeAll(async () => {
    writeFileSync(path.join(folder, 'avgift.regel'), text);
    server = await startServer(process.execPath, folder);
    server.open('avgift.regel', text);
    await server.diagnostics('avgift.regel', 60);
}, 90_000);

afterAll(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
});

describe('a national library element in the editor', () => {
    test('its reason in the examples table names the library, not the municipality\'s riktlinje', async () => {
        const table = await server.request('regelratt/examples', 'avgift.regel', {}, 60) as { rows: Array<{ name: string; reason?: string }>; problem?: string };
        expect(table.problem).toBeUndefined();
        const row = table.rows.find(r => r.name === 'maxtaxa_2025');
        expect(row?.reason).toContain('Nationell regel ur Regelrätts bibliotek nationellt');
        expect(row?.reason).not.toContain('Kommunens riktlinje');
    });
});
