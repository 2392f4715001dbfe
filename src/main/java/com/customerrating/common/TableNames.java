package com.customerrating.common;

import java.util.List;

/**
 * The tables the job writes whatever the models: the quarantine, the run log and the analytics
 * tables. A model's ratings table is named in its model file and may not take one of these names.
 */
public final class TableNames {

  private TableNames() {}

  public static final String REJECTED_RECORDS = "rejected_records";
  public static final String RUN_LOG = "run_log";

  public static final String TIER_SUMMARY = "tier_summary";
  public static final String TIER_MIGRATION = "tier_migration";
  public static final String MIGRATION_SUMMARY = "migration_summary";
  public static final String CHURN_ALERTS = "churn_alerts";
  public static final String RFM_SEGMENTS = "rfm_segments";
  public static final String CUSTOMER_PYRAMID = "customer_pyramid";
  public static final String CONVERSION_BY_GRADE = "conversion_by_grade";

  /** The analytics tables, in the order they are written. */
  public static final List<String> ANALYTICS = List.of(TIER_SUMMARY, TIER_MIGRATION, MIGRATION_SUMMARY,
      CHURN_ALERTS, RFM_SEGMENTS, CUSTOMER_PYRAMID, CONVERSION_BY_GRADE);

  /** Whether a ratings table may not have this name. */
  public static boolean reserved(String table) {
    return table.equals(REJECTED_RECORDS) || table.equals(RUN_LOG) || ANALYTICS.contains(table);
  }
}
