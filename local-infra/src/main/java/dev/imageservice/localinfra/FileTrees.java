package dev.imageservice.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Deleting folders of the embedded servers; links are deleted, never followed. */
final class FileTrees {

  private FileTrees() {}

  /** Deletes {@code root} and everything under it, deepest first, but what {@code keep} keeps. */
  static void delete(Path root, Predicate<Path> keep) throws IOException {
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(root)) {
      entries = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path entry : entries) {
      if (!keep.test(entry)) {
        Files.deleteIfExists(entry);
      }
    }
  }
}
