package dev.imageservice.localinfra.s3;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** {@link S3ContractTest} against S3Proxy's in-memory store, the one the tests use. */
class S3ProxyTransientContractTest extends S3ProxyContractTest {

  @Override
  protected @Nullable Path baseDirectory() {
    return null;
  }
}
