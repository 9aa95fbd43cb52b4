// Prints the bibliography of a CSL-JSON file in a CSL style with citeproc-js (through
// citation-js), one entry per line, in the file's order for styles without a sort: the
// reference CSL processor, next to pandoc's, for tests/cite_academic.rs. Usage:
// node citeproc_js.js ITEMS.json STYLE.csl
'use strict';
const fs = require('fs');
const { Cite, plugins } = require('@citation-js/core');
require('@citation-js/plugin-csl');

const [json, csl] = process.argv.slice(2);
const config = plugins.config.get('@csl');
config.styles.add('under-test', fs.readFileSync(csl, 'utf8'));
const cite = new Cite(JSON.parse(fs.readFileSync(json, 'utf8')));
const text = cite.format('bibliography', { format: 'text', template: 'under-test', lang: 'en-US' });
process.stdout.write(text.split('\n').filter((l) => l.trim()).join('\n') + '\n');
