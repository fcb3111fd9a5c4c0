import { libraryConfig } from '../../tsup.config.base.mjs';

// The landing pool's worker is an entry of its own (dist/landing-worker.js), found beside the pool by
// import.meta.url, which the shims give the CommonJS build too.
export default { ...libraryConfig({ index: 'src/index.ts', tensor: 'src/tensor/index.ts', pool: 'src/pool-index.ts', 'landing-worker': 'src/landing-worker.ts' }), shims: true };
