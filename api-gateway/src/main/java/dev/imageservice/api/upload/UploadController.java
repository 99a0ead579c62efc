package dev.imageservice.api.upload;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.job.JobView;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v1/images}: the image as the raw body or as the multipart part {@code file}. Answers
 * {@code 202} with the new job, or {@code 200} with the earlier job of the same idempotency key.
 */
@RestController
@RequestMapping("/v1/images")
class UploadController {

  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final UploadService uploads;
  private final UploadSpooler spooler;

  UploadController(UploadService uploads, UploadSpooler spooler) {
    this.uploads = uploads;
    this.spooler = spooler;
  }

  @Operation(summary = "Upload an image as the raw request body")
  @ApiResponse(responseCode = "202", description = "Accepted; Location is the job")
  @ApiResponse(
      responseCode = "200",
      description = "Same Idempotency-Key as an earlier upload: that job")
  @ApiResponse(
      responseCode = "400",
      description = "Unknown preset or format (code malformed_request)")
  @ApiResponse(responseCode = "413", description = "Over the upload limit")
  @ApiResponse(responseCode = "415", description = "Not an image format the service reads")
  @ApiResponse(
      responseCode = "422",
      description =
          "Over a structure limit (code too_many_scans, too_many_chunks or too_many_frames)")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      description = "The image bytes; the format is recognised from the bytes, not this type",
      content = {
        @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")),
        @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
            schema = @Schema(type = "string", format = "binary"))
      })
  // No 'consumes': any declared type other than multipart lands here, and the bytes decide.
  @PostMapping
  ResponseEntity<JobView> uploadRaw(
      Tenant tenant,
      HttpServletRequest request,
      @Parameter(description = "comma-separated preset names; default all")
          @RequestParam(required = false)
          String presets,
      @Parameter(
              description =
                  "comma-separated extra encodings (webp, avif) stored next to each preset's own"
                      + " format; GET /v1/jobs/{id}/thumbnails/{preset} picks among them by Accept")
          @RequestParam(required = false)
          String formats,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey)
      throws IOException {
    if (request.getContentLengthLong() > spooler.maxBytes()) {
      throw spooler.tooLarge();
    }
    return handle(tenant, request.getInputStream(), presets, formats, idempotencyKey);
  }

  @Operation(summary = "Upload an image as the multipart/form-data part 'file'")
  @ApiResponse(responseCode = "202", description = "Accepted; Location is the job")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<JobView> uploadMultipart(
      Tenant tenant,
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String presets,
      @RequestParam(required = false) String formats,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey)
      throws IOException {
    if (file == null) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST, "The multipart body has no part named 'file'");
    }
    try (InputStream in = file.getInputStream()) {
      return handle(tenant, in, presets, formats, idempotencyKey);
    }
  }

  private ResponseEntity<JobView> handle(
      Tenant tenant, InputStream body, String presets, String formats, String idempotencyKey) {
    List<String> extraFormats = FormatSelection.select(formats);
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST, "Idempotency-Key must be 1 to 255 characters");
    }
    Optional<JobView> earlier = uploads.existing(tenant, idempotencyKey);
    if (earlier.isPresent()) {
      return ResponseEntity.ok().location(locationOf(earlier.get())).body(earlier.get());
    }
    UploadService.Accepted accepted =
        uploads.accept(tenant, body, presets, extraFormats, idempotencyKey);
    return ResponseEntity.status(accepted.created() ? 202 : 200)
        .location(locationOf(accepted.job()))
        .body(accepted.job());
  }

  private static URI locationOf(JobView job) {
    return URI.create("/v1/jobs/" + job.jobId());
  }
}
