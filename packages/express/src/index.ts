export {
  type AllotCaller,
  createOpenApiDocument,
  csvFilename,
  type HttpProblemCode,
  httpProblem,
  type IssueLocation,
  type JsonSchema,
  type OpenApiDocument,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  type Problem,
  type ProblemCode,
  type ProblemIssue,
  problemFromAllotError,
  problemSchema,
  type ResponseName,
  responseSchemas,
} from '@allot/http';
export type { AllotRouterOptions, GetActor } from './options';
export { createAllotRouter } from './router';
