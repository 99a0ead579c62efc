package dev.imageservice.api.deletion;

import dev.imageservice.api.storage.ThumbnailLinks;
import dev.imageservice.common.deletion.PendingDeletion;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClientBuilder;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Invalidates a deleted job's thumbnail paths in CloudFront, when a distribution is configured: an
 * edge may otherwise serve a cached copy until it expires. The caller reference is derived from the
 * deletion, so a retried pass asks for the same invalidation instead of a new one. Without a
 * distribution this does nothing (presigned S3 links to deleted objects answer 404 by themselves).
 * Thread-safe.
 */
@Component
final class CdnInvalidation implements DisposableBean {

  private final @Nullable String distributionId;
  private final @Nullable CloudFrontClient cloudFront;

  CdnInvalidation(
      DeletionProperties properties, ObjectProvider<AwsCredentialsProvider> credentials) {
    this.distributionId = properties.cloudfrontDistributionId();
    if (distributionId == null) {
      this.cloudFront = null;
    } else {
      // CloudFront is a global service signed in us-east-1; credentials are the ones Spring Cloud
      // AWS gives the other clients (the default chain: IRSA in Kubernetes).
      CloudFrontClientBuilder builder = CloudFrontClient.builder().region(Region.AWS_GLOBAL);
      credentials.ifAvailable(builder::credentialsProvider);
      if (properties.cloudfrontEndpoint() != null) {
        builder.endpointOverride(properties.cloudfrontEndpoint());
      }
      this.cloudFront = builder.build();
    }
  }

  /** The distribution path that covers every thumbnail of the deleted job. */
  static String pathOf(PendingDeletion deletion) {
    return ThumbnailLinks.CLOUDFRONT_PREFIX
        + SdkHttpUtils.urlEncodeIgnoreSlashes(deletion.prefix())
        + "*";
  }

  /**
   * @return whether an invalidation was requested
   * @throws software.amazon.awssdk.core.exception.SdkException when CloudFront refused or could not
   *     be reached (the pass is retried)
   */
  boolean invalidate(PendingDeletion deletion) {
    if (cloudFront == null) {
      return false;
    }
    cloudFront.createInvalidation(
        r ->
            r.distributionId(distributionId)
                .invalidationBatch(
                    b ->
                        b.callerReference("job-deletion-" + deletion.id())
                            .paths(p -> p.quantity(1).items(pathOf(deletion)))));
    return true;
  }

  @Override
  public void destroy() {
    if (cloudFront != null) {
      cloudFront.close();
    }
  }
}
