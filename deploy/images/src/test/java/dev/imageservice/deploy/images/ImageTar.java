package dev.imageservice.deploy.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A container image tar as {@code jib:buildTar} writes it (Docker archive: {@code manifest.json},
 * the config, gzipped layers), unpacked with the system's {@code tar}: the layers are applied in
 * order onto one root file system. Not thread-safe; one instance per image.
 *
 * @param config the image config's {@code config} object (User, Entrypoint, Env, ...)
 * @param rootfs the unpacked root file system
 */
record ImageTar(JsonNode config, Path rootfs) {

  /** Unpacks {@code tar} into {@code workdir} (emptied first). */
  static ImageTar unpack(Path tar, Path workdir) throws IOException, InterruptedException {
    if (!Files.isRegularFile(tar)) {
      throw new IllegalStateException(
          tar + " is missing: build the service module's package phase first (Jib buildTar)");
    }
    Path archive = workdir.resolve("archive");
    Path rootfs = workdir.resolve("rootfs");
    run(List.of("rm", "-rf", workdir.toString()));
    Files.createDirectories(archive);
    Files.createDirectories(rootfs);
    run(List.of("tar", "-xf", tar.toString(), "-C", archive.toString()));
    JsonMapper json = new JsonMapper();
    JsonNode manifest = json.readTree(archive.resolve("manifest.json").toFile()).get(0);
    for (JsonNode layer : manifest.get("Layers")) {
      run(
          List.of(
              "tar",
              "--warning=no-unknown-keyword",
              "-xzf",
              archive.resolve(layer.asString()).toString(),
              "-C",
              rootfs.toString()));
    }
    // Container runtimes provide /proc; the unshare'd run mounts a fresh one here.
    Files.createDirectories(rootfs.resolve("proc"));
    JsonNode config =
        json.readTree(archive.resolve(manifest.get("Config").asString()).toFile()).get("config");
    return new ImageTar(config, rootfs);
  }

  /** The image's {@code User}. */
  String user() {
    return config.path("User").asString("");
  }

  /** The image's entrypoint followed by its command. */
  List<String> entrypoint() {
    List<String> command = new ArrayList<>();
    config.path("Entrypoint").forEach(n -> command.add(n.asString()));
    config.path("Cmd").forEach(n -> command.add(n.asString()));
    return command;
  }

  /** The image's environment, {@code NAME=value}. */
  List<String> env() {
    List<String> env = new ArrayList<>();
    config.path("Env").forEach(n -> env.add(n.asString()));
    return env;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IOException(command + " failed: " + output);
    }
  }
}
