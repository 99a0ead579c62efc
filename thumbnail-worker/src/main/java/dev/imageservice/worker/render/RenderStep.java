package dev.imageservice.worker.render;

/**
 * One stage of the render pipeline: a pure function from one state to the next. Implementations are
 * stateless and thread-safe; they never modify the state or an image they receive.
 */
interface RenderStep {

  /**
   * Returns the next state.
   *
   * @throws ImageRejectedException when the image can never be rendered
   */
  RenderState apply(RenderState state);
}
