package com.customerrating.job;

import com.customerrating.scoring.RankingMethod;
import java.util.Set;

/**
 * What one run is asked to do, parsed once from the command line into typed values.
 *
 * @param cities cities to run (empty: every city in the landing zone)
 * @param years snapshot years to run (empty: every year in the landing zone)
 * @param runId identifies the run in every row it writes and in run_log
 * @param analytics whether the analytics tables and HTML reports follow the ratings
 */
public record JobOptions(
    String inputRoot,
    String warehouse,
    String quarantine,
    String confFile,
    Set<String> cities,
    Set<Integer> years,
    String runId,
    RankingMethod rankingMethod,
    String reportsDir,
    boolean analytics) {

  /** Options of a full run: ratings, then analytics tables and reports. */
  public JobOptions(String inputRoot, String warehouse, String quarantine, String confFile, Set<String> cities,
      Set<Integer> years, String runId, RankingMethod rankingMethod, String reportsDir) {
    this(inputRoot, warehouse, quarantine, confFile, cities, years, runId, rankingMethod, reportsDir, true);
  }
}
