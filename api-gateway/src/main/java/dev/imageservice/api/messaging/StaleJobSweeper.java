package dev.imageservice.api.messaging;

import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.SweepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Announces again the jobs whose message was lost, through {@link JobLifecycle#sweep}: jobs that
 * stayed {@code QUEUED} too long (their {@code ImageUploaded} was lost after it left the outbox: a
 * purged queue, an in-memory queue restarted), and jobs left {@code PROCESSING} whose lease ended
 * long ago (their worker died and their message is gone, e.g. dead-lettered while the worker still
 * held the job). Those go back to {@code QUEUED}, at most {@code max-reannouncements} times; after
 * that they are {@code FAILED abandoned}. Duplicates are harmless, since workers claim jobs
 * conditionally. Safe to run on every replica (rows are taken with {@code skip locked}).
 */
@Component
class StaleJobSweeper {

  private static final Logger log = LoggerFactory.getLogger(StaleJobSweeper.class);

  private final JobLifecycle lifecycle;
  private final SweeperProperties properties;

  StaleJobSweeper(JobLifecycle lifecycle, SweeperProperties properties) {
    this.lifecycle = lifecycle;
    this.properties = properties;
  }

  @Scheduled(
      fixedDelayString = "${image-service.sweeper.interval:1m}",
      initialDelayString = "${image-service.sweeper.initial-delay:5s}")
  void requeueStaleJobs() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("stale job sweep failed, next one in {}: {}", properties.interval(), e.toString());
    }
  }

  SweepResult sweep() {
    SweepResult result = lifecycle.sweep(properties.policy());
    if (result.queued() > 0) {
      log.warn(
          "re-announced {} job(s) QUEUED for over {}", result.queued(), properties.staleAfter());
    }
    if (result.requeued() > 0) {
      log.warn(
          "re-queued {} job(s) whose worker vanished (lease ended over {} ago)",
          result.requeued(),
          properties.abandonedAfter());
    }
    if (result.abandoned() > 0) {
      log.warn(
          "FAILED {} job(s) abandoned by their worker {} times",
          result.abandoned(),
          properties.maxReannouncements());
    }
    return result;
  }
}
