export { type ResponseName, responseSchemas } from './components';
export { csvFilename } from './csv-filename';
export { type AllotHandler, createAllotHandler } from './handler';
export type { JsonSchema } from './json-schema';
export { createOpenApiDocument, type OpenApiDocument } from './openapi';
export type { AllotCaller, AllotHandlerOptions, GetRequestActor } from './options';
export {
  type HttpProblemCode,
  httpProblem,
  type IssueLocation,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  type Problem,
  type ProblemCode,
  type ProblemIssue,
  problemFromAllotError,
  problemSchema,
} from './problem';
export type { Access, HttpMethod, PartSchema, Reply, Route, RouteCall } from './route';
export { allotRoutes } from './routes';
