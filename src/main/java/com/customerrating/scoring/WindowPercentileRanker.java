package com.customerrating.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import org.apache.spark.sql.functions;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The readable reference: {@code greater = rank() - 1} and {@code population = count(*)} over a
 * window partitioned by the ranking scope and ordered by value descending. One scope is one
 * task, so this is for small populations and for checking the scalable form.
 */
public final class WindowPercentileRanker implements PercentileRanker {

  @Override
  public Dataset<Row> rank(Dataset<Row> rows, List<Ranking> rankings) {
    Dataset<Row> out = rows;
    for (Ranking r : rankings) {
      Column[] partition = r.scope().stream().map(c -> col(c)).toArray(Column[]::new);
      WindowSpec ordered = Window.partitionBy(partition).orderBy(col(r.value()).desc());
      WindowSpec whole = Window.partitionBy(partition);
      out = out.withColumn(r.greaterCol(), functions.rank().over(ordered).minus(lit(1)).cast("long"))
          .withColumn(r.populationCol(), count(lit(1)).over(whole));
    }
    return out;
  }
}
