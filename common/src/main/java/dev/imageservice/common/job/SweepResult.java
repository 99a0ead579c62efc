package dev.imageservice.common.job;

/** What one sweep did: jobs announced again (still queued, re-queued) and jobs given up. */
public record SweepResult(int queued, int requeued, int abandoned) {

  public int total() {
    return queued + requeued + abandoned;
  }
}
