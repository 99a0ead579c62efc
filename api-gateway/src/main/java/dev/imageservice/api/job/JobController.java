package dev.imageservice.api.job;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.storage.ThumbnailLinks;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobCursor;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.JobStatus;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.common.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Job status and thumbnail links. A job is visible to its own tenant only. */
@RestController
@Validated
@RequestMapping("/v1/jobs")
class JobController {

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final JobViews views;
  private final ThumbnailLinks links;

  JobController(Jdbi jdbi, JobRepository jobs, JobViews views, ThumbnailLinks links) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.views = views;
    this.links = links;
  }

  @Operation(summary = "A job's status and, once SUCCEEDED, its thumbnails with short-lived links")
  @ApiResponse(responseCode = "200", description = "The job")
  @ApiResponse(responseCode = "404", description = "No such job for this tenant")
  @GetMapping("/{jobId}")
  JobView job(Tenant tenant, @PathVariable UUID jobId) {
    return jdbi.withHandle(handle -> views.of(handle, find(handle, tenant, jobId)));
  }

  @Operation(summary = "The tenant's jobs, newest first, with cursor pagination")
  @GetMapping
  JobPage list(
      Tenant tenant,
      @Parameter(description = "only jobs in this status") @RequestParam(required = false)
          JobStatus status,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
    JobCursor after = parseCursor(cursor);
    return jdbi.withHandle(
        handle -> {
          List<Job> page = jobs.page(handle, tenant.id(), status, after, limit + 1);
          boolean more = page.size() > limit;
          List<Job> shown = more ? page.subList(0, limit) : page;
          List<JobView> jobViews = shown.stream().map(job -> views.of(handle, job)).toList();
          return new JobPage(jobViews, more ? JobCursor.after(shown.getLast()).token() : null);
        });
  }

  @Operation(
      summary = "Redirects to a short-lived link of one thumbnail",
      description =
          "Picks by Accept among the preset's stored encodings (the upload's formats=webp,avif):"
              + " the highest q wins, ties go to AVIF, then WebP, then the preset's own format;"
              + " without Accept or without a match, the preset's own format (never 406).")
  @ApiResponse(
      responseCode = "302",
      description = "Location is the chosen rendition's link; Vary: Accept")
  @ApiResponse(responseCode = "404", description = "No such job or preset for this tenant")
  @ApiResponse(responseCode = "409", description = "The job has not (or not successfully) finished")
  @GetMapping("/{jobId}/thumbnails/{preset}")
  ResponseEntity<Void> thumbnail(
      Tenant tenant,
      @PathVariable UUID jobId,
      @PathVariable String preset,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    Thumbnail thumbnail =
        jdbi.withHandle(
            handle -> {
              Job job = find(handle, tenant, jobId);
              if (!job.presets().contains(preset)) {
                throw new ProblemException(
                    ProblemType.NOT_FOUND, "The job has no preset '" + preset + "'");
              }
              if (job.status() != JobStatus.SUCCEEDED) {
                throw new ProblemException(
                    ProblemType.THUMBNAIL_NOT_READY,
                    "The job is " + job.status() + "; thumbnails exist once it SUCCEEDED");
              }
              List<Thumbnail> renditions =
                  jobs.thumbnails(handle, jobId).stream()
                      .filter(t -> t.preset().equals(preset))
                      .toList();
              if (renditions.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No thumbnail '" + preset + "'");
              }
              return RenditionChoice.pick(renditions, accept);
            });
    return ResponseEntity.status(HttpStatus.FOUND)
        .header(HttpHeaders.LOCATION, links.linkTo(thumbnail).toString())
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .build();
  }

  private Job find(org.jdbi.v3.core.Handle handle, Tenant tenant, UUID jobId) {
    return jobs.findForTenant(handle, tenant.id(), jobId)
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No job " + jobId));
  }

  private static JobCursor parseCursor(String cursor) {
    try {
      return cursor == null ? null : JobCursor.parse(cursor);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The cursor is not valid");
    }
  }
}
