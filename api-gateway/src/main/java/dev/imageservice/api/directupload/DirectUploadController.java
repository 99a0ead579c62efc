package dev.imageservice.api.directupload;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.job.JobView;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Direct uploads: {@code POST /v1/uploads} answers a presigned PUT for a new {@code
 * AWAITING_UPLOAD} job; {@code POST /v1/uploads/{jobId}/complete} reports that the PUT finished
 * (the bucket's event does the same in AWS), and answers the job.
 */
@RestController
@RequestMapping("/v1/uploads")
class DirectUploadController {

  private final DirectUploadService uploads;
  private final UploadArrival arrival;
  private final dev.imageservice.common.job.JobRepository jobs;
  private final Jdbi jdbi;

  DirectUploadController(
      DirectUploadService uploads,
      UploadArrival arrival,
      dev.imageservice.common.job.JobRepository jobs,
      Jdbi jdbi) {
    this.uploads = uploads;
    this.arrival = arrival;
    this.jobs = jobs;
    this.jdbi = jdbi;
  }

  @Operation(summary = "Start a direct upload: a presigned PUT for the image's bytes")
  @ApiResponse(responseCode = "201", description = "Created; the job is AWAITING_UPLOAD")
  @ApiResponse(
      responseCode = "200",
      description = "Same Idempotency-Key as an earlier direct upload: that job and URL expiry")
  @ApiResponse(responseCode = "413", description = "size over the upload limit")
  @ApiResponse(responseCode = "415", description = "contentType is not an image type we read")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<UploadTicket> open(
      Tenant tenant,
      @RequestBody UploadRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST, "Idempotency-Key must be 1 to 255 characters");
    }
    DirectUploadService.Opened opened = uploads.open(tenant, request, idempotencyKey);
    return ResponseEntity.status(opened.created() ? 201 : 200)
        .location(URI.create("/v1/jobs/" + opened.ticket().jobId()))
        .body(opened.ticket());
  }

  @Operation(summary = "Report that the PUT finished; the job starts once its bytes are checked")
  @ApiResponse(
      responseCode = "202",
      description =
          "The job: QUEUED (accepted), FAILED (not an image, too large; the object is deleted),"
              + " or as it already was (a repeated call changes nothing)")
  @ApiResponse(responseCode = "404", description = "Unknown job, or another tenant's")
  @ApiResponse(responseCode = "409", description = "Nothing was uploaded yet (upload_missing)")
  @PostMapping("/{jobId}/complete")
  ResponseEntity<JobView> complete(Tenant tenant, @PathVariable UUID jobId) {
    var job =
        jdbi.withHandle(h -> jobs.findForTenant(h, tenant.id(), jobId))
            .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No job " + jobId));
    UploadArrival.Result result = arrival.arrived(job);
    if (result.missing()) {
      throw new ProblemException(
          ProblemType.UPLOAD_MISSING,
          "Nothing was uploaded for job " + jobId + " yet; PUT the image to its upload URL first");
    }
    JobView view = uploads.view(tenant, jobId).orElseThrow();
    return ResponseEntity.accepted().location(URI.create("/v1/jobs/" + jobId)).body(view);
  }
}
