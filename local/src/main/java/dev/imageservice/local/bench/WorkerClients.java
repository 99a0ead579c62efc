package dev.imageservice.local.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.imageservice.common.db.JdbiFactory;
import dev.imageservice.localinfra.LocalEndpoints;
import io.awspring.cloud.core.SpringCloudClientConfiguration;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The worker's AWS and database clients, pointed at the embedded servers, built with the settings
 * the worker's Spring configuration gives them (mirrored here, not read from it: the worker's
 * context would start its listeners, relay and timers, whose CPU is not the calls'):
 *
 * <ul>
 *   <li>S3, as spring-cloud-aws builds it from {@code thumbnail-worker.yml}: the sync client with
 *       the SDK's default HTTP client (apache5 from the class path), path-style addressing ({@code
 *       path-style-access-enabled}, set by {@link LocalEndpoints#springProperties}), {@code
 *       chunked-encoding-enabled: false} ({@link #CHUNKED_ENCODING}); with the worker's two
 *       customizers, checksums only when required ({@code S3ChecksumConfig}) and no SDK retries
 *       ({@code ResilienceConfig}); and spring-cloud-aws's override configuration (its user agent).
 *   <li>SNS: sync, SDK retries off ({@code SharedInfrastructureConfiguration#snsClient}).
 *   <li>SQS: the async client with the SDK's default (Netty) HTTP client and spring-cloud-aws's
 *       override configuration, as spring-cloud-aws builds the listener container's.
 *   <li>PostgreSQL: Jdbi ({@link JdbiFactory}, as both services) over a Hikari pool with the
 *       worker's timeouts ({@link #CONNECTION_TIMEOUT_MILLIS}, {@link #VALIDATION_TIMEOUT_MILLIS})
 *       and Boot's other defaults.
 * </ul>
 *
 * {@code WorkerClientsTest} fails when {@code thumbnail-worker.yml} changes a mirrored value. The
 * {@code sender} is no worker's: it sends the messages the SQS client receives, outside the
 * measured windows. Thread-safe as the SDK clients are; close once.
 */
record WorkerClients(
    S3Client s3,
    SnsClient sns,
    SqsAsyncClient sqs,
    SqsClient sender,
    HikariDataSource pool,
    Jdbi jdbi)
    implements AutoCloseable {

  /** {@code spring.cloud.aws.s3.chunked-encoding-enabled} of {@code thumbnail-worker.yml}. */
  static final boolean CHUNKED_ENCODING = false;

  /** {@code spring.datasource.hikari.connection-timeout} of {@code thumbnail-worker.yml}. */
  static final long CONNECTION_TIMEOUT_MILLIS = 3000;

  /** {@code spring.datasource.hikari.validation-timeout} of {@code thumbnail-worker.yml}. */
  static final long VALIDATION_TIMEOUT_MILLIS = 2000;

  /** What spring-cloud-aws gives the clients it builds (its user agent), S3's and SQS's here. */
  private static final ClientOverrideConfiguration SPRING_CLOUD_AWS =
      new SpringCloudClientConfiguration().clientOverrideConfiguration();

  static WorkerClients connect(LocalEndpoints endpoints) {
    AwsCredentialsProvider credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(endpoints.accessKey(), endpoints.secretKey()));
    Region region = Region.of(endpoints.region());
    S3Client s3 =
        S3Client.builder()
            .credentialsProvider(credentials)
            .region(region)
            .endpointOverride(endpoints.s3())
            .serviceConfiguration(
                S3Configuration.builder()
                    .pathStyleAccessEnabled(true)
                    .chunkedEncodingEnabled(CHUNKED_ENCODING)
                    .build())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(
                SPRING_CLOUD_AWS.toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build())
            .build();
    SnsClient sns =
        SnsClient.builder()
            .credentialsProvider(credentials)
            .region(region)
            .endpointOverride(endpoints.sns())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    SqsAsyncClient sqs =
        SqsAsyncClient.builder()
            .credentialsProvider(credentials)
            .region(region)
            .endpointOverride(endpoints.sqs())
            .overrideConfiguration(SPRING_CLOUD_AWS)
            .build();
    SqsClient sender =
        SqsClient.builder()
            .credentialsProvider(credentials)
            .region(region)
            .endpointOverride(endpoints.sqs())
            .build();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(endpoints.jdbcUrl());
    config.setUsername(endpoints.dbUsername());
    config.setPassword(endpoints.dbPassword());
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    config.setValidationTimeout(VALIDATION_TIMEOUT_MILLIS);
    HikariDataSource pool = new HikariDataSource(config);
    return new WorkerClients(s3, sns, sqs, sender, pool, JdbiFactory.create(pool));
  }

  @Override
  public void close() {
    s3.close();
    sns.close();
    sqs.close();
    sender.close();
    pool.close();
  }
}
