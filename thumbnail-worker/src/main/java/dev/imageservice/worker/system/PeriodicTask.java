package dev.imageservice.worker.system;

import dev.imageservice.worker.system.WorkerScheduler.Heartbeat;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * A bean that does its {@link #runPeriodically() task} when the worker starts and then every
 * interval on the {@link WorkerScheduler}'s threads, until the worker stops: the start and stop of
 * such a schedule, written once for the beans that have one (the spool sweep, the queue metrics).
 * The task must be short, as every beat of the scheduler's must be. Thread-safe.
 */
public abstract class PeriodicTask implements SmartLifecycle {

  private final WorkerScheduler scheduler;
  private final Duration interval;
  private volatile @Nullable Heartbeat beating;

  protected PeriodicTask(WorkerScheduler scheduler, Duration interval) {
    this.scheduler = scheduler;
    this.interval = interval;
  }

  /** One run of the task; a failure is logged by the scheduler and the next run still comes. */
  protected abstract void runPeriodically();

  @Override
  public final void start() {
    beating = scheduler.every(Duration.ZERO, interval, this::runPeriodically);
  }

  @Override
  public final void stop() {
    Heartbeat running = beating;
    if (running != null) {
      running.close();
      beating = null;
    }
  }

  @Override
  public final boolean isRunning() {
    return beating != null;
  }
}
