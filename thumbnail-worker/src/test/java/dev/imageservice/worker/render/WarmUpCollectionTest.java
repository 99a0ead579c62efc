package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's closing collection runs where it helps and not under G1, where it harms. */
class WarmUpCollectionTest {

  @Test
  void theSerialCollectorAOneCoreJvmPicksIsCollected() {
    assertThat(WarmUpCollection.worthIt(List.of("Copy", "MarkSweepCompact"))).isTrue();
  }

  @Test
  void g1IsNotCollected() {
    assertThat(
            WarmUpCollection.worthIt(
                List.of("G1 Young Generation", "G1 Concurrent GC", "G1 Old Generation")))
        .isFalse();
  }

  @Test
  void otherCollectorsKeepTheCollection() {
    assertThat(WarmUpCollection.worthIt(List.of("PS Scavenge", "PS MarkSweep"))).isTrue();
    assertThat(WarmUpCollection.worthIt(List.of("ZGC Cycles", "ZGC Pauses"))).isTrue();
  }
}
