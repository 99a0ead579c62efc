package dev.imageservice.common.event;

import dev.imageservice.common.job.Job;
import dev.imageservice.common.preset.PresetSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published once an original is stored and its job is recorded: asks the workers to render it.
 *
 * <p>Fields added later are absent from older events and then empty here: {@code formats}, the
 * extra output encodings asked for; {@code presetDefinitions}, the definitions the API resolved for
 * {@code presets}, with their versions: the worker renders these and needs to know no preset by
 * name. Without them it resolves the names from its own configuration.
 */
public record ImageUploaded(
    UUID eventId,
    String type,
    int version,
    Instant occurredAt,
    UUID jobId,
    String tenantId,
    String bucket,
    String key,
    String contentType,
    long bytes,
    List<String> presets,
    @Nullable List<String> formats,
    @Nullable List<PresetSnapshot> presetDefinitions)
    implements ImageEvent {

  public static final String TYPE = "image.uploaded";

  public ImageUploaded {
    presets = List.copyOf(presets);
    formats = formats == null ? List.of() : List.copyOf(formats);
    presetDefinitions = presetDefinitions == null ? List.of() : List.copyOf(presetDefinitions);
  }

  /** An event without extra output formats or recorded definitions (as older APIs wrote them). */
  public ImageUploaded(
      UUID eventId,
      String type,
      int version,
      Instant occurredAt,
      UUID jobId,
      String tenantId,
      String bucket,
      String key,
      String contentType,
      long bytes,
      List<String> presets) {
    this(
        eventId,
        type,
        version,
        occurredAt,
        jobId,
        tenantId,
        bucket,
        key,
        contentType,
        bytes,
        presets,
        List.of(),
        List.of());
  }

  @Override
  public List<String> formats() {
    return formats == null ? List.of() : formats;
  }

  @Override
  public List<PresetSnapshot> presetDefinitions() {
    return presetDefinitions == null ? List.of() : presetDefinitions;
  }

  /** Announces a recorded job: at upload, on an operator's retry, or when a lost one is re-sent. */
  public static ImageUploaded announcing(
      UUID jobId, String tenantId, Job.Original original, List<String> presets, Instant now) {
    return announcing(jobId, tenantId, original, presets, List.of(), List.of(), now);
  }

  /** As {@link #announcing(UUID, String, Job.Original, List, Instant)}, with the definitions. */
  public static ImageUploaded announcing(
      UUID jobId,
      String tenantId,
      Job.Original original,
      List<String> presets,
      List<PresetSnapshot> definitions,
      Instant now) {
    return announcing(jobId, tenantId, original, presets, List.of(), definitions, now);
  }

  /** Announces a recorded job with its extra output {@code formats} and preset definitions. */
  public static ImageUploaded announcing(
      UUID jobId,
      String tenantId,
      Job.Original original,
      List<String> presets,
      List<String> formats,
      List<PresetSnapshot> definitions,
      Instant now) {
    return new ImageUploaded(
        UUID.randomUUID(),
        TYPE,
        1,
        now,
        jobId,
        tenantId,
        original.bucket(),
        original.key(),
        original.contentType(),
        original.bytes(),
        presets,
        formats,
        definitions);
  }

  /** This event carrying these preset definitions. */
  public ImageUploaded withDefinitions(List<PresetSnapshot> definitions) {
    return new ImageUploaded(
        eventId,
        type,
        version,
        occurredAt,
        jobId,
        tenantId,
        bucket,
        key,
        contentType,
        bytes,
        presets,
        formats,
        definitions);
  }

  public static ImageUploaded of(
      UUID jobId,
      String tenantId,
      String bucket,
      String key,
      String contentType,
      long bytes,
      List<String> presets,
      Instant occurredAt) {
    return new ImageUploaded(
        UUID.randomUUID(),
        TYPE,
        1,
        occurredAt,
        jobId,
        tenantId,
        bucket,
        key,
        contentType,
        bytes,
        presets);
  }
}
