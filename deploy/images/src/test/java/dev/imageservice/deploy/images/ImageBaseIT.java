package dev.imageservice.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images' base (deploy/images/build-runtime.sh): the Debian packages of {@code debian.lock},
 * visible to image scanners through the dpkg status database; the codec set checked; and the worker
 * image's own Java and codecs render a JPEG as the non-root user, writing only under {@code /tmp}
 * (the root file system belongs to root, unwritable for the image's user).
 */
class ImageBaseIT {

  private static final List<String> CODEC_PACKAGES =
      List.of(
          "libc6",
          "ca-certificates",
          "tzdata",
          "libturbojpeg0",
          "libwebp7",
          "libavif15",
          "libheif1",
          "libde265-0",
          "libdav1d6",
          "libaom3");

  private static Path root() {
    return Path.of(System.getProperty("images.root", "../.."));
  }

  @Test
  void dpkgStatusListsExactlyTheLockedPackagesInstalled() throws IOException {
    Map<String, String> locked = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root().resolve("deploy/images/debian.lock"))) {
      if (!line.startsWith("#") && !line.isBlank()) {
        String[] fields = line.split(" ");
        locked.put(fields[0], fields[1]);
      }
    }
    for (String module : List.of("api-gateway", "thumbnail-worker")) {
      Path status = ServiceImageIT.image(module).rootfs().resolve("var/lib/dpkg/status");
      Map<String, String> installed = new LinkedHashMap<>();
      for (String stanza : Files.readString(status).split("\n\n")) {
        if (stanza.isBlank()) {
          continue;
        }
        assertThat(stanza).as(module).contains("\nStatus: install ok installed\n");
        installed.put(field(stanza, "Package"), field(stanza, "Version"));
      }
      assertThat(installed).as(module).isEqualTo(locked).containsKeys(keys(CODEC_PACKAGES));
      // Each package's file list, in dpkg's multiarch layout, so scanners map files to packages.
      Path info = status.resolveSibling("info");
      assertThat(info.resolve("format")).content().isEqualToIgnoringWhitespace("1");
      for (String pkg : installed.keySet()) {
        assertThat(
                Files.isRegularFile(info.resolve(pkg + ".list"))
                    || Files.isRegularFile(info.resolve(pkg + ":amd64.list")))
            .as(module + ": file list of " + pkg)
            .isTrue();
      }
    }
  }

  @Test
  void codecCheckPassesOnTheImageAndFailsWithoutACodec(@TempDir Path temp) throws Exception {
    Path rootfs = ServiceImageIT.image("thumbnail-worker").rootfs();
    Result ok = check(rootfs);
    assertThat(ok.exitCode()).as(ok.output()).isZero();

    // Hard links: a copy of the rootfs that costs no space, less libdav1d (libavif and libheif's
    // AV1 decoder).
    Path broken = temp.resolve("rootfs");
    exec(List.of("cp", "-al", rootfs.toString(), broken.toString()));
    Files.delete(broken.resolve("usr/lib/x86_64-linux-gnu/libdav1d.so.6"));
    Result failed = check(broken);
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.output())
        .contains("libdav1d.so.6: not in the rootfs")
        .contains("libavif.so.15 needs, not in the rootfs: libdav1d.so.6");
  }

  @Test
  void workerImageFindsItsCodecsAndRendersAJpegAsNonRoot() throws Exception {
    ImageTar image = ServiceImageIT.image("thumbnail-worker");
    Path in = image.rootfs().resolve("tmp/in");
    Files.createDirectories(in);
    Files.copy(
        root().resolve("testdata/corpus/S02_orientation_1.jpg"),
        in.resolve("photo.jpg"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // The image's entrypoint (its java, flags and class path), with the renderer's command-line
    // entry instead of the Spring application: same jar, same codecs, no infrastructure.
    List<String> command = new ArrayList<>(image.entrypoint());
    command.set(command.size() - 1, "dev.imageservice.worker.render.RenderCommand");
    command.addAll(List.of("/tmp/out", "/tmp/in/photo.jpg"));

    IsolatedRun.Result result = IsolatedRun.run(image, command, List.of(), Duration.ofSeconds(120));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains(
            "renderer codecs: NativeCodecs[turbojpeg=true, libwebp=true, libwebp-encoder=true,"
                + " libheif=true, libavif=true]")
        .contains("photo.jpg");
    try (Stream<Path> out = Files.list(image.rootfs().resolve("tmp/out"))) {
      List<Path> jpegs = out.filter(p -> p.toString().endsWith(".jpg")).toList();
      assertThat(jpegs).as(result.output()).isNotEmpty();
      for (Path jpeg : jpegs) {
        byte[] bytes = Files.readAllBytes(jpeg);
        assertThat(bytes).as(jpeg.toString()).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        assertThat(javax.imageio.ImageIO.read(jpeg.toFile())).as(jpeg.toString()).isNotNull();
      }
    }
    // Written by the image's user (65532 inside; the test's own uid outside), never as root.
    assertThat(Files.getOwner(image.rootfs().resolve("tmp/out")).getName())
        .isEqualTo(Files.getOwner(in).getName());
    assertThat(result.output()).doesNotContain("Permission denied");
  }

  @Test
  void rootFileSystemGivesTheUserNoPrivilegeAndNoWritablePathButTmp() throws IOException {
    for (String module : List.of("api-gateway", "thumbnail-worker")) {
      Path rootfs = ServiceImageIT.image(module).rootfs();
      List<String> offending = new ArrayList<>();
      try (Stream<Path> paths = Files.walk(rootfs)) {
        paths
            .filter(p -> !Files.isSymbolicLink(p))
            .filter(p -> !p.startsWith(rootfs.resolve("tmp")) && !p.equals(rootfs.resolve("proc")))
            .forEach(
                p -> {
                  int mode = mode(p);
                  // setuid/setgid (04000/02000), or writable by group or others (020/002).
                  if ((mode & 06022) != 0) {
                    offending.add(rootfs.relativize(p) + " " + Integer.toOctalString(mode));
                  }
                });
      }
      assertThat(offending).as(module).isEmpty();
    }
  }

  private static int mode(Path path) {
    try {
      return (Integer) Files.getAttribute(path, "unix:mode");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String[] keys(List<String> names) {
    return names.toArray(String[]::new);
  }

  private static String field(String stanza, String name) {
    return stanza
        .lines()
        .filter(l -> l.startsWith(name + ": "))
        .map(l -> l.substring(name.length() + 2))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + stanza));
  }

  private record Result(int exitCode, String output) {}

  private static Result check(Path rootfs) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "bash",
                root().resolve("deploy/images/check-rootfs.sh").toString(),
                rootfs.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    return new Result(process.waitFor(), output);
  }

  private static void exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(command + ": " + output).isZero();
  }
}
