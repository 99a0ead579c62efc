-- The job's trace continues into its webhook deliveries (issue 17): the W3C trace context of the
-- completion event (its SQS message attribute) is kept with each delivery, so that every attempt,
-- however much later the dispatcher makes it, is a span of the job's trace. Null for deliveries
-- recorded before this column existed or while tracing was off: their attempts start a trace.
alter table webhook_deliveries add column traceparent text;
