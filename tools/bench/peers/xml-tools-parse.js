// Parses every file of a list (one path a line) with @xml-tools/parser, an error-tolerant XML
// parser for editor tooling: a plain syntax check, the Node.js peer of `eca-ls check` in the
// benchmarks (scripts/bench.sh). Prints how many files had lexing or parsing errors.
"use strict";
const fs = require("fs");
const { parse } = require("@xml-tools/parser");

const listing = process.argv[2];
if (!listing) {
  console.error("usage: node xml-tools-parse.js FILE_LIST");
  process.exit(2);
}
const files = fs.readFileSync(listing, "utf8").split("\n").filter(Boolean);
let withErrors = 0;
for (const file of files) {
  const { lexErrors, parseErrors } = parse(fs.readFileSync(file, "utf8"));
  if (lexErrors.length > 0 || parseErrors.length > 0) {
    withErrors += 1;
  }
}
console.log(JSON.stringify({ files: files.length, withErrors }));
