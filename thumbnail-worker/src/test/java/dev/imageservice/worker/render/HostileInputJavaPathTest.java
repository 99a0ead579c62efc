package dev.imageservice.worker.render;

import dev.imageservice.worker.render.codec.NativeCodecs;

/** The hostile inputs with the native codecs off: refused or failed the same way. */
class HostileInputJavaPathTest extends HostileInputTest {

  @Override
  NativeCodecs codecs() {
    return NativeCodecs.none();
  }
}
