package dev.imageservice.api.deletion;

import dev.imageservice.api.storage.StorageProperties;
import dev.imageservice.common.deletion.DeletionScope;
import dev.imageservice.common.deletion.PendingDeletion;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes a deletion's objects from S3. A job deletion lists the job's prefix ({@code tenant/job/})
 * in both buckets and deletes whatever is there, so renditions of any preset or format, including
 * ones no row knew of, go too; an original deletion removes the one original object. Deleting a
 * missing object succeeds, so a repeated pass is harmless. S3 failures propagate (the sweeper
 * retries the pass later). Thread-safe.
 */
@Component
class ObjectPurge {

  private final S3Client s3;
  private final StorageProperties storage;

  ObjectPurge(S3Client s3, StorageProperties storage) {
    this.s3 = s3;
    this.storage = storage;
  }

  /**
   * @return how many objects were deleted
   */
  int purge(PendingDeletion deletion) {
    if (deletion.scope() == DeletionScope.ORIGINAL) {
      s3.deleteObject(r -> r.bucket(deletion.originalBucket()).key(deletion.originalKey()));
      return 1;
    }
    // The original's own key too, in case its bucket is not the images bucket of today's config.
    s3.deleteObject(r -> r.bucket(deletion.originalBucket()).key(deletion.originalKey()));
    int deleted = 1;
    deleted += deletePrefix(storage.imagesBucket(), deletion.prefix());
    deleted += deletePrefix(storage.thumbnailsBucket(), deletion.prefix());
    return deleted;
  }

  private int deletePrefix(String bucket, String prefix) {
    int deleted = 0;
    // One DeleteObject per key: the contract-tested call (S3ContractTest); a job has a handful.
    for (S3Object object :
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
      s3.deleteObject(r -> r.bucket(bucket).key(object.key()));
      deleted++;
    }
    return deleted;
  }
}
