package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every admin and tenant route, spelt every way a path can be bent ({@code ;x}, percent-encoded
 * letters, {@code %2e%2e}, {@code //}, a trailing {@code /}, upper case, encoded and double-encoded
 * slashes, backslashes), sent verbatim over a socket with no key, a tenant's key and the admin key:
 * never a 2xx without the route's own kind of key, never a 5xx, always a problem body.
 */
class PathTricksIT extends ApiIntegrationTest {

  private record Route(String method, String path, boolean admin) {}

  private record Trick(String name, UnaryOperator<String> bend) {}

  private static final String JOB = UUID.randomUUID().toString();

  private static final List<Route> ROUTES =
      List.of(
          new Route("POST", "/admin/jobs/" + JOB + "/retry", true),
          new Route("POST", "/admin/dead-letters/redrive", true),
          new Route("GET", "/v1/jobs/" + JOB, false),
          new Route("GET", "/v1/jobs", false),
          new Route("GET", "/v1/jobs/" + JOB + "/thumbnails/small", false),
          new Route("POST", "/v1/images", false));

  private static final List<Trick> TRICKS =
      List.of(
          new Trick("as is", p -> p),
          new Trick(";x after the first segment", p -> firstSegment(p) + ";x" + rest(p)),
          new Trick(";x at the end", p -> p + ";x"),
          new Trick("first letter percent-encoded", p -> "/%" + hex(p.charAt(1)) + p.substring(2)),
          new Trick("%2e%2e back into the route", p -> "/x/%2e%2e" + p),
          new Trick("%2E%2E upper-case escape", p -> "/x/%2E%2E" + p),
          new Trick("/./ dot segment", p -> "/." + p),
          new Trick("/x/../ dot-dot segment", p -> "/x/.." + p),
          new Trick("leading //", p -> "/" + p),
          new Trick("inner //", p -> firstSegment(p) + "/" + rest(p)),
          new Trick("trailing /", p -> p + "/"),
          new Trick("upper case", p -> p.toUpperCase(Locale.ROOT)),
          new Trick(
              "upper-case first segment", p -> firstSegment(p).toUpperCase(Locale.ROOT) + rest(p)),
          new Trick("encoded slash %2f", p -> firstSegment(p) + "%2f" + rest(p).substring(1)),
          new Trick("encoded slash %2F", p -> firstSegment(p) + "%2F" + rest(p).substring(1)),
          new Trick(
              "double-encoded slash %252f", p -> firstSegment(p) + "%252f" + rest(p).substring(1)),
          new Trick("backslash", p -> firstSegment(p) + "\\" + rest(p).substring(1)),
          new Trick("encoded backslash %5c", p -> firstSegment(p) + "%5c" + rest(p).substring(1)),
          new Trick("encoded null", p -> p + "%00"),
          new Trick("tab in path", p -> p + "%09"));

  @Test
  void noPathSpellingReachesARouteWithoutItsKeyOrFailsTheServer() {
    SoftAssertions softly = new SoftAssertions();
    List<String> tried = new ArrayList<>();
    for (Route route : ROUTES) {
      for (Trick trick : TRICKS) {
        String target = trick.bend().apply(route.path());
        for (String key : new String[] {null, KEY_D, ADMIN_KEY}) {
          RawHttp.Response response = send(route, target, key);
          boolean rightKey = route.admin() ? ADMIN_KEY.equals(key) : KEY_D.equals(key);
          String what =
              "%s %s (%s) with %s -> %d %s"
                  .formatted(
                      route.method(),
                      target,
                      trick.name(),
                      keyName(key),
                      response.status(),
                      response.body());
          tried.add(what);
          softly.assertThat(response.status()).as(what).isLessThan(500);
          if (!rightKey) {
            softly.assertThat(response.status()).as(what).isGreaterThanOrEqualTo(400);
          }
          if (response.status() >= 400) {
            softly
                .assertThat(response.header("Content-Type"))
                .as(what)
                .startsWith("application/problem+json");
            softly.assertThat(response.body()).as(what).doesNotContain("Exception");
          }
        }
      }
    }
    assertThat(tried).hasSize(ROUTES.size() * TRICKS.size() * 3);
    softly.assertAll();
  }

  @Test
  void theFirewallAnswersAmbiguousPathsWith400Problems() {
    for (String target :
        List.of(
            "/admin;x/dead-letters/redrive",
            "/v1;x/jobs/" + JOB,
            "/x/%2e%2e/admin/dead-letters/redrive",
            "/admin%2fdead-letters/redrive",
            "//admin/dead-letters/redrive")) {
      RawHttp.Response response =
          RawHttp.send(port, "POST", target, Map.of("Authorization", "Bearer " + KEY_D));
      assertThat(response.status()).as(target + " " + response.body()).isEqualTo(400);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      assertThat(response.body()).contains("\"code\":\"malformed_request\"");
    }
  }

  @Test
  void anEncodedLetterStillNeedsTheAdminKey() {
    RawHttp.Response anonymous =
        RawHttp.send(port, "POST", "/%61dmin/dead-letters/redrive", Map.of());
    assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
    RawHttp.Response tenant =
        RawHttp.send(
            port, "GET", "/%761/jobs/" + JOB, Map.of("Authorization", "Bearer " + ADMIN_KEY));
    assertThat(tenant.status()).as(tenant.body()).isEqualTo(401);
  }

  private RawHttp.Response send(Route route, String target, String key) {
    Map<String, String> headers = key == null ? Map.of() : Map.of("Authorization", "Bearer " + key);
    return RawHttp.send(port, route.method(), target, headers);
  }

  private static String keyName(String key) {
    return key == null ? "no key" : key.equals(ADMIN_KEY) ? "the admin key" : "a tenant key";
  }

  private static String firstSegment(String path) {
    return path.substring(0, path.indexOf('/', 1));
  }

  private static String rest(String path) {
    return path.substring(path.indexOf('/', 1));
  }

  private static String hex(char c) {
    return Integer.toHexString(c);
  }
}
