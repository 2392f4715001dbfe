package com.customerrating.sink;

import com.customerrating.model.ConversionModel;
import com.customerrating.model.RatingModel;
import com.customerrating.model.ValueModel;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The tables the job writes, their columns in order, and where they live. */
public final class Tables {

  private Tables() {}

  public static final String CONVERSION_RATINGS = "conversion_ratings";
  public static final String VALUE_RATINGS = "value_ratings";
  public static final String REJECTED_RECORDS = "rejected_records";
  public static final String RUN_LOG = "run_log";

  public static final List<String> PARTITION_COLUMNS = List.of("city", "snapshot_year");

  /** Model 1 output; contact names and phones are never among them. */
  public static final List<String> CONVERSION_COLUMNS = List.of(
      "customer_id", "company_name", "district", "industry", "company_size", "consult_channel",
      "product_interest", "consult_date", "intention_score", "demand_clarity_score",
      "satisfaction_score", "purchased", "composite_score", "grade", "follow_up_owner",
      "follow_up_cadence", "next_follow_up_date", "points_to_next_tier", "model_id",
      "model_version", "run_id", "city", "snapshot_year");

  /** Model 2 output; every sub-score, the rank position behind each bucket, the tier. */
  public static final List<String> VALUE_COLUMNS = List.of(
      "customer_id", "company_name", "district", "industry_segment", "company_size",
      "first_contact_date", "consult_channel", "consultation_count", "transaction_count",
      "cumulative_amount", "last_transaction_date", "repurchase_rate", "tx_m1", "tx_m2", "tx_m3",
      "tx_m4", "tx_m5", "tx_m6", "service_content", "sales_owner",
      "consultation_points", "transaction_points", "activity_score", "active_months",
      "stability_score", "amount_band_points", "contribution_score", "rank_population",
      "amount_greater_count", "amount_rank_position", "amount_rank_points",
      "repurchase_greater_count", "repurchase_rank_position", "repurchase_rank_points",
      "value_ranking_score", "activity_normalized", "contribution_normalized",
      "value_ranking_normalized", "composite_score", "tier", "points_to_next_tier", "model_id",
      "model_version", "run_id", "city", "snapshot_year");

  /** Quarantine: the raw text (which may hold personal data), its file, every reason. */
  public static final List<String> REJECTED_COLUMNS = List.of(
      "source_file", "raw_record", "customer_id", "reasons", "run_id", "city", "snapshot_year");

