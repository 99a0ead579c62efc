package dev.imageservice.api.webhook;

import dev.imageservice.api.auth.Tenant;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's webhooks (Standard Webhooks): register, list, delete, rotate the secret, see the
 * deliveries and replay one. Every call is scoped to the key's tenant; another tenant's webhook
 * answers 404 like an unknown one.
 */
@RestController
@Validated
@RequestMapping("/v1/webhooks")
class WebhookController {

  private final WebhookRegistry registry;

  WebhookController(WebhookRegistry registry) {
    this.registry = registry;
  }

  @Operation(summary = "Registers a receiver; the answer shows its signing secret, only this once")
  @ApiResponse(responseCode = "201", description = "Registered; Location is the webhook")
  @ApiResponse(responseCode = "422", description = "The URL is not https or not public")
  @PostMapping
  ResponseEntity<WebhookViews.CreatedWebhook> create(
      Tenant tenant, @RequestBody WebhookViews.CreateWebhook request) {
    WebhookViews.CreatedWebhook created = registry.create(tenant.id(), request);
    return ResponseEntity.created(URI.create("/v1/webhooks/" + created.id())).body(created);
  }

  @Operation(summary = "The tenant's webhooks, with disabled ones marked and why")
  @GetMapping
  WebhookViews.WebhookList list(Tenant tenant) {
    return registry.list(tenant.id());
  }

  @Operation(summary = "Deletes a webhook and its delivery history")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(Tenant tenant, @PathVariable UUID id) {
    registry.delete(tenant.id(), id);
  }

  @Operation(
      summary =
          "A new signing secret, shown once; the previous one keeps signing during the grace period")
  @PostMapping("/{id}/rotate-secret")
  WebhookViews.CreatedWebhook rotate(Tenant tenant, @PathVariable UUID id) {
    return registry.rotate(tenant.id(), id);
  }

  @Operation(summary = "The webhook's newest deliveries with every attempt's status and latency")
  @GetMapping("/{id}/deliveries")
  WebhookViews.DeliveryList deliveries(
      Tenant tenant,
      @PathVariable UUID id,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
    return registry.deliveries(tenant.id(), id, limit);
  }

  @Operation(summary = "Sends a delivery again, with the same webhook-id")
  @ApiResponse(responseCode = "202", description = "Queued for sending now")
  @ApiResponse(responseCode = "409", description = "The webhook is disabled")
  @PostMapping("/{id}/deliveries/{deliveryId}/replay")
  ResponseEntity<WebhookViews.DeliveryView> replay(
      Tenant tenant, @PathVariable UUID id, @PathVariable UUID deliveryId) {
    return ResponseEntity.accepted().body(registry.replay(tenant.id(), id, deliveryId));
  }

  static ProblemException notFound(UUID id) {
    return new ProblemException(ProblemType.NOT_FOUND, "No webhook " + id);
  }
}
