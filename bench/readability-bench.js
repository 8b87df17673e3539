// Mozilla Readability (with jsdom) over the same pages as the .NET benchmark, on one thread.
// usage: node readability-bench.js LIST [SECONDS]   (LIST: one page path per line)
'use strict';
const fs = require('fs');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const [listFile, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 20);
const pages = fs.readFileSync(listFile, 'utf8').split('\n').map(l => l.trim()).filter(Boolean)
  .map(path => ({ url: 'http://fakehost/test/page.html', html: fs.readFileSync(path, 'utf8') }));
const quiet = new VirtualConsole(); // pages' CSS and markup errors are not ours to print

function extractOne(page) {
  const dom = new JSDOM(page.html, { url: page.url, virtualConsole: quiet });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  return article ? article.textContent.length : 0;
}

for (const page of pages) extractOne(page); // warm-up, as on the .NET side
let done = 0;
const start = process.hrtime.bigint();
let elapsed = 0;
do {
  for (const page of pages) { extractOne(page); done++; }
  elapsed = Number(process.hrtime.bigint() - start) / 1e9;
} while (elapsed < seconds);
const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);
console.log(`readability.js pages ${done} distinct ${pages.length} avg-kb ${(bytes / 1024 / pages.length).toFixed(0)} seconds ${elapsed.toFixed(2)} pages/s ${(done / elapsed).toFixed(1)}`);
