package dev.imageservice.worker.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the image corpus for tests: the full shared corpus ({@code -Dcorpus.dir}) when present,
 * else the committed subset {@code testdata/corpus} ({@code -Dtestdata.dir}, or found by walking up
 * from the working directory).
 */
final class TestCorpus {

  /** One manifest row; {@code orientation} is 1 when the column is empty. */
  record Entry(Path file, String format, int width, int height, boolean alpha, int orientation) {

    String name() {
      return file.getFileName().toString();
    }
  }

  private TestCorpus() {}

  /** The full shared corpus, if this machine has it. */
  static Optional<Path> full() {
    return Optional.ofNullable(System.getProperty("corpus.dir"))
        .map(Path::of)
        .filter(dir -> Files.isRegularFile(dir.resolve("manifest.csv")));
  }

  /** The committed subset (always present in a checkout). */
  static Path committed() {
    String configured = System.getProperty("testdata.dir");
    if (configured != null && Files.isRegularFile(Path.of(configured, "manifest.csv"))) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata/corpus");
      if (Files.isRegularFile(candidate.resolve("manifest.csv"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "testdata/corpus not found above " + Path.of("").toAbsolutePath());
  }

  static List<Entry> entries(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("manifest.csv"));
      List<String> header = split(lines.getFirst());
      List<Entry> entries = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = split(line);
        String orientation = cells.get(header.indexOf("exif_orientation"));
        entries.add(
            new Entry(
                dir.resolve(cells.get(header.indexOf("file"))),
                cells.get(header.indexOf("format")),
                Integer.parseInt(cells.get(header.indexOf("width"))),
                Integer.parseInt(cells.get(header.indexOf("height"))),
                cells.get(header.indexOf("alpha")).equals("yes"),
                orientation.isEmpty() ? 1 : Integer.parseInt(orientation)));
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits one CSV line; quoted cells may hold commas and doubled quotes. */
  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
