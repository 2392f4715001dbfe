package com.customerrating.sink;

import java.util.List;

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

  public static String path(String root, String table) {
    return root.replaceAll("/+$", "") + "/" + table;
  }
}
