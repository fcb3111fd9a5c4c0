import { libraryConfig } from '../../tsup.config.base.mjs';

export default libraryConfig({ index: 'src/index.ts', tensor: 'src/tensor/index.ts' });
