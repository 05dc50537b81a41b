/**
 * The plain loop `regelratt eval` on a register is measured against (issue 13): readline over the
 * NDJSON file, JSON.parse of each line, the hand-written Örebro function, JSON.stringify of each
 * answer, written to stdout through one buffered stream. Usage: node readline-baseline.mjs <register>
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { baseline, setRates } from './orebro-register.mjs';

// Örebro's rates on the register's date (what `eval` answers for every case), configured by hand.
const RATES = [{"rate": "flatRate/hsl_schablon", "error": {"code": "open-amount", "message": "Policyn anger inget belopp för hsl_schablon.", "details": {"rate": "flatRate/hsl_schablon"}}}, {"rate": "placeRate/voo_plats", "error": {"code": "open-amount", "message": "Policyn anger inget belopp för voo_plats.", "details": {"rate": "placeRate/voo_plats"}}}, {"rate": "hourlyRate/arbetsterapeut_tid", "amount": "337.5", "per": "hour"}];
setRates(RATES);
let buffer = '';
for await (const line of createInterface({ input: createReadStream(process.argv[2], 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    buffer += `${JSON.stringify(baseline(JSON.parse(line)))}\n`;
    if (buffer.length > 1 << 16) {
        if (!process.stdout.write(buffer)) await new Promise(resolve => process.stdout.once('drain', resolve));
        buffer = '';
    }
}
process.stdout.write(buffer);
