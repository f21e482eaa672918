/**
 * Alarms that say production needs a look, all sent to one SNS topic: subscribe to it once (an
 * email address in infra/stages.ts `alarmEmail`, or any subscription by hand) and every alarm
 * reaches you. Chosen over bare alarms, which only change colour in the console nobody watches.
 *   - an ObjectCreated event failed all its retries and sits in the failure queue;
 *   - any function reported an error (an unhandled one: a 4xx answer is not an error);
 *   - the API was throttled by its reserved concurrency (clients got 429).
 * Five alarms: within CloudWatch's 10 free ones.
 */
import { api } from "./api.ts";
import { objectCreated } from "./events.ts";
import { settings } from "./functions.ts";
import { objectCreatedFailures } from "./queues.ts";
import { sweeper } from "./sweeper.ts";

export const alarms = new sst.aws.SnsTopic("Alarms");

if (settings.alarmEmail) {
  new aws.sns.TopicSubscription("AlarmsEmail", { topic: alarms.arn, protocol: "email", endpoint: settings.alarmEmail });
}

/** Fires when the metric is above 0 in any 5 minutes; says so again when it is back to 0. */
const fiveMinutes = {
  period: 300,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: "GreaterThanThreshold",
  treatMissingData: "notBreaching",
  alarmActions: [alarms.arn],
  okActions: [alarms.arn],
} satisfies Partial<aws.cloudwatch.MetricAlarmArgs>;

new aws.cloudwatch.MetricAlarm("ObjectCreatedFailedEvents", {
  ...fiveMinutes,
  alarmDescription: "An S3 ObjectCreated event failed every retry; read it in the ObjectCreatedFailures queue.",
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: objectCreatedFailures.nodes.queue.name },
  statistic: "Maximum",
});

const functions = {
  Api: api.name,
  ObjectCreated: objectCreated.name,
  Sweeper: sweeper.nodes.function.name,
};

for (const [name, functionName] of Object.entries(functions)) {
  new aws.cloudwatch.MetricAlarm(`${name}Errors`, {
    ...fiveMinutes,
    alarmDescription: `The ${name} function failed (an unhandled error or a timeout); its logs say why.`,
    namespace: "AWS/Lambda",
    metricName: "Errors",
    dimensions: { FunctionName: functionName },
    statistic: "Sum",
  });
}

new aws.cloudwatch.MetricAlarm("ApiThrottles", {
  ...fiveMinutes,
  alarmDescription: "The API turned requests away with 429 (reserved concurrency in infra/stages.ts).",
  namespace: "AWS/Lambda",
  metricName: "Throttles",
  dimensions: { FunctionName: api.name },
  statistic: "Sum",
});
