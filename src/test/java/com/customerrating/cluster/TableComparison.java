package com.customerrating.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Row-for-row comparison of two Delta tables: same columns and types, same row count, and no row
 * of one missing from the other (except() both ways, and exceptAll() both ways so that duplicated
 * rows count too).
 */
final class TableComparison {

  private TableComparison() {}

  /** What differs between the tables at {@code left} and {@code right}; empty when they match. */
  static List<String> differences(SparkSession spark, String name, String left, String right,
      Set<String> ignoredColumns) {
    List<String> out = new ArrayList<>();
    Dataset<Row> a = spark.read().format("delta").load(left);
    Dataset<Row> b = spark.read().format("delta").load(right);
    Set<String> aFields = fields(a);
    Set<String> bFields = fields(b);
    if (!aFields.equals(bFields)) {
      out.add(name + ": columns differ: " + aFields + " vs " + bFields);
      return out;
    }
    String[] cols = Arrays.stream(a.columns()).filter(c -> !ignoredColumns.contains(c)).sorted()
        .toArray(String[]::new);
    a = a.selectExpr(cols);
    b = b.selectExpr(cols);
    long ca = a.count();
    long cb = b.count();
    if (ca != cb) {
      out.add(name + ": " + ca + " rows vs " + cb);
    }
    if (ca == 0) {
      out.add(name + ": no rows");
    }
    // one job each: distinct rows missing on either side, then rows counted with duplicates
    long distinctDiff = a.except(b).union(b.except(a)).count();
    long allDiff = a.exceptAll(b).union(b.exceptAll(a)).count();
    if (distinctDiff + allDiff > 0) {
      out.add(name + ": " + allDiff + " row(s) in one table only (" + distinctDiff + " distinct); e.g. only in "
          + left + ": " + a.exceptAll(b).limit(2).collectAsList() + ", only in " + right + ": "
          + b.exceptAll(a).limit(2).collectAsList());
    }
    return out;
  }

  private static Set<String> fields(Dataset<Row> d) {
    Set<String> s = new TreeSet<>();
    for (StructField f : d.schema().fields()) {
      s.add(f.name() + ":" + f.dataType().simpleString());
    }
    return s;
  }
}
