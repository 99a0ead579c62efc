package dev.imageservice.api.deletion;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.deletion.DeletionRequest;
import dev.imageservice.common.deletion.JobDeletions;
import dev.imageservice.common.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /v1/jobs/{id}}: the job's rows go at once (so it is gone from every read, from
 * usage, and a worker rendering it can no longer commit); its objects are removed asynchronously
 * and durably by the {@link DeletionSweeper}. Tenant-scoped like every job read.
 */
@RestController
class JobDeletionController {

  private final Jdbi jdbi;
  private final Clock clock;
  private final JobDeletions deletions = new JobDeletions();

  JobDeletionController(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Operation(
      summary = "Deletes a job: its original, every thumbnail and its rows",
      description =
          "The job disappears at once (GET answers 404); its objects are removed shortly after,"
              + " and thumbnail links handed out before stop working. A tombstone keeps the id:"
              + " deleting it again answers 204.")
  @ApiResponse(responseCode = "202", description = "Deletion accepted; objects removed shortly")
  @ApiResponse(responseCode = "204", description = "The job was deleted before")
  @ApiResponse(responseCode = "404", description = "No such job for this tenant")
  @DeleteMapping("/v1/jobs/{jobId}")
  ResponseEntity<Void> delete(Tenant tenant, @PathVariable UUID jobId) {
    DeletionRequest outcome =
        jdbi.inTransaction(h -> deletions.request(h, tenant.id(), jobId, clock.instant()));
    return switch (outcome) {
      case ACCEPTED -> ResponseEntity.accepted().build();
      case ALREADY_DELETED -> ResponseEntity.noContent().build();
      case NOT_FOUND -> throw new ProblemException(ProblemType.NOT_FOUND, "No job " + jobId);
    };
  }
}
