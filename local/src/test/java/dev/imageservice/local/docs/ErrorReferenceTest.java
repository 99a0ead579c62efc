package dev.imageservice.local.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.problem.ProblemType;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The error tables of docs/api.md are generated from {@link ProblemType} (the API's problems) and
 * {@link FailureCode} (a FAILED job's codes), between marker comments, so the page cannot miss a
 * code or keep one that is gone. Regenerate with {@code ./mvnw -o -pl local -am test
 * -Dtest=ErrorReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dupdate.docs=true}.
 */
class ErrorReferenceTest {

  private static final Path PAGE =
      Path.of(System.getProperty("testdata.dir", "../testdata/corpus"))
          .toAbsolutePath()
          .getParent()
          .getParent()
          .resolve("docs/api.md");

  private static final String PROBLEMS = "problem types";
  private static final String FAILURES = "job failure codes";

  @Test
  void errorTablesAreWhatTheCodeDefines() throws IOException {
    String page = Files.readString(PAGE);
    String generated = replace(replace(page, PROBLEMS, problemTable()), FAILURES, failureTable());
    if (Boolean.getBoolean("update.docs")) {
      Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
      page = Files.readString(PAGE);
    }
    assertThat(page)
        .as("docs/api.md's error tables are stale; regenerate with -Dupdate.docs=true")
        .isEqualTo(generated);
  }

  @Test
  void everyFailureCodeHasAMeaning() {
    List<String> declared =
        Arrays.stream(FailureCode.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(ErrorReferenceTest::value)
            .toList();
    assertThat(FailureCode.meanings().keySet()).containsExactlyInAnyOrderElementsOf(declared);
  }

  static String problemTable() {
    return "| status | code | type | when |\n|---|---|---|---|\n"
        + Arrays.stream(ProblemType.values())
            .sorted(Comparator.comparingInt(ProblemType::status))
            .map(
                p ->
                    "| %d | `%s` | `%s` | %s |\n"
                        .formatted(p.status(), p.code(), p.type(), p.when()))
            .collect(Collectors.joining());
  }

  static String failureTable() {
    return "| code | meaning |\n|---|---|\n"
        + FailureCode.meanings().entrySet().stream()
            .map(e -> "| `%s` | %s |\n".formatted(e.getKey(), e.getValue()))
            .collect(Collectors.joining());
  }

  private static String replace(String page, String name, String table) {
    String start = "<!-- generated: " + name + " (ErrorReferenceTest) -->\n";
    String end = "<!-- end generated: " + name + " -->";
    int from = page.indexOf(start);
    int to = page.indexOf(end);
    assertThat(from).as("docs/api.md has the marker " + start.strip()).isNotNegative();
    assertThat(to).as("docs/api.md has the marker " + end).isGreaterThan(from);
    return page.substring(0, from + start.length()) + table + page.substring(to);
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
