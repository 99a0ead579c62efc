package dev.imageservice.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.job.Thumbnail;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of {@link RenditionChoice}, one Accept header a row. */
class RenditionChoiceTest {

  private static final List<Thumbnail> OPAQUE =
      List.of(
          rendition("image/jpeg", false),
          rendition("image/avif", true),
          rendition("image/webp", true));
  private static final List<Thumbnail> TRANSPARENT =
      List.of(rendition("image/webp", false), rendition("image/avif", true));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL | image/jpeg",
        "'' | image/jpeg",
        "image/avif,image/webp | image/avif",
        "image/webp,image/avif | image/avif",
        "image/webp | image/webp",
        "image/jpeg | image/jpeg",
        "image/png | image/jpeg",
        "text/html | image/jpeg",
        "*/* | image/avif",
        "image/* | image/avif",
        "image/*;q=0.8,image/jpeg | image/jpeg",
        "image/avif;q=0,image/* | image/webp",
        "image/webp;q=0.9,image/avif;q=0.5 | image/webp",
        "image/avif;q=0.1,image/jpeg;q=0.1 | image/avif",
        "image/jpeg;q=0 | image/jpeg",
        ";;;garbage | image/jpeg"
      })
  void opaqueImageWithWebpAndAvif(String accept, String expected) {
    assertThat(RenditionChoice.pick(OPAQUE, accept).contentType()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL | image/webp",
        "image/jpeg | image/webp",
        "image/avif | image/avif",
        "image/webp | image/webp"
      })
  void transparentImageWhoseOwnFormatIsWebp(String accept, String expected) {
    assertThat(RenditionChoice.pick(TRANSPARENT, accept).contentType()).isEqualTo(expected);
  }

  private static Thumbnail rendition(String contentType, boolean alternate) {
    return new Thumbnail("small", "b", "k." + contentType, 10, 10, contentType, 1, alternate);
  }
}
