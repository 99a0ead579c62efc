package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The diagram's "S3 Storage": the originals bucket (the diagram's {@code images-bucket-<env>}) and
 * the thumbnails bucket ({@code thumbnails-bucket-<env>}), with generated names, both encrypted
 * with the customer-managed key, TLS-only and private, with server access logs in a separate log
 * bucket (which also takes the CloudFront logs).
 */
public final class Storage extends Construct {

  private final Bucket logs;
  private final Bucket images;
  private final Bucket thumbnails;

  Storage(Construct scope, String id, EnvironmentSettings settings, IKey key) {
    super(scope, id);
    RemovalPolicy removal = settings.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    logs =
        Bucket.Builder.create(this, "AccessLogs")
            // S3 server access logging delivers only to SSE-S3 buckets; CloudFront needs ACLs.
            .encryption(BucketEncryption.S3_MANAGED)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(365)).build()))
            .removalPolicy(removal)
            .build();
    Suppressions.suppress(
        logs, "S1", "This is the access-log bucket; logging it into itself would loop.");
    // Names are generated (S3 names are global: a fixed name collides with any other account's);
    // the stack exports them and the Helm values are generated from those outputs.
    images = dataBucket("Images", "images/", key, removal);
    thumbnails = dataBucket("Thumbnails", "thumbnails/", key, removal);
  }

  private Bucket dataBucket(String id, String logPrefix, IKey key, RemovalPolicy removal) {
    return Bucket.Builder.create(this, id)
        .encryption(BucketEncryption.KMS)
        .encryptionKey(key)
        .bucketKeyEnabled(true)
        .enforceSsl(true)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .serverAccessLogsBucket(logs)
        .serverAccessLogsPrefix(logPrefix)
        .lifecycleRules(
            List.of(
                LifecycleRule.builder()
                    .abortIncompleteMultipartUploadAfter(Duration.days(1))
                    .build()))
        .removalPolicy(removal)
        .build();
  }

  /** The originals bucket. */
  public Bucket images() {
    return images;
  }

  /** The thumbnails bucket. */
  public Bucket thumbnails() {
    return thumbnails;
  }

  /** The log bucket (S3 server access logs, CloudFront logs). */
  public Bucket logs() {
    return logs;
  }
}
