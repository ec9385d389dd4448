import { packageConfig } from '../../tsup.config.base';

export default packageConfig({ entry: { index: 'src/index.ts', node: 'src/node/index.ts' } });
