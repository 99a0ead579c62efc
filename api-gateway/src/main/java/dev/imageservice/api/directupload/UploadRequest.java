package dev.imageservice.api.directupload;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/uploads}: what the client is about to PUT.
 *
 * @param contentType the image's type; signed into the URL, so the PUT must send exactly it
 * @param size the exact byte count; signed as {@code Content-Length}
 * @param presets preset names (default: all configured)
 * @param formats output encodings ({@code jpeg}, {@code png}, {@code webp}, {@code avif}; default:
 *     the preset's)
 */
record UploadRequest(
    @Schema(example = "image/jpeg", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String contentType,
    @Schema(example = "123456", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Long size,
    @Nullable List<String> presets,
    @Nullable List<String> formats) {}
