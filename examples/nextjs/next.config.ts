import type { NextConfig } from 'next';

const config: NextConfig = {
  // The workspace packages are read from their TypeScript sources (the `@allot/source` export
  // condition, as the tests do), so the app builds without building the packages first.
  transpilePackages: ['@allot/core', '@allot/http', '@allot/memory', '@allot/react'],
  // Allot answers every path under its mount itself: no redirect of /members/ to /members first.
  skipTrailingSlashRedirect: true,
  webpack(webpackConfig) {
    webpackConfig.resolve.conditionNames = ['@allot/source', '...'];
    return webpackConfig;
  },
};

export default config;
