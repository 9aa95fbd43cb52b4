// Reads an export with citation-js and fails if it logs anything or finds the wrong
// number of records. Usage: node citation_js_check.js csl|bibtex|ris FILE COUNT
'use strict';
const fs = require('fs');
const logged = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => logged.push(`${level}: ${args.join(' ')}`);
}
const { Cite, logger } = require('@citation-js/core');
require('@citation-js/plugin-csl');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-ris');
if (logger && logger.setLogLevel) logger.setLogLevel('warn');

const [format, file, count] = process.argv.slice(2);
const type = { csl: '@csl/list+object', bibtex: '@biblatex/text', ris: '@ris/file' }[format];
if (!type) {
  process.stderr.write(`unknown format ${format}\n`);
  process.exit(2);
}
let text = fs.readFileSync(file, 'utf8');
let input = format === 'csl' ? JSON.parse(text) : text;
let items;
try {
  items = new Cite(input, { forceType: type }).data;
} catch (e) {
  process.stderr.write(`citation-js could not read ${file}: ${e.message}\n`);
  process.exit(1);
}
let problems = logged.slice();
if (items.length !== Number(count)) {
  problems.push(`expected ${count} records, citation-js read ${items.length}`);
}
for (const item of items) {
  if (!item.title) problems.push(`record ${item.id} has no title`);
  if (!item.type) problems.push(`record ${item.id} has no type`);
}
if (problems.length) {
  process.stderr.write(problems.join('\n') + '\n');
  process.exit(1);
}
process.stdout.write(`read ${items.length} records; types: ${[...new Set(items.map((i) => i.type))].join(', ')}\n`);
