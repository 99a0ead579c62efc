package dev.imageservice.api.preset;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.backfill.BackfillProgress;
import dev.imageservice.common.backfill.BackfillRepository;
import dev.imageservice.common.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backfills: re-rendering one preset of a tenant's succeeded jobs whose rendition is missing or
 * older than the preset's current version. Workers do the rendering at a lower priority than
 * uploads; this only records what is to be done and reports progress.
 */
@RestController
class BackfillController {

  private final Jdbi jdbi;
  private final TenantPresets presets;
  private final BackfillRepository backfills = new BackfillRepository();
  private final Clock clock;

  BackfillController(Jdbi jdbi, TenantPresets presets, Clock clock) {
    this.jdbi = jdbi;
    this.presets = presets;
    this.clock = clock;
  }

  @Operation(
      summary =
          "Starts re-rendering the preset for the tenant's succeeded jobs whose rendition is"
              + " missing or older; starting it again for the same version answers the same one")
  @ApiResponse(responseCode = "202", description = "The backfill and its progress so far")
  @ApiResponse(responseCode = "404", description = "The tenant has no preset of that name")
  @PostMapping("/v1/presets/{name}/backfill")
  ResponseEntity<BackfillProgress> start(Tenant tenant, @PathVariable String name) {
    String checked = PresetController.checkedName(name);
    BackfillProgress progress =
        jdbi.inTransaction(
            h -> {
              TenantPreset preset = presets.resolve(h, tenant.id()).get(checked);
              if (preset == null) {
                throw new ProblemException(
                    ProblemType.NOT_FOUND, "This tenant has no preset named " + checked);
              }
              UUID id = backfills.start(h, tenant.id(), preset.definition(), clock.instant());
              return backfills.progress(h, tenant.id(), id).orElseThrow();
            });
    return ResponseEntity.accepted()
        .location(URI.create("/v1/backfills/" + progress.id()))
        .body(progress);
  }

  @Operation(summary = "A backfill's progress: total, pending, done, skipped with reasons")
  @ApiResponse(responseCode = "200", description = "Its progress")
  @ApiResponse(responseCode = "404", description = "No such backfill for this tenant")
  @GetMapping("/v1/backfills/{id}")
  BackfillProgress progress(Tenant tenant, @PathVariable UUID id) {
    return jdbi.withHandle(h -> backfills.progress(h, tenant.id(), id))
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No backfill " + id));
  }
}
