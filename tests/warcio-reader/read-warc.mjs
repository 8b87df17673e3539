// Reads every WARC file named on the command line with Webrecorder's warcio.js, an independent implementation, and
// prints one JSON line per record: the file, the record's offset, its type, target URI, record id, the digests it
// declares, and the SHA-1 (base32) and length of the payload warcio.js returns (raw: not de-chunked, not decoded).
// A file warcio.js cannot parse, a record whose framing it complains about, or bytes after the last record it read (a
// torn record it skipped without a word) make the script exit with 1.
// usage: node read-warc.mjs FILE...
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { WARCParser } from "warcio";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) {
    out += alphabet[(value << (5 - bits)) & 31];
  }
  return out;
}

// warcio.js reports framing problems with console.warn and carries on: treat them as failures.
let warnings = 0;
const warn = console.warn;
console.warn = (...args) => {
  warnings++;
  warn(...args);
};

let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const parser = new WARCParser(createReadStream(file));
    let end = 0;
    for await (const record of parser) {
      const offset = parser.offset;
      const payload = await record.readFully(false);
      await record.skipFully();
      end = offset + parser.recordLength;
      const line = {
        file,
        offset,
        type: record.warcType,
        id: record.warcHeader("WARC-Record-ID") ?? null,
        uri: record.warcTargetURI ?? null,
        date: record.warcDate ?? null,
        concurrentTo: record.warcHeader("WARC-Concurrent-To") ?? null,
        declaredPayloadDigest: record.warcPayloadDigest ?? null,
        declaredBlockDigest: record.warcHeader("WARC-Block-Digest") ?? null,
        status: record.httpHeaders ? record.httpHeaders.statusCode ?? null : null,
        payloadLength: payload.length,
        payloadSha1: "sha1:" + base32(createHash("sha1").update(payload).digest()),
      };
      process.stdout.write(JSON.stringify(line) + "\n");
    }
    const size = statSync(file).size;
    if (end !== size) {
      failed = true;
      process.stderr.write(`${file}: the records read end at ${end}, the file at ${size}\n`);
    }
  } catch (error) {
    failed = true;
    process.stderr.write(`${file}: ${error && error.stack ? error.stack : error}\n`);
  }
}

if (failed || warnings > 0) {
  process.exit(1);
}
