package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkerJvmFlagsTest {

  // bench e2e must measure the worker with the flags its image starts it with.
  @Test
  void theBenchsWorkerFlagsAreTheContainerImagesFlags() throws IOException {
    String pom = Files.readString(Path.of("..", "thumbnail-worker", "pom.xml"));

    assertThat(WorkerJvmFlags.DEPLOYED)
        .isNotEmpty()
        .allSatisfy(flag -> assertThat(pom).contains("<jvmFlag>" + flag + "</jvmFlag>"));
    assertThat(pom.split("<jvmFlag>", -1)).hasSize(WorkerJvmFlags.DEPLOYED.size() + 1);
  }
}
