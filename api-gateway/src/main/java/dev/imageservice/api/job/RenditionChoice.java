package dev.imageservice.api.job;

import dev.imageservice.common.job.Thumbnail;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * Picks the rendition of one preset that best fits a request's {@code Accept} (RFC 9110 §12.5.1):
 * each stored rendition gets the quality of the most specific media range that matches its type
 * ({@code image/avif} over {@code image/*} over {@code *}{@code /*}); the highest quality above 0
 * wins; ties go to AVIF, then WebP, then the preset's own format. Without an {@code Accept}, with
 * one that cannot be parsed, or when nothing stored is acceptable, the answer is the preset's own
 * format: a thumbnail link never fails with 406. Stateless.
 */
final class RenditionChoice {

  private static final List<String> TIE_ORDER = List.of("image/avif", "image/webp");

  private RenditionChoice() {}

  /**
   * @param renditions one preset's renditions, its own format first (as the repository lists them)
   */
  static Thumbnail pick(List<Thumbnail> renditions, @Nullable String accept) {
    Thumbnail own =
        renditions.stream().filter(t -> !t.alternate()).findFirst().orElse(renditions.getFirst());
    List<MediaType> ranges = parse(accept);
    if (ranges.isEmpty()) {
      return own;
    }
    Comparator<Thumbnail> best =
        Comparator.comparingDouble((Thumbnail t) -> quality(ranges, t.contentType()))
            .thenComparingInt(t -> tieRank(t, own));
    Thumbnail chosen = renditions.stream().max(best).orElse(own);
    return quality(ranges, chosen.contentType()) > 0 ? chosen : own;
  }

  // Higher is preferred: AVIF, WebP, then the own format, then anything else.
  private static int tieRank(Thumbnail t, Thumbnail own) {
    int index = TIE_ORDER.indexOf(t.contentType());
    if (index >= 0) {
      return 10 - index;
    }
    return t == own ? 1 : 0;
  }

  private static double quality(List<MediaType> ranges, String contentType) {
    MediaType type = MediaType.parseMediaType(contentType);
    int bestSpecificity = -1;
    double quality = 0;
    for (MediaType range : ranges) {
      if (!range.includes(type)) {
        continue;
      }
      int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        quality = range.getQualityValue();
      } else if (specificity == bestSpecificity) {
        quality = Math.max(quality, range.getQualityValue());
      }
    }
    return quality;
  }

  private static List<MediaType> parse(@Nullable String accept) {
    if (accept == null || accept.isBlank()) {
      return List.of();
    }
    try {
      return MediaType.parseMediaTypes(accept);
    } catch (IllegalArgumentException e) { // InvalidMediaTypeException too
      return List.of(); // a broken Accept is no reason to refuse a thumbnail
    }
  }
}
