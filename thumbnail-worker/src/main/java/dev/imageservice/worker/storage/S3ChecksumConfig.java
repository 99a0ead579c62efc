package dev.imageservice.worker.storage;

import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;

/**
 * The worker's S3 client computes and validates the SDK's flexible checksums only where S3 requires
 * them. By default (SDK 2.30+) every thumbnail PUT is sent as {@code aws-chunked} with a CRC32
 * trailer (and, over plain HTTP, each chunk signed), and every original GET is CRC32-checked as it
 * streams to the spool file: per job a few milliseconds of CPU, a large share of what the worker
 * adds to the render.
 *
 * <p>Integrity is kept another way: in transit by TLS (S3 is reached over HTTPS in every
 * deployment; its records are authenticated), truncation by the length checks of {@link
 * OriginalFetcher} (the spooled file must have the object's {@code Content-Length}) and of the HTTP
 * client (a short body fails the call); at rest S3 checks its own data.
 */
@Configuration(proxyBeanMethods = false)
class S3ChecksumConfig {

  @Bean
  S3ClientCustomizer checksumsWhenRequired() {
    return builder ->
        builder
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
  }
}
