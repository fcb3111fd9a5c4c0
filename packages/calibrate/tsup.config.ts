import { libraryConfig } from '../../tsup.config.base.mjs';

export default libraryConfig();
