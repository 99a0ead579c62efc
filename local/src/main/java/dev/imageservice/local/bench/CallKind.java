package dev.imageservice.local.bench;

/**
 * The kinds of call one job makes to AWS and the database, each with how many of it a job makes:
 * what {@code bench sdk-floor} measures and how its per-job line adds them up. In the order the
 * per-job line names them.
 */
enum CallKind {
  /** A thumbnail's PUT of about 20 KB; the default presets make three per job. */
  S3_PUT("s3-put", 3),
  /** The original's GET into memory ({@code OriginalFetcher}, an original under its limit). */
  S3_GET("s3-get", 1),
  /** The outbox relay's {@code PublishBatch} of the job's {@code ThumbnailsGenerated}. */
  SNS("sns", 1),
  /** The listener container's receive of the job's message and its acknowledgement. */
  SQS("sqs", 1),
  /** One statement (or commit) through Jdbi and the pool: {@link #DB_ROUND_TRIPS_PER_JOB} a job. */
  DB("db", CallKind.DB_ROUND_TRIPS_PER_JOB);

  /**
   * The database round trips of one successful job, counted from the code paths: the claim (one
   * autocommitted {@code update ... returning}, {@code JobLifecycle#claim}); the success (one
   * autocommitted statement, {@code SucceedStatement}: the fenced status update, the thumbnail
   * rows, their preset versions and the outbox insert); the timings insert ({@code JobCosts}); the
   * relay's claim of the outbox row and its mark as published ({@code OutboxRelay#relayOnce}, one
   * statement each). A job whose event carries no preset definitions reads them too; none of the
   * bench's do.
   */
  static final int DB_ROUND_TRIPS_PER_JOB = 1 + 1 + 1 + 2;

  private final String label;
  private final int perJob;

  CallKind(String label, int perJob) {
    this.label = label;
    this.perJob = perJob;
  }

  /** The name in the output: {@code s3-put}, {@code db}. */
  String label() {
    return label;
  }

  /** How many of these calls one job makes. */
  int perJob() {
    return perJob;
  }
}
