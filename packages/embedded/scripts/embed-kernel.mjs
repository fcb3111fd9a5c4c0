// Compiles an AssemblyScript kernel to WebAssembly with SIMD and embeds it in a generated TypeScript module
// as base64, so that a package loads it the same way in Node and in a bundled browser app, with no file to
// find. Run from the package's directory:
//   node ../embedded/scripts/embed-kernel.mjs <kernel entry .ts> <generated .ts> <exported constant>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import asc from 'assemblyscript/asc';

const [entry, target, constant] = process.argv.slice(2);
if (!entry || !target || !/^[A-Za-z_$][\w$]*$/.test(constant ?? '')) {
  console.error('usage: node embed-kernel.mjs <kernel entry .ts> <generated .ts> <exported constant>');
  process.exit(2);
}
const root = process.cwd();
const outputs = {};
const { error, stderr } = await asc.main(
  [entry, '--outFile', 'kernel.wasm', '-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--baseDir', root],
  { writeFile: (name, contents) => (outputs[name] = contents), readFile: (name, base) => { try { return readFileSync(resolve(base, name), 'utf8'); } catch { return null; } } },
);
if (error) {
  console.error(stderr.toString());
  throw error;
}
const wasm = outputs['kernel.wasm'];
mkdirSync(dirname(resolve(root, target)), { recursive: true });
writeFileSync(
  resolve(root, target),
  `// Generated from ${dirname(entry)}/ by ../embedded/scripts/embed-kernel.mjs: do not edit.\nexport const ${constant} =\n  '${Buffer.from(wasm).toString('base64')}';\n`,
);
console.log(`${basename(entry, '.ts')} kernel: ${wasm.length} bytes of WebAssembly`);
