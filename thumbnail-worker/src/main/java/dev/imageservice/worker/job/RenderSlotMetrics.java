package dev.imageservice.worker.job;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * How full this worker is, for the "workers saturated" alert and the scaling targets: {@code
 * image_render_slots} (renders it may run at once), {@code image_render_slots_busy} (running now)
 * and {@code image_render_slots_waiting} (renders queued for a slot). Thread-safe.
 */
@Component
class RenderSlotMetrics {

  RenderSlotMetrics(RenderSlots slots, MeterRegistry registry) {
    Gauge.builder("image.render.slots", slots, RenderSlots::size)
        .description("Renders this worker may run at once")
        .register(registry);
    Gauge.builder("image.render.slots.busy", slots, RenderSlots::busy)
        .description("Render slots held by running renders")
        .register(registry);
    Gauge.builder("image.render.slots.waiting", slots, RenderSlots::waiting)
        .description("Renders waiting for a free slot")
        .register(registry);
  }
}
