package dev.imageservice.api.upload;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Multipart bodies are spooled where uploads are ({@code image-service.upload.spool-directory}, the
 * image-cache volume in Kubernetes; by default {@code image-service-spool} in the temp directory),
 * in a {@code multipart} folder created at start, never in the container's work directory. The
 * sizes come from {@code spring.servlet.multipart}; parsing is lazy ({@code resolve-lazily}), so
 * only an authenticated upload is ever parsed.
 */
@Configuration(proxyBeanMethods = false)
class MultipartConfig {

  /** The spool directory's folder for multipart bodies. */
  static final String FOLDER = "multipart";

  /** The names Tomcat gives the parts it writes to disk ({@code upload_<id>_<n>.tmp}). */
  static final String PART_FILES = "upload_*.tmp";

  @Bean
  MultipartConfigElement multipartConfigElement(
      MultipartProperties multipart, UploadProperties upload) throws IOException {
    // Absolute: Tomcat would resolve a relative location against its own work directory.
    Path directory = spoolDirectory(upload).resolve(FOLDER).toAbsolutePath();
    Files.createDirectories(directory);
    MultipartConfigFactory factory = new MultipartConfigFactory();
    factory.setLocation(directory.toString());
    factory.setMaxFileSize(multipart.getMaxFileSize());
    factory.setMaxRequestSize(multipart.getMaxRequestSize());
    factory.setFileSizeThreshold(multipart.getFileSizeThreshold());
    return factory.createMultipartConfig();
  }

  static Path spoolDirectory(UploadProperties upload) {
    return upload.spoolDirectory() != null
        ? upload.spoolDirectory()
        : Path.of(System.getProperty("java.io.tmpdir"), "image-service-spool");
  }
}
