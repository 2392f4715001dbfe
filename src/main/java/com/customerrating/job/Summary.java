package com.customerrating.job;

import com.customerrating.common.DeliveryResult;
import com.customerrating.config.JobConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The per-city, per-year summary a run prints at the end. */
final class Summary {

  private Summary() {}

  static void print(PrintStream out, JobOptions opts, JobConfig config, List<DeliveryResult> results,
      Map<String, Long> phases, long totalMillis) {
    out.println();
    out.println("run " + opts.runId() + "  conf " + opts.confFile() + "  warehouse " + opts.warehouse()
        + "  quarantine " + opts.quarantine());
    out.printf("%-10s %-5s %-24s %9s %9s %9s  %-18s %s%n", "city", "year", "model", "read", "accepted",
        "rejected", "outcome", "per tier");
    for (DeliveryResult r : results.stream()
        .sorted(java.util.Comparator.comparing(DeliveryResult::city).thenComparing(DeliveryResult::year)).toList()) {
      String tiers = config.models().get(r.modelId()).tierNames().stream()
          .map(t -> t + "=" + r.tierCounts().getOrDefault(t, 0L)).collect(Collectors.joining(" "));
      out.printf("%-10s %-5d %-24s %9d %9d %9d  %-18s %s%n", r.city(), r.year(), r.modelId(), r.rowsRead(),
          r.rowsAccepted(), r.rowsRejected(), r.outcome(), r.ok() ? tiers : "");
      if (!r.message().isEmpty()) {
        out.println("    " + r.message());
      }
      for (var f : r.skippedFiles()) {
        out.println("    skipped " + f);
      }
    }
    String phaseLine = phases.entrySet().stream()
        .map(e -> e.getKey() + " " + String.format("%.1fs", e.getValue() / 1000.0))
        .collect(Collectors.joining(", "));
    out.printf("time: %.1fs (%s)%n", totalMillis / 1000.0, phaseLine);
  }
}
