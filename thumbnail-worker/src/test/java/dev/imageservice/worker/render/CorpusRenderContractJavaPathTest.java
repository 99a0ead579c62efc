package dev.imageservice.worker.render;

import dev.imageservice.worker.render.codec.NativeCodecs;

/**
 * The corpus contract with the native codecs off ({@code -Dimage-service.render.native=false}, or a
 * machine without libjpeg-turbo and libwebp): ImageIO and TwelveMonkeys alone must pass it too.
 */
class CorpusRenderContractJavaPathTest extends CorpusRenderContractTest {

  @Override
  NativeCodecs codecs() {
    return NativeCodecs.none();
  }
}
