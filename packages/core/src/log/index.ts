export { type Fields, logContext, takeColdStart, withLogContext } from "./context.ts";
export { createLogger, type Logger, type LoggerOptions, log } from "./logger.ts";
