package dev.imageservice.worker.render.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Which chroma libheif is asked for: read from the codec configuration box, monochrome (alpha)
 * configurations skipped, unknown when there is none; and the nclx matrices' factors.
 */
class CodedChromaTest {

  @Test
  void readsHevcChromaFormatSkippingAMonochromeAlphaConfiguration() {
    assertThat(CodedChroma.of(file(hvcC(0), hvcC(1)))).isEqualTo(LibHeif.CHROMA_420);
    assertThat(CodedChroma.of(file(hvcC(2)))).isEqualTo(LibHeif.CHROMA_422);
    assertThat(CodedChroma.of(file(hvcC(3)))).isEqualTo(LibHeif.CHROMA_444);
  }

  @Test
  void readsAv1SubsamplingBits() {
    assertThat(CodedChroma.of(file(av1C(0x0c)))).isEqualTo(LibHeif.CHROMA_420);
    assertThat(CodedChroma.of(file(av1C(0x08)))).isEqualTo(LibHeif.CHROMA_422);
    assertThat(CodedChroma.of(file(av1C(0x00)))).isEqualTo(LibHeif.CHROMA_444);
    assertThat(CodedChroma.of(file(av1C(0x1c), av1C(0x00)))).isEqualTo(LibHeif.CHROMA_444);
  }

  @Test
  void unknownWithoutAConfigurationOrWhenTruncated() {
    assertThat(CodedChroma.of(file())).isEqualTo(LibHeif.CHROMA_UNDEFINED);
    byte[] cut = "....ftypheic....hvcC\\1".getBytes(StandardCharsets.US_ASCII);
    assertThat(CodedChroma.of(MemorySegment.ofArray(cut))).isEqualTo(LibHeif.CHROMA_UNDEFINED);
  }

  @Test
  void matricesUseTheirKrKbAndLeaveTheSpecialOnesToLibheif() {
    YcbcrMatrix bt709 = YcbcrMatrix.of(1, true);
    assertThat(bt709).isNotNull();
    assertThat(bt709.rCr()).isCloseTo(1.5748f, within(1e-4f));
    assertThat(bt709.bCb()).isCloseTo(1.8556f, within(1e-4f));
    assertThat(bt709.gCb()).isCloseTo(-0.1873f, within(1e-4f));
    assertThat(bt709.gCr()).isCloseTo(-0.4681f, within(1e-4f));
    assertThat(YcbcrMatrix.of(6, false))
        .isEqualTo(
            new YcbcrMatrix(
                YcbcrMatrix.DEFAULT.rCr(),
                YcbcrMatrix.DEFAULT.gCb(),
                YcbcrMatrix.DEFAULT.gCr(),
                YcbcrMatrix.DEFAULT.bCb(),
                false));
    for (int special : new int[] {0, 8, 11, 12, 13, 14}) {
      assertThat(YcbcrMatrix.of(special, true)).as("matrix " + special).isNull();
    }
  }

  private static byte[] hvcC(int chromaFormatIdc) {
    byte[] record = new byte[23];
    record[0] = 1;
    record[16] = (byte) (0xfc | chromaFormatIdc);
    return box("hvcC", record);
  }

  private static byte[] av1C(int flags) {
    return box("av1C", new byte[] {(byte) 0x81, 0, (byte) flags, 0});
  }

  private static byte[] box(String type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int size = 8 + body.length;
    out.write(size >>> 24);
    out.write(size >>> 16);
    out.write(size >>> 8);
    out.write(size);
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static MemorySegment file(byte[]... boxes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(box("ftyp", "heic\0\0\0\0mif1heic".getBytes(StandardCharsets.US_ASCII)));
    for (byte[] b : boxes) {
      out.writeBytes(b);
    }
    out.writeBytes(box("mdat", new byte[64]));
    return MemorySegment.ofArray(out.toByteArray());
  }
}
