package com.customerrating.report;

import com.customerrating.common.CityYear;
import com.customerrating.common.Sessions;
import com.customerrating.config.JobConfig;
import com.customerrating.sink.Tables;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Re-renders the HTML reports from the warehouse as it stands, without rerunning the job (e.g.
 * after a template change): {@code ReportTool WAREHOUSE QUARANTINE CONF REPORTS_DIR [RUN_ID]}.
 * Renders every city-year that tier_summary holds.
 */
public final class ReportTool {

  private ReportTool() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: ReportTool WAREHOUSE QUARANTINE CONF REPORTS_DIR [RUN_ID]");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    SparkSession spark = Sessions.builder("customer-rating reports", "local[2]")
        .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false")
        .config("spark.databricks.delta.snapshotPartitions", "2").getOrCreate();
    try {
      JobConfig config = JobConfig.load(Path.of(args[2]));
      ReportConfig rc = ReportConfig.forDatasetConfig(config.file());
      Set<CityYear> parts = new TreeSet<>(AnalyticsStage.ORDER);
      List<Row> rows = spark.read().format("delta").load(Tables.path(args[0], AnalyticsStage.TIER_SUMMARY))
          .select("city", "snapshot_year").distinct().collectAsList(); // one row per city-year
      for (Row r : rows) {
        if (config.dataset(r.getString(0)) != null) {
          parts.add(new CityYear(r.getString(0), r.getInt(1)));
        }
      }
      List<Path> files = new ReportWriter(spark, config, rc, args[0], args[1], args.length > 4 ? args[4] : "(re-rendered)")
          .writeAll(parts, Path.of(args[3]));
      System.out.println("wrote " + files);
    } finally {
      spark.stop();
    }
  }
}
