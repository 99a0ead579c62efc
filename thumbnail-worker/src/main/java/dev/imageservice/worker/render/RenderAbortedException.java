package dev.imageservice.worker.render;

import dev.imageservice.worker.system.WorkerException;

/**
 * The render was stopped between two steps because its deadline passed or its thread was
 * interrupted (shutdown, visibility lost). Retryable: nothing is wrong with the image.
 */
public class RenderAbortedException extends WorkerException {

  public RenderAbortedException(String message) {
    super(message);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
