'use strict';
// The baseline for Touchpoint's text benches: npm vader-sentiment, run on the same texts in the same run.
//   node score.js accuracy <file.tsv>...      prints "<file name>\t<id>\t<compound>" for every record
//   node score.js speed <file.tsv> <repeat> <runs>
//                                             scores the texts <repeat> times per run after one warm-up
//                                             pass and prints one JSON line per run: {"texts":N,"seconds":S}
// Records are the corpora's TSV lines: id <TAB> mean rating <TAB> text.
const fs = require('fs');
const path = require('path');
const vader = require('vader-sentiment');

function read(file) {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.length > 0).map((line) => {
    const parts = line.split('\t');
    return { id: parts[0], text: parts.slice(2).join('\t') };
  });
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'accuracy') {
  const out = [];
  for (const file of args) {
    const name = path.basename(file);
    for (const record of read(file)) {
      const score = vader.SentimentIntensityAnalyzer.polarity_scores(record.text);
      out.push(`${name}\t${record.id}\t${score.compound}`);
    }
  }
  process.stdout.write(out.join('\n') + '\n');
} else if (mode === 'speed') {
  const texts = read(args[0]).map((r) => r.text);
  const repeat = Number(args[1] || 1);
  const runs = Number(args[2] || 3);
  let sink = 0;
  for (const text of texts) {
    sink += vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  }
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    for (let r = 0; r < repeat; r++) {
      for (const text of texts) {
        sink += vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
      }
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    process.stdout.write(JSON.stringify({ texts: texts.length * repeat, seconds, sink: Math.round(sink) }) + '\n');
  }
} else {
  process.stderr.write('usage: node score.js accuracy <file.tsv>... | speed <file.tsv> <repeat> <runs>\n');
  process.exit(2);
}
