export { type AllotPluginOptions, allotFrameworkErrors, allotPlugin } from './plugin';
