package com.customerrating.testing;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Table comparisons for tests. */
public final class Tables {

  private Tables() {}

  public static Dataset<Row> read(SparkSession spark, String path, String... dropColumns) {
    return spark.read().format("delta").load(path).drop(dropColumns);
  }

  /**
   * Rows of {@code a} not in {@code b} or the other way round, duplicates counted (exceptAll both
   * ways); empty when the two tables hold the same rows.
   */
  public static long difference(Dataset<Row> a, Dataset<Row> b) {
    String[] cols = a.columns();
    Arrays.sort(cols);
    Dataset<Row> x = a.selectExpr(cols);
    Dataset<Row> y = b.selectExpr(cols);
    return x.exceptAll(y).count() + y.exceptAll(x).count();
  }
}
