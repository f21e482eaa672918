/**
 * What the Lambda runtime tells the code about where it runs, for the logs: the function's name
 * (AWS_LAMBDA_FUNCTION_NAME, set in every function's environment), "local" off Lambda. Not
 * configuration: nothing here can be set, and nothing needs links.
 */
export const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME || "local";
