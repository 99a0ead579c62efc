package dev.imageservice.local.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a sample (nearest rank). */
final class Stats {

  private final List<Double> sorted;

  Stats(List<Double> sample) {
    sorted = new ArrayList<>(sample);
    Collections.sort(sorted);
  }

  double percentile(double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  double mean() {
    return sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  int count() {
    return sorted.size();
  }
}
