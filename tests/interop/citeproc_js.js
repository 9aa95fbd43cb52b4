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
// citeproc-js 2.4 throws (`this["et-al"].single` undefined) on a style whose `<et-al>`
// element carries formatting, as IEEE's `<et-al term="et al" font-style="italic"/>`
// does; without the element it prints the same text (italics do not show in text
// output, and the term is the same), so the element is left out.
const style = fs.readFileSync(csl, 'utf8').replace(/<et-al\b[^>]*\/>/g, '');
config.styles.add('under-test', style);
const cite = new Cite(JSON.parse(fs.readFileSync(json, 'utf8')));
const text = cite.format('bibliography', { format: 'text', template: 'under-test', lang: 'en-US' });
process.stdout.write(text.split('\n').filter((l) => l.trim()).join('\n') + '\n');
