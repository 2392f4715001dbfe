package com.customerrating.sink;

import com.customerrating.common.DeliveryResult;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The run_log table: one row per run, city and year, appended in one commit at the end of a run. */
public final class RunLog {

  private RunLog() {}

  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("model_id", DataTypes.StringType, false)
      .add("model_version", DataTypes.IntegerType, false)
      .add("started_at", DataTypes.TimestampType, false)
      .add("ended_at", DataTypes.TimestampType, false)
      .add("input_files", DataTypes.createArrayType(DataTypes.StringType), false)
      .add("skipped_files", DataTypes.createArrayType(new StructType()
          .add("file", DataTypes.StringType).add("reason", DataTypes.StringType), true), true)
      .add("rows_read", DataTypes.LongType, false)
      .add("rows_accepted", DataTypes.LongType, false)
      .add("rows_rejected", DataTypes.LongType, false)
      .add("outcome", DataTypes.StringType, false)
      .add("message", DataTypes.StringType, true)
      .add("city", DataTypes.StringType, false)
      .add("snapshot_year", DataTypes.IntegerType, false);

  public static void append(SparkSession spark, String path, String runId, List<DeliveryResult> results) {
    if (results.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (DeliveryResult r : results) {
      rows.add(RowFactory.create(runId, r.modelId(), r.modelVersion(), new Timestamp(r.startedAtMillis()),
          new Timestamp(r.endedAtMillis()), r.inputFiles().toArray(String[]::new),
          r.skippedFiles().stream().map(f -> RowFactory.create(f.file(), f.reason())).toArray(Row[]::new), r.rowsRead(),
          r.rowsAccepted(), r.rowsRejected(), r.outcome(), r.message(), r.city(), r.year()));
    }
    CrashPoint.reach("before_run_log_commit");
    DeltaSink.append(spark.createDataFrame(rows, SCHEMA).coalesce(1), path);
  }
}
