package dev.imageservice.worker.storage;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.imageservice.worker.render.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * An original read from S3 for one render: in native memory when it is small enough, else in a
 * spool file. Closing it frees the memory or deletes the file. The memory belongs to a confined
 * arena: the thread that fetched the original renders it and closes it, as a job does.
 */
public final class Original implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;

  private final ImageSource source;
  private final long size;
  private final @Nullable Arena arena;
  private final @Nullable Path file;

  private Original(ImageSource source, long size, @Nullable Arena arena, @Nullable Path file) {
    this.source = source;
    this.size = size;
    this.arena = arena;
    this.file = file;
  }

  /**
   * Reads at most {@code length} bytes of {@code in} into native memory. Fewer when the stream ends
   * early: {@link #size()} then says how many, and the caller refuses the short read. Public for
   * {@code bench sdk-floor}, which times the GET as the worker makes it.
   */
  public static Original inMemory(InputStream in, long length, String name) throws IOException {
    Arena arena = Arena.ofConfined();
    try {
      MemorySegment bytes = arena.allocate(Math.max(1, length));
      byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, length))];
      long read = 0;
      while (read < length) {
        int n = in.read(chunk, 0, (int) Math.min(chunk.length, length - read));
        if (n < 0) {
          break;
        }
        MemorySegment.copy(chunk, 0, bytes, JAVA_BYTE, read, n);
        read += n;
      }
      return new Original(ImageSource.of(bytes.asSlice(0, read), name), read, arena, null);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** Streams {@code in} into {@code file}, which {@link #close()} deletes. */
  static Original spooled(InputStream in, Path file) throws IOException {
    try {
      long size;
      try (OutputStream out = Files.newOutputStream(file)) {
        size = in.transferTo(out);
      }
      return new Original(ImageSource.of(file), size, null, file);
    } catch (IOException | RuntimeException e) {
      delete(file);
      throw e;
    }
  }

  /** The bytes, for the renderer; valid until {@link #close()}. */
  public ImageSource source() {
    return source;
  }

  /** How many bytes were read. */
  public long size() {
    return size;
  }

  /** Whether the original is in memory rather than in a spool file. */
  public boolean inMemory() {
    return arena != null;
  }

  @Override
  public void close() {
    if (arena != null) {
      arena.close();
    } else if (file != null) {
      delete(file);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover spool file is harmless; the render result matters more.
    }
  }
}
