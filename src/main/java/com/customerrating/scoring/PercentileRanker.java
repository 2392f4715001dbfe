package com.customerrating.scoring;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Computes, for every row, how many rows of the same ranking scope hold a strictly greater
 * value, and how many rows the scope holds. Those two numbers are the exact percentile
 * position {@code p = greater / population} of the spec ("global ranking percentage").
 *
 * <p>Every implementation must give identical results for any number of partitions, cores or
 * executors. Rows whose value is null are not expected (validation rejects them).
 */
public interface PercentileRanker {

  /**
   * One ranking.
   *
   * @param scope the columns that delimit one ranking population, e.g. city and snapshot_year
   * @param value the column ranked, descending
   * @param greaterCol name of the added LONG column: rows in scope with a strictly greater value
   * @param populationCol name of the added LONG column: rows in scope
   */
  record Ranking(List<String> scope, String value, String greaterCol, String populationCol) {}

  /**
   * Every ranking of {@code rankings} over {@code rows}, in one frame: the rows unchanged apart
   * from the two columns each ranking adds. Each ranks the rows as given (a ranking never reads a
   * column another adds), so an implementation may compute them from the same input. An
   * implementation may run small jobs over {@code rows} here (summaries that decide how the work
   * is cut); the ranking itself runs when the returned frame does.
   */
  Dataset<Row> rank(Dataset<Row> rows, List<Ranking> rankings);

  /** One ranking: {@link #rank(Dataset, List)} with one {@link Ranking}. */
  default Dataset<Row> rank(
      Dataset<Row> rows, List<String> scope, String value, String greaterCol, String populationCol) {
    return rank(rows, List.of(new Ranking(scope, value, greaterCol, populationCol)));
  }
}
