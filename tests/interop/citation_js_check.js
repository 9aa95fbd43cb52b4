// Reads an export with citation-js and fails if it logs anything, finds the wrong
// number of records, or a record without a title or type. Usage:
// node citation_js_check.js csl|bibtex|ris FILE COUNT [CSL_JSON]
// With CSL_JSON (the CSL-JSON export of the same records), a record whose item there has
// no title may lack one here too; every other record must have one.
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

const [format, file, count, cslJson] = process.argv.slice(2);
const untitled = new Set(
  cslJson ? JSON.parse(fs.readFileSync(cslJson, 'utf8')).filter((i) => !i.title).map((i) => i.id) : [],
);
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
  if (!item.title && !untitled.has(item.id)) problems.push(`record ${item.id} has no title`);
  if (!item.type) problems.push(`record ${item.id} has no type`);
}
if (problems.length) {
  process.stderr.write(problems.join('\n') + '\n');
  process.exit(1);
}
process.stdout.write(`read ${items.length} records; types: ${[...new Set(items.map((i) => i.type))].join(', ')}\n`);
