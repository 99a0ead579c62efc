package dev.imageservice.local.bench;

/**
 * One kind of call as the worker makes it, repeated by {@code bench sdk-floor}. Not thread-safe:
 * one thread calls it.
 */
interface FloorCall {

  CallKind kind();

  /**
   * Readies the next {@code calls} calls, outside any measured window: what the worker does not do
   * itself (sending the SQS messages it will receive) is not counted as its cost.
   */
  default void prepare(int calls) {}

  /** Makes one call as the worker does; throws when it did not succeed. */
  void call();
}
