package dev.imageservice.api.upload;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.problem.ProblemType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code formats=webp,avif} query into the checked list of extra output encodings a job
 * stores next to each preset's own format. Only {@code webp} and {@code avif} are extras: every
 * preset already has its own JPEG, PNG or WebP, and a JPEG of a transparent image would lose its
 * alpha. Names are case-insensitive, repeats dropped, order kept.
 */
final class FormatSelection {

  /** The extra encodings an upload may ask for. */
  static final List<String> KNOWN = List.of("webp", "avif");

  private FormatSelection() {}

  /**
   * @throws ProblemException {@code malformed_request} (400) naming an unknown format
   */
  static List<String> select(@Nullable String formatsParam) {
    if (formatsParam == null || formatsParam.isBlank()) {
      return List.of();
    }
    List<String> requested =
        List.copyOf(
            new LinkedHashSet<>(
                Arrays.stream(formatsParam.split(","))
                    .map(s -> s.trim().toLowerCase(Locale.ROOT))
                    .filter(s -> !s.isEmpty())
                    .toList()));
    List<String> unknown = requested.stream().filter(f -> !KNOWN.contains(f)).toList();
    if (requested.isEmpty() || !unknown.isEmpty()) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST,
          "Unknown format(s) " + unknown + "; extra formats are " + KNOWN);
    }
    return requested;
  }
}
