package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLauncherTest {

  @TempDir Path jdks;

  @Test
  void aJavaHomeIsUsedOnlyWhenItsReleaseFileSaysJava25OrNewer() throws IOException {
    assertThat(LocalLauncher.javaHome(jdk("temurin-25", "25.0.3").toString())).isNotNull();
    assertThat(LocalLauncher.javaHome(jdk("jdk-26", "26").toString())).isNotNull();
    assertThat(LocalLauncher.javaHome(jdk("openjdk-17", "17.0.15").toString())).isNull();
    assertThat(LocalLauncher.javaHome(jdk("jdk-8", "1.8.0_412").toString())).isNull();
  }

  @Test
  void aJavaHomeWithoutReleaseFileOrJavaOrAtAllIsNotUsed() throws IOException {
    Path noRelease = Files.createDirectories(jdks.resolve("no-release/bin"));
    Files.createFile(noRelease.resolve("java"));
    Path noJava = Files.createDirectories(jdks.resolve("no-java"));
    Files.writeString(noJava.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");

    assertThat(LocalLauncher.javaHome(noRelease.getParent().toString())).isNull();
    assertThat(LocalLauncher.javaHome(noJava.toString())).isNull();
    assertThat(LocalLauncher.javaHome(jdks.resolve("missing").toString())).isNull();
    assertThat(LocalLauncher.javaHome("")).isNull();
    assertThat(LocalLauncher.javaHome(null)).isNull();
  }

  private Path jdk(String name, String version) throws IOException {
    Path home = Files.createDirectories(jdks.resolve(name));
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.createFile(
        java, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    return home;
  }
}