  /**
   * The NOT NULL and CHECK constraints of a table. Tier and grade sets and score ranges come from
   * the configured models of the table's type (the union over them, so every configured city's
   * model fits); with no models, only the model-independent constraints.
   */
  public static TableSpec spec(String table, Collection<? extends RatingModel> models) {
    // Few constraints, each covering several columns: every ADD CONSTRAINT is a commit and a scan.
    Set<String> notNull = new LinkedHashSet<>(List.of("city", "snapshot_year"));
    Map<String, String> checks = new LinkedHashMap<>();
    // Statistics only on what queries filter by: every indexed column costs each write a copy and
    // a comparison per row (Delta's default indexes the first 32 columns).
    List<String> stats = switch (table) {
      case CONVERSION_RATINGS -> List.of("customer_id", "grade", "composite_score", "consult_date");
      case VALUE_RATINGS -> List.of("customer_id", "tier", "composite_score", "cumulative_amount");
      case REJECTED_RECORDS -> List.of("customer_id");
      default -> List.of();
    };
    switch (table) {
      case CONVERSION_RATINGS -> {
        notNull.addAll(List.of("customer_id", "company_name", "consult_date", "intention_score",
            "demand_clarity_score", "satisfaction_score", "composite_score", "grade", "follow_up_owner",
            "follow_up_cadence", "next_follow_up_date", "model_id", "model_version", "run_id"));
        List<ConversionModel> ms = models.stream().filter(ConversionModel.class::isInstance)
            .map(ConversionModel.class::cast).toList();
        String rows = "snapshot_year BETWEEN 1900 AND 2099 AND next_follow_up_date > consult_date"
            + " AND (points_to_next_tier IS NULL OR points_to_next_tier > 0)";
        if (!ms.isEmpty()) {
          checks.put("grade_known", "grade IN (" + quoted(ms.stream().flatMap(m -> m.tierNames().stream()).toList()) + ")");
          long lo = ms.stream().mapToLong(ConversionModel::scoreMin).min().getAsLong();
          long hi = ms.stream().mapToLong(ConversionModel::scoreMax).max().getAsLong();
          rows += " AND intention_score BETWEEN " + lo + " AND " + hi
              + " AND demand_clarity_score BETWEEN " + lo + " AND " + hi
              + " AND satisfaction_score BETWEEN " + lo + " AND " + hi
              + " AND composite_score BETWEEN " + lo + " AND " + hi;
        }
        checks.put("scores_in_range", rows);
      }
      case VALUE_RATINGS -> {
        notNull.addAll(List.of("customer_id", "company_name", "consultation_count", "transaction_count",
            "cumulative_amount", "repurchase_rate", "activity_score", "stability_score", "contribution_score",
            "amount_rank_points", "repurchase_rank_points", "value_ranking_score", "composite_score", "tier",
            "model_id", "model_version", "run_id"));
        List<ValueModel> ms = models.stream().filter(ValueModel.class::isInstance).map(ValueModel.class::cast).toList();
        String rows = "snapshot_year BETWEEN 1900 AND 2099"
            + " AND (points_to_next_tier IS NULL OR points_to_next_tier > 0)"
            + " AND consultation_count >= 0 AND transaction_count >= 0 AND cumulative_amount >= 0"
            + " AND repurchase_rate BETWEEN 0 AND 1"
            + " AND amount_rank_position BETWEEN 0 AND 1 AND repurchase_rank_position BETWEEN 0 AND 1"
            + " AND (activity_normalized IS NULL OR activity_normalized BETWEEN 0 AND 100)"
            + " AND (contribution_normalized IS NULL OR contribution_normalized BETWEEN 0 AND 100)"
            + " AND (value_ranking_normalized IS NULL OR value_ranking_normalized BETWEEN 0 AND 100)";
        if (!ms.isEmpty()) {
          checks.put("tier_known", "tier IN (" + quoted(ms.stream().flatMap(m -> m.tierNames().stream()).toList()) + ")");
          // The 0-100 scale every value model is held to when it loads (ValueModel.SCALE_MAX), not the
          // current model's own maxima: a partition written under an earlier model version must still
          // satisfy the constraint when a later version (e.g. normalize: true) is published.
          rows += " AND " + between("activity_score", BigDecimal.ZERO, ValueModel.SCALE_MAX)
              + " AND " + between("stability_score", BigDecimal.ZERO, ValueModel.SCALE_MAX)
              + " AND " + between("contribution_score", BigDecimal.ZERO, ValueModel.SCALE_MAX)
              + " AND " + between("value_ranking_score", BigDecimal.ZERO, ValueModel.SCALE_MAX)
              + " AND " + between("composite_score", BigDecimal.ZERO, ValueModel.SCALE_MAX);
        }
        checks.put("scores_in_range", rows);
      }
      case REJECTED_RECORDS -> {
        notNull.addAll(List.of("source_file", "reasons", "run_id"));
        checks.put("has_reasons", "size(reasons) > 0 AND snapshot_year BETWEEN 1900 AND 2099");
      }
      case RUN_LOG -> {
        notNull.addAll(List.of("run_id", "model_id", "outcome", "rows_read", "rows_accepted", "rows_rejected"));
        checks.put("outcome_known", "outcome IN ('succeeded', 'rejected_delivery', 'failed')"
            + " AND rows_read >= 0 AND rows_accepted >= 0 AND rows_rejected >= 0");
      }
      default -> {
        // Other tables (e.g. the report tables): partition keys only; their writers add their own.
      }
    }
    return new TableSpec(notNull, checks, stats);
  }

  private static String quoted(List<String> names) {
    return names.stream().distinct().sorted().map(n -> "'" + n.replace("'", "''") + "'")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static String between(String column, BigDecimal lo, BigDecimal hi) {
    return column + " BETWEEN " + lo.stripTrailingZeros().toPlainString() + " AND " + hi.stripTrailingZeros().toPlainString();
  }

  private static <M> BigDecimal min(List<M> ms, Function<M, BigDecimal> f) {
    return ms.stream().map(f).min(BigDecimal::compareTo).orElseThrow();
  }

  private static <M> BigDecimal max(List<M> ms, Function<M, BigDecimal> f) {
    return ms.stream().map(f).max(BigDecimal::compareTo).orElseThrow();
  }

  /** The table name of a table path (its last path segment). */
  public static String name(String path) {
    String p = path.replaceAll("/+$", "");
    return p.substring(p.lastIndexOf('/') + 1);
  }

  public static String path(String root, String table) {
    return root.replaceAll("/+$", "") + "/" + table;
  }
}
