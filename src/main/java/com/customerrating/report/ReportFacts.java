package com.customerrating.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything one city-year report shows, as read from the tables: small aggregates (a row per tier,
 * layer, grade, owner, segment, severity or percent), the config's top-N alert lists and the run
 * history. {@link ReportReader} fills it, {@link ReportView} turns it into the page; no Spark type
 * reaches the view. A list is empty, or a value null, where its table or its role is absent.
 */
record ReportFacts(
    String ratingsRunId,
    List<Attempt> attempts,
    List<Count> rejectReasons,
    List<TierRow> tiers,
    Migration migration,
    List<Cell> migrationCells,
    List<LayerRow> pyramid,
    List<double[]> paretoCurve,
    List<SegmentRow> segments,
    List<OutcomeRow> outcomes,
    List<WorkloadRow> workload,
    Overdue overdue,
    Churn churn) {

  /** One run's attempt at this city and year (run_log). */
  record Attempt(String runId, Instant ended, long read, long accepted, long rejected, String outcome, String message,
      List<String> files, List<String> skipped) {}

  record Count(String name, long n) {}

  /** A row of tier_summary. */
  record TierRow(String tier, long customers, long total, BigDecimal customerShare, BigDecimal revenue,
      BigDecimal revenueShare, BigDecimal dealValue, BigDecimal dealValueShare) {}

  /** migration_summary's one row. */
  record Migration(long prev, long curr, long retained, BigDecimal retention, long newCustomers, long lost,
      long upgraded, BigDecimal upgradeRate, long downgraded, BigDecimal downgradeRate, long unchanged,
      String highValueTiers, long hvPrev, long hvCurr, long hvChange, BigDecimal hvGrowth) {}

  /** One cell of tier_migration. */
  record Cell(String from, String to, long customers) {}

  /** A row of customer_pyramid (each carries the Pareto figures of its city-year). */
  record LayerRow(String label, int topPercent, long customers, BigDecimal customerShare, BigDecimal revenue,
      BigDecimal revenueShare, BigDecimal minAmount, BigDecimal maxAmount, int paretoTop, long paretoCustomers,
      BigDecimal paretoShare, BigDecimal totalRevenue) {}

  record SegmentRow(String segment, long customers, BigDecimal revenue, Double avgRecency) {}

  /** A row of conversion_by_grade. */
  record OutcomeRow(String grade, long customers, long known, long positive, BigDecimal rate, BigDecimal overall,
      BigDecimal lift) {}

  record WorkloadRow(String grade, String owner, String cadence, long customers, long due) {}

  /** The overdue rows of the ratings: how many, their deal value, the most valuable few. */
  record Overdue(long count, BigDecimal dealValue, List<OverdueRow> top) {}

  record OverdueRow(String customerId, String company, String tier, String owner, String date, BigDecimal dealValue) {}

  /** churn_alerts of this city-year. */
  record Churn(List<Count> bySeverity, List<Count> byReason, List<Alert> top) {}

  record Alert(String severity, String customerId, String company, String owner, String prevTier, String currTier,
      BigDecimal prevComposite, BigDecimal currComposite, BigDecimal activityChange, BigDecimal contributionChange,
      BigDecimal prevAmount, List<String> reasons) {}
}
