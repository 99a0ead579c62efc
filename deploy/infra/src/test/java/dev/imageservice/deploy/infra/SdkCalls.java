package dev.imageservice.deploy.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the AWS SDK calls a service's code makes: every {@code field.method(} on a field or
 * parameter declared as one of the SDK's S3, SQS, SNS or CloudFront clients (or the S3 presigner),
 * and every {@code @SqsListener} (Spring Cloud AWS then receives, deletes and changes visibility
 * for it). Results are {@code File#method}, e.g. {@code OriginalStore#putObject}. Stateless.
 */
final class SdkCalls {

  private static final Pattern CLIENT_DECLARATION =
      Pattern.compile(
          "\\b(S3Client|S3AsyncClient|S3Presigner|SqsClient|SqsAsyncClient|SnsClient|SnsAsyncClient"
              + "|SecretsManagerClient|StsClient|OpenSearchClient|CloudFrontClient)\\s+(\\w+)\\s*[;,)=]");
  private static final Set<String> NOT_CALLS = Set.of("close", "serviceName", "toString");

  private SdkCalls() {}

  /** The repository root (for the services' sources). */
  static Path repository() {
    return Path.of(System.getProperty("sources.dir", "../.."));
  }

  /** Every {@code File#method} SDK call and {@code File#@SqsListener} in these source roots. */
  static Set<String> in(List<String> moduleSourceRoots) {
    Set<String> calls = new TreeSet<>();
    for (String root : moduleSourceRoots) {
      try (Stream<Path> files = Files.walk(repository().resolve(root))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> scan(f, calls));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return calls;
  }

  private static void scan(Path file, Set<String> calls) {
    String source;
    try {
      source = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = file.getFileName().toString().replace(".java", "");
    if (source.contains("@SqsListener")) {
      calls.add(name + "#@SqsListener");
    }
    Matcher declaration = CLIENT_DECLARATION.matcher(source);
    Set<String> variables = new TreeSet<>();
    while (declaration.find()) {
      variables.add(declaration.group(2));
    }
    for (String variable : variables) {
      Matcher call = Pattern.compile("\\b" + variable + "\\s*\\.\\s*(\\w+)\\s*\\(").matcher(source);
      while (call.find()) {
        if (!NOT_CALLS.contains(call.group(1))) {
          calls.add(name + "#" + call.group(1));
        }
      }
    }
  }
}
