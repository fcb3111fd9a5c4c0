import { libraryConfig } from '../../tsup.config.base.mjs';

// The pool's worker is an entry of its own (dist/aim-worker.js), found beside the pool by import.meta.url,
// which the shims give the CommonJS build too.
export default { ...libraryConfig({ index: 'src/index.ts', tensor: 'src/tensor/index.ts', pool: 'src/pool-index.ts', 'aim-worker': 'src/aim-worker.ts' }), shims: true };
