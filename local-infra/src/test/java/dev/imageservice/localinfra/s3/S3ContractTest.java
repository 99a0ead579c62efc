package dev.imageservice.localinfra.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 behaviour our services and an operator (AWS CLI: {@code aws s3 ls}, {@code s3api
 * list-objects-v2}, deletes, presigned links) rely on, run against our embedded S3 (S3Proxy, with
 * its filesystem store as the local run uses it and its transient store as the tests use it) and
 * against fauxqs's independent S3 emulation. Subclasses provide the clients; each test works in a
 * fresh bucket.
 */
public abstract class S3ContractTest {

  /** Keys shaped like the thumbnails': tenant / job id / preset. */
  private static final List<String> KEYS =
      List.of(
          "local/0b7e/medium.jpg",
          "local/0b7e/small.jpg",
          "local/0b7e/square.jpg",
          "local/9f21/small.webp",
          "other/5c3a/small.png",
          "readme.txt");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String bucket;

  protected abstract S3Client s3();

  protected abstract S3Presigner presigner();

  @BeforeEach
  void freshBucket() {
    bucket = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    s3().createBucket(r -> r.bucket(bucket));
  }

  @Test
  void listsEveryStoredKeyInOrder() {
    putAll(KEYS);

    ListObjectsV2Response listing = s3().listObjectsV2(r -> r.bucket(bucket));

    assertThat(listing.contents()).extracting(S3Object::key).containsExactlyElementsOf(KEYS);
    assertThat(listing.keyCount()).isEqualTo(KEYS.size());
    assertThat(listing.isTruncated()).isFalse();
    assertThat(listing.contents()).allSatisfy(o -> assertThat(o.size()).isPositive());
  }

  @Test
  void listsOnlyKeysUnderThePrefix() {
    putAll(KEYS);

    ListObjectsV2Response listing = s3().listObjectsV2(r -> r.bucket(bucket).prefix("local/0b7e/"));

    assertThat(listing.contents())
        .extracting(S3Object::key)
        .containsExactly("local/0b7e/medium.jpg", "local/0b7e/small.jpg", "local/0b7e/square.jpg");
  }

  @Test
  void delimiterFoldsDeeperKeysIntoCommonPrefixes() {
    putAll(KEYS);

    ListObjectsV2Response top = s3().listObjectsV2(r -> r.bucket(bucket).delimiter("/"));
    ListObjectsV2Response tenant =
        s3().listObjectsV2(r -> r.bucket(bucket).prefix("local/").delimiter("/"));

    assertThat(top.contents()).extracting(S3Object::key).containsExactly("readme.txt");
    assertThat(top.commonPrefixes())
        .extracting(CommonPrefix::prefix)
        .containsExactly("local/", "other/");
    assertThat(tenant.contents()).isEmpty();
    assertThat(tenant.commonPrefixes())
        .extracting(CommonPrefix::prefix)
        .containsExactly("local/0b7e/", "local/9f21/");
  }

  @Test
  void pagesThroughKeysWithMaxKeysAndContinuationToken() {
    putAll(KEYS);

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String token = null;
    do {
      String from = token;
      ListObjectsV2Response page =
          s3().listObjectsV2(r -> r.bucket(bucket).maxKeys(4).continuationToken(from));
      page.contents().forEach(o -> seen.add(o.key()));
      pageSizes.add(page.contents().size());
      token = page.isTruncated() ? page.nextContinuationToken() : null;
      assertThat(page.isTruncated()).isEqualTo(token != null);
    } while (token != null);

    assertThat(pageSizes).containsExactly(4, 2);
    assertThat(seen).containsExactlyElementsOf(KEYS);
    assertThat(s3().listObjectsV2Paginator(r -> r.bucket(bucket).maxKeys(1)).contents())
        .extracting(S3Object::key)
        .containsExactlyElementsOf(KEYS);
  }

  @Test
  void startAfterSkipsKeysUpToAndIncludingIt() {
    putAll(KEYS);

    ListObjectsV2Response listing =
        s3().listObjectsV2(r -> r.bucket(bucket).startAfter("local/9f21/small.webp"));

    assertThat(listing.contents())
        .extracting(S3Object::key)
        .containsExactly("other/5c3a/small.png", "readme.txt");
  }

  @Test
  void deleteRemovesTheObjectAndRepeatingItSucceeds() {
    putAll(KEYS);

    s3().deleteObject(r -> r.bucket(bucket).key("readme.txt"));
    s3().deleteObject(r -> r.bucket(bucket).key("readme.txt"));

    assertThatThrownBy(() -> s3().getObjectAsBytes(r -> r.bucket(bucket).key("readme.txt")))
        .isInstanceOf(NoSuchKeyException.class);
    assertThat(keys()).containsExactlyElementsOf(KEYS.subList(0, KEYS.size() - 1));
  }

  @Test
  void deleteObjectsRemovesManyKeysInOneCall() {
    putAll(KEYS);
    List<ObjectIdentifier> doomed =
        KEYS.subList(0, 3).stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();

    DeleteObjectsResponse response =
        s3().deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(doomed)));

    assertThat(response.errors()).isEmpty();
    assertThat(response.deleted())
        .extracting(DeletedObject::key)
        .containsExactlyInAnyOrderElementsOf(KEYS.subList(0, 3));
    assertThat(keys()).containsExactlyElementsOf(KEYS.subList(3, KEYS.size()));
  }

  @Test
  void rangedGetReturnsOnlyTheBytesAsked() {
    s3().putObject(r -> r.bucket(bucket).key("digits"), RequestBody.fromString("0123456789"));

    ResponseBytes<GetObjectResponse> middle =
        s3().getObjectAsBytes(r -> r.bucket(bucket).key("digits").range("bytes=2-5"));
    ResponseBytes<GetObjectResponse> tail =
        s3().getObjectAsBytes(r -> r.bucket(bucket).key("digits").range("bytes=7-"));

    assertThat(middle.asUtf8String()).isEqualTo("2345");
    assertThat(middle.response().contentRange()).isEqualTo("bytes 2-5/10");
    assertThat(middle.response().contentLength()).isEqualTo(4L);
    assertThat(tail.asUtf8String()).isEqualTo("789");
  }

  @Test
  void presignedPutThenPresignedGetRoundTripTheBytes() throws Exception {
    URI put =
        presigner()
            .presignPutObject(
                p ->
                    p.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(r -> r.bucket(bucket).key("shared/link.txt")))
            .url()
            .toURI();
    URI get =
        presigner()
            .presignGetObject(
                p ->
                    p.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(r -> r.bucket(bucket).key("shared/link.txt")))
            .url()
            .toURI();

    HttpResponse<String> stored =
        send(
            HttpRequest.newBuilder(put)
                .PUT(HttpRequest.BodyPublishers.ofString("through a link"))
                .build());
    HttpResponse<String> fetched = send(HttpRequest.newBuilder(get).GET().build());

    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo("through a link");
    assertThat(keys()).containsExactly("shared/link.txt");
  }

  @Test
  void gettingAMissingKeyIsNoSuchKey() {
    assertThatThrownBy(() -> s3().getObjectAsBytes(r -> r.bucket(bucket).key("absent.jpg")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  /** Every key of the test's bucket, through all pages. */
  protected List<String> keys() {
    return s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  protected String bucket() {
    return bucket;
  }

  protected void putAll(List<String> keys) {
    for (String key : keys) {
      s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("bytes of " + key));
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
