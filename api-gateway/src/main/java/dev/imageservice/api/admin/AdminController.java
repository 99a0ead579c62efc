package dev.imageservice.api.admin;

import dev.imageservice.api.job.JobView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints; the security filter chain lets only admin keys through. */
@RestController
@RequestMapping("/admin")
@Tag(name = "admin", description = "Operator actions; need an admin key, not a tenant's API key")
@SecurityRequirement(name = "adminKey")
class AdminController {

  private final JobRetry retry;
  private final DeadLetterRedrive redrive;

  AdminController(JobRetry retry, DeadLetterRedrive redrive) {
    this.retry = retry;
    this.redrive = redrive;
  }

  /** The answer of a redrive: how many messages went back to the workers' queue. */
  record Redriven(int moved) {}

  @Operation(
      summary = "Queue a FAILED job (of any tenant) again",
      description =
          "QUEUED with the error cleared and the attempts kept; a new ImageUploaded event is"
              + " published.")
  @ApiResponse(responseCode = "202", description = "Requeued; the body is the job")
  @ApiResponse(responseCode = "401", description = "No or an unknown admin key")
  @ApiResponse(responseCode = "403", description = "A tenant's API key")
  @ApiResponse(responseCode = "404", description = "No such job")
  @ApiResponse(responseCode = "409", description = "The job is not FAILED")
  @PostMapping("/jobs/{jobId}/retry")
  ResponseEntity<JobView> retry(@PathVariable UUID jobId) {
    return ResponseEntity.accepted().body(retry.retry(jobId));
  }

  @Operation(
      summary = "Move the dead-letter queue's messages back to the workers' queue",
      description = "Receive a batch, send it to the main queue, delete it from the DLQ; repeat.")
  @ApiResponse(responseCode = "200", description = "How many messages were moved")
  @ApiResponse(responseCode = "401", description = "No or an unknown admin key")
  @ApiResponse(responseCode = "403", description = "A tenant's API key")
  @PostMapping("/dead-letters/redrive")
  Redriven redrive() {
    return new Redriven(redrive.redrive());
  }
}
