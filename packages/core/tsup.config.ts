import { packageConfig } from '../../tsup.config.base';

// The public email providers' list is bundled into dist (a JSON import is not portable across
// runtimes and module formats), so core reads no file at run time.
export default packageConfig({
  entry: { index: 'src/index.ts', port: 'src/entry-port.ts' },
  noExternal: ['email-providers'],
});
