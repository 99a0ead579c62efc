package dev.imageservice.api.preset;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's presets: the configured defaults, its overrides of them and its own. */
@RestController
@RequestMapping("/v1/presets")
class PresetController {

  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

  private final TenantPresets presets;

  PresetController(TenantPresets presets) {
    this.presets = presets;
  }

  @Operation(summary = "The tenant's presets: defaults, overrides and its own, each with source")
  @GetMapping
  List<PresetView> list(Tenant tenant) {
    return presets.all(tenant.id()).stream().map(PresetView::of).toList();
  }

  @Operation(summary = "One of the tenant's presets")
  @ApiResponse(responseCode = "200", description = "The preset")
  @ApiResponse(responseCode = "404", description = "The tenant has no preset of that name")
  @GetMapping("/{name}")
  PresetView get(Tenant tenant, @PathVariable String name) {
    return presets
        .find(tenant.id(), checkedName(name))
        .map(PresetView::of)
        .orElseThrow(() -> notFound(name));
  }

  @Operation(summary = "Defines the tenant's preset, or replaces it (a default is overridden)")
  @ApiResponse(responseCode = "201", description = "A new preset name for this tenant")
  @ApiResponse(responseCode = "200", description = "The preset replaced, its version incremented")
  @ApiResponse(responseCode = "400", description = "Bad name or definition, or over 20 presets")
  @PutMapping("/{name}")
  ResponseEntity<PresetView> put(
      Tenant tenant, @PathVariable String name, @RequestBody PresetRequest request) {
    TenantPresets.Saved saved = presets.put(tenant.id(), request.toDefinition(checkedName(name)));
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(PresetView.of(saved.preset()));
  }

  @Operation(summary = "Deletes the tenant's preset; an override gives way to the default again")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No preset or override of that name")
  @DeleteMapping("/{name}")
  ResponseEntity<Void> delete(Tenant tenant, @PathVariable String name) {
    if (!presets.delete(tenant.id(), checkedName(name))) {
      throw notFound(name);
    }
    return ResponseEntity.noContent().build();
  }

  static String checkedName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw PresetRequest.invalid(
          "a preset name matches [a-z0-9_-]{1,32} (it is part of storage keys)");
    }
    return name;
  }

  private static ProblemException notFound(String name) {
    return new ProblemException(
        ProblemType.NOT_FOUND, "This tenant has no preset (or override) named " + name);
  }
}
