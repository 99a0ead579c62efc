package dev.imageservice.deploy.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What only a person can decide about one environment, read from {@code
 * deploy/environments/<env>.json} (the one hand-written file per environment; everything else is
 * derived from the stack's outputs). Validated on load: a documentation range, a made-up account or
 * an all-zero ARN stops the synthesis with a message naming the field. Immutable.
 *
 * @param domain the public domain of the environment ({@code images.example.org}); CloudFront
 *     serves it, the ALB's origin name is {@code origin.<domain>}
 * @param hostedZoneId an existing Route53 public zone of {@code domain}, or null: the stack then
 *     creates the zone (and the parent domain's owner delegates to its name servers)
 * @param account the AWS account id the environment is deployed into (12 digits)
 * @param clusterAdminCidrs the only sources of the EKS API's public endpoint (VPN, CI egress)
 * @param adminRoleArn the operators' IAM role, cluster administrator through an access entry
 * @param deployRoleArn the CI deploy role (GitHub OIDC), cluster administrator through an access
 *     entry so that {@code helm upgrade} works
 * @param alarmEmail where the alarm topic sends its notifications (confirmed by that person)
 */
public record Site(
    String domain,
    String hostedZoneId,
    String account,
    List<String> clusterAdminCidrs,
    String adminRoleArn,
    String deployRoleArn,
    String alarmEmail) {

  // One DNS label at a time (no nested quantifiers over the whole name: no ReDoS).
  private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
  private static final Pattern TOP_LEVEL = Pattern.compile("^[a-z]{2,63}$");
  private static final Pattern ACCOUNT = Pattern.compile("^[0-9]{12}$");
  private static final Pattern ROLE = Pattern.compile("^arn:aws[a-z-]*:iam::([0-9]{12}):role/.+$");
  private static final Pattern ZONE = Pattern.compile("^Z[A-Z0-9]{8,31}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$");
  private static final Pattern CIDR = Pattern.compile("^([0-9.]+)/([0-9]{1,2})$");

  /** RFC 5737 documentation ranges, the unspecified address and the RFC 2606 example domains. */
  private static final List<String> DOCUMENTATION_PREFIXES =
      List.of("192.0.2.", "198.51.100.", "203.0.113.", "0.0.0.0");

  private static final List<String> EXAMPLE_DOMAINS =
      List.of("example.com", "example.org", "example.net", "invalid", "test", "localhost");

  public Site {
    clusterAdminCidrs = List.copyOf(clusterAdminCidrs == null ? List.of() : clusterAdminCidrs);
    List<String> problems = new ArrayList<>();
    domainProblem(domain).ifPresent(problems::add);
    if (hostedZoneId != null && !ZONE.matcher(hostedZoneId).matches()) {
      problems.add("hostedZoneId is not a Route53 zone id: " + hostedZoneId);
    }
    if (account == null
        || !ACCOUNT.matcher(account).matches()
        || account.chars().distinct().count() == 1) {
      problems.add("account is not a 12-digit account id (nor one digit repeated): " + account);
    }
    roleProblem("adminRoleArn", adminRoleArn, account).ifPresent(problems::add);
    roleProblem("deployRoleArn", deployRoleArn, account).ifPresent(problems::add);
    if (alarmEmail == null || !EMAIL.matcher(alarmEmail).matches()) {
      problems.add("alarmEmail is not an address: " + alarmEmail);
    }
    if (clusterAdminCidrs.isEmpty()) {
      problems.add("clusterAdminCidrs is empty: nobody could reach the cluster's API");
    }
    clusterAdminCidrs.stream()
        .map(Site::cidrProblem)
        .flatMap(Optional::stream)
        .forEach(problems::add);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid environment file: " + String.join("; ", problems));
    }
  }

  /** The ALB's name, kept by external-dns from the Ingress; CloudFront's origin. */
  public String originDomainName() {
    return "origin." + domain;
  }

  /** The folder of the environment files: {@code -Denvironments.dir}, else the repository's. */
  public static Path directory() {
    return Path.of(System.getProperty("environments.dir", "../environments"));
  }

  /** The file of one environment. */
  public static Path file(String environment) {
    return directory().resolve(environment + ".json");
  }

  /** Reads and validates {@code <directory>/<environment>.json}, if present. */
  public static Optional<Site> load(String environment) {
    Path file = file(environment);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          JsonMapper.builder()
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build()
              .readValue(Files.readString(file), Site.class));
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> domainProblem(String domain) {
    if (domain == null || !isDnsName(domain)) {
      return Optional.of("domain is not a lower-case DNS name: " + domain);
    }
    if (EXAMPLE_DOMAINS.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d))) {
      return Optional.of("domain is a reserved example domain: " + domain);
    }
    return Optional.empty();
  }

  private static boolean isDnsName(String name) {
    String[] labels = name.split("\\.", -1);
    if (name.length() < 4 || name.length() > 200 || labels.length < 2) {
      return false;
    }
    for (int i = 0; i < labels.length - 1; i++) {
      if (!LABEL.matcher(labels[i]).matches()) {
        return false;
      }
    }
    return TOP_LEVEL.matcher(labels[labels.length - 1]).matches();
  }

  /** The existing hosted zone, if the file names one. */
  public Optional<String> existingZone() {
    return Optional.ofNullable(hostedZoneId);
  }

  private static Optional<String> roleProblem(String field, String arn, String account) {
    if (arn == null || !ROLE.matcher(arn).matches()) {
      return Optional.of(field + " is not an IAM role ARN: " + arn);
    }
    var m = ROLE.matcher(arn);
    if (m.matches() && !m.group(1).equals(account)) {
      return Optional.of(field + " is in account " + m.group(1) + ", not " + account);
    }
    return Optional.empty();
  }

  private static Optional<String> cidrProblem(String cidr) {
    var m = CIDR.matcher(cidr);
    if (!m.matches() || Integer.parseInt(m.group(2)) > 32) {
      return Optional.of("clusterAdminCidrs: not an IPv4 CIDR: " + cidr);
    }
    if (DOCUMENTATION_PREFIXES.stream().anyMatch(m.group(1)::startsWith)
        || Integer.parseInt(m.group(2)) < 8) {
      return Optional.of("clusterAdminCidrs: documentation, unspecified or too wide: " + cidr);
    }
    try {
      InetAddress address = InetAddress.getByName(m.group(1));
      if (address.isSiteLocalAddress() || address.isLoopbackAddress()) {
        return Optional.of(
            "clusterAdminCidrs: private addresses never reach a public endpoint: " + cidr);
      }
    } catch (UnknownHostException e) {
      return Optional.of("clusterAdminCidrs: not an IPv4 CIDR: " + cidr);
    }
    return Optional.empty();
  }
}
