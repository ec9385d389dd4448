// What the workspace's tests run on. Private to this repository (not published).
export { type BrowserSource, CHROMIUM_ARGS, chromiumExecutable, launchChromium } from './browser';
export { type Cluster, type ClusterOptions, freePort, startCluster } from './cluster';
export { type CommitCut, type FaultProxy, startFaultProxy } from './fault-proxy';
export { PG_URL_VARIABLE, provideTestPostgres, type TestPostgres, testPostgresUrl } from './postgres';
export {
  type Replica,
  type ReplicatedCluster,
  type ReplicatedClusterOptions,
  startReplicatedCluster,
} from './replica';
