// Every figure the bench prints, also kept as data: bench/run writes them to bench/results.json so that a
// script (or a person with `diff`) can compare runs. One entry per printed number:
//   { table, name, value, unit, peer, ratio }   (peer and ratio null where the row has no peer)
import fs from 'node:fs';

export class Results {
  constructor() { this.figures = []; }

  // ratio is value / peer's value, as the tables print it; missing values stay null (the row printed '-').
  record(table, name, value, unit, peer = null, peerValue = undefined) {
    const known = (x) => x !== undefined && x !== null && Number.isFinite(x);
    this.figures.push({
      table, name, value: known(value) ? value : null, unit, peer,
      ratio: peer && known(value) && known(peerValue) && peerValue !== 0 ? value / peerValue : null,
    });
  }

  // Writes a fresh file, or appends to the one an earlier step of the same bench/run wrote.
  write(file, { append = false } = {}) {
    let figures = this.figures;
    if (append && fs.existsSync(file)) figures = JSON.parse(fs.readFileSync(file, 'utf8')).figures.concat(figures);
    fs.writeFileSync(file, `${JSON.stringify({ written: new Date().toISOString(), figures }, null, 1)}\n`);
  }
}
