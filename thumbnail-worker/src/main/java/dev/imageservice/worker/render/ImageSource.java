package dev.imageservice.worker.render;

import dev.imageservice.worker.render.codec.NativeCodecs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * The encoded image a render reads: a file, or bytes already in native memory (an original the
 * worker read from S3 straight into a buffer instead of writing it to a spool file and reading it
 * back). The native decoders read either where it lies; ImageIO reads it through a stream.
 */
public sealed interface ImageSource {

  static ImageSource of(Path file) {
    return new FileSource(file);
  }

  /**
   * Bytes in native memory, valid as long as their arena: the caller keeps it open until the render
   * returns. {@code name} names the image in log lines.
   */
  static ImageSource of(MemorySegment bytes, String name) {
    return new MemorySource(bytes, name);
  }

  /** How many bytes the encoded image has. */
  long size() throws IOException;

  /** A new stream over the bytes from the start, for ImageIO; the caller closes it. */
  ImageInputStream open() throws IOException;

  /** The bytes as native memory, mapped into {@code arena} when they are in a file. */
  MemorySegment bytes(Arena arena) throws IOException;

  /** What log lines and error messages call the image. */
  String name();

  /** A file, mapped for the native decoders and read through TwelveMonkeys' buffered stream. */
  record FileSource(Path file) implements ImageSource {

    public FileSource {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public long size() throws IOException {
      return Files.size(file);
    }

    /**
     * Through the installed stream providers: TwelveMonkeys' buffered file stream is several times
     * faster than the JDK's for byte-wise decoders (WebP).
     */
    @Override
    public ImageInputStream open() throws IOException {
      ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
      if (in == null) {
        throw new IOException("no ImageInputStream provider for files");
      }
      return in;
    }

    @Override
    public MemorySegment bytes(Arena arena) throws IOException {
      return NativeCodecs.map(file, arena);
    }

    @Override
    public String name() {
      Path name = file.getFileName();
      return name == null ? file.toString() : name.toString();
    }
  }

  /** Bytes in native memory; the arena that owns them is the caller's. */
  record MemorySource(MemorySegment bytes, String name) implements ImageSource {

    public MemorySource {
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public long size() {
      return bytes.byteSize();
    }

    @Override
    public ImageInputStream open() {
      return new SegmentImageInputStream(bytes);
    }

    @Override
    public MemorySegment bytes(Arena arena) {
      return bytes;
    }
  }
}
