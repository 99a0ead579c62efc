package dev.imageservice.common.format;

import dev.imageservice.common.job.FailureCode;
import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;

/**
 * Runs the capped pre-scan of a recognised format before any ImageIO reader walks the file: JPEG
 * scans, PNG ancillary chunks, TIFF directories and GIF frames are counted up to their limit plus
 * one, and an excess is refused with its failure code. Memory stays bounded by the caps; time by
 * the caps or the file's length. Stateless and thread-safe.
 */
public final class StructureScanner {

  private StructureScanner() {}

  /**
   * Scans {@code in} (any position; left anywhere) as {@code format} ({@code jpeg}, {@code png},
   * {@code tiff}, {@code gif}, {@code webp}; other formats are not scanned).
   *
   * @throws StructureLimitExceededException when a count is over its limit
   * @throws IOException when the stream cannot be read; a truncated file is not an error here
   */
  public static ImageStructure scan(String format, ImageInputStream in, StructureLimits limits)
      throws IOException {
    try {
      return switch (format) {
        case "jpeg" -> jpeg(in, limits);
        case "png" -> png(in, limits);
        case "tiff" -> frames(TiffDirectoryCounter.count(in, limits.maxFrames() + 1), limits);
        case "gif" -> frames(GifFrameCounter.count(in, limits.maxFrames() + 1), limits);
        case "webp" -> frames(WebPFrameCounter.count(in, limits.maxFrames() + 1), limits);
        default -> ImageStructure.NONE;
      };
    } catch (EOFException e) {
      // Truncated structure: the decoder reports what is wrong with it, with the right code.
      return ImageStructure.NONE;
    }
  }

  private static ImageStructure jpeg(ImageInputStream in, StructureLimits limits)
      throws IOException {
    JpegScanCounter.Result scans = JpegScanCounter.count(in, limits.maxScans() + 1);
    if (scans.scans() > limits.maxScans()) {
      throw new StructureLimitExceededException(
          FailureCode.TOO_MANY_SCANS,
          "the JPEG has more than %d scans".formatted(limits.maxScans()));
    }
    return new ImageStructure(1, scans.scans(), scans.progressive(), scans.components(), null);
  }

  private static ImageStructure png(ImageInputStream in, StructureLimits limits)
      throws IOException {
    PngChunkWalker.Result chunks = PngChunkWalker.walk(in, limits.maxAncillaryChunks() + 1);
    if (chunks.ancillaryChunks() > limits.maxAncillaryChunks()) {
      throw new StructureLimitExceededException(
          FailureCode.TOO_MANY_CHUNKS,
          "the PNG has more than %d ancillary chunks".formatted(limits.maxAncillaryChunks()));
    }
    return new ImageStructure(1, 0, false, 0, chunks.iccProfileChunk());
  }

  private static ImageStructure frames(int frames, StructureLimits limits) {
    if (frames > limits.maxFrames()) {
      throw new StructureLimitExceededException(
          FailureCode.TOO_MANY_FRAMES,
          "the image has more than %d frames".formatted(limits.maxFrames()));
    }
    return new ImageStructure(Math.max(1, frames), 0, false, 0, null);
  }
}
