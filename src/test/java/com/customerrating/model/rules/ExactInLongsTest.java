package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.customerrating.common.ColumnType;
import com.customerrating.testing.SparkSessionFixture;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic the rules do in longs ({@link Scaled#rescaleInLongs}, a weighted sum's digits) gives
 * exactly the values of the same arithmetic in decimals, half-up where it rounds.
 */
class ExactInLongsTest implements SparkSessionFixture {

  private static final ColumnType AMOUNT = ColumnType.decimal(12, 2);

  private Dataset<Row> values() {
    Random r = new Random(11);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int whole = i < 20 ? i : r.nextInt(1_000);
      BigDecimal score = BigDecimal.valueOf(r.nextInt(1_000_001), 4);           // 0 … 100.0000
      BigDecimal amount = BigDecimal.valueOf(Math.abs(r.nextLong() % 10_000_000_000L), 2);
      rows.add(RowFactory.create(whole, i % 17 == 0 ? null : score, amount));
    }
    StructType t = new StructType().add("whole", DataTypes.IntegerType).add("score", ColumnType.SCORE.sparkType())
        .add("amount", AMOUNT.sparkType());
    return spark().createDataFrame(rows, t);
  }

  @Test
  void rescalingInLongsIsTheDecimalRescaleRoundedHalfUp() {
    Dataset<Row> df = values();
    record Case(String column, ColumnType type, String top, String to, int places) {}
    List<Case> cases = List.of(new Case("whole", ColumnType.INT, "6", "50", 2), new Case("whole", ColumnType.INT, "7.5", "100", 0),
        new Case("whole", ColumnType.INT, "3", "1", 4), new Case("score", ColumnType.SCORE, "72", "100", 2),
        new Case("score", ColumnType.SCORE, "100", "100", 2), new Case("score", ColumnType.SCORE, "0.35", "2.5", 3),
        new Case("amount", AMOUNT, "100000000", "100", 2));
    for (Case c : cases) {
      BigDecimal top = new BigDecimal(c.top());
      BigDecimal to = new BigDecimal(c.to());
      Column fast = Scaled.rescaleInLongs(col(c.column()), c.type(), top, to, c.places());
      assertNotNull(fast, c.toString());
      Column slow = Scaled.rescale(Columns.exact(c.column(), c.type()), top, to, c.places());
      List<Row> got = df.select(col(c.column()), fast.as("fast"), slow.as("slow")).collectAsList(); // 400 rows
      for (Row row : got) {
        assertEquals(row.get(2), row.get(1), c + " at " + row.get(0));
        if (row.get(0) != null) {
          BigDecimal v = new BigDecimal(row.get(0).toString());
          assertEquals(0, to.multiply(v).divide(top, c.places(), RoundingMode.HALF_UP).compareTo(row.getDecimal(1)),
              c + " at " + v);
        }
      }
    }
  }

  @Test
  void aRescaleThatCouldOverflowALongStaysInDecimals() {
    assertNull(Scaled.rescaleInLongs(col("x"), ColumnType.decimal(18, 2), new BigDecimal("3"), new BigDecimal("100"), 4));
    assertNull(Scaled.rescaleInLongs(col("x"), ColumnType.INT, new BigDecimal("3"), new BigDecimal("-1"), 2));
  }

  @Test
  void aWeightedSumInLongsEqualsTheSumInDecimals() {
    Dataset<Row> df = values();
    WeightedSum.Term score = new WeightedSum.Term("score", ColumnType.SCORE, new BigDecimal("0.35"), new BigDecimal("100"), null);
    WeightedSum.Term whole = new WeightedSum.Term("whole", ColumnType.INT, new BigDecimal("0.65"), new BigDecimal("100000"), null);
    WeightedSum sum = new WeightedSum("s", List.of(score, whole), false, List.of());
    Column got = sum.columns(() -> null).get("s");
    Column want = new Column("score").multiply(new BigDecimal("0.35"))
        .plus(new Column("whole").cast("decimal(10,0)").multiply(new BigDecimal("0.65"))).cast(ColumnType.SCORE.sqlType());
    for (Row row : df.select(got.as("got"), want.as("want"), col("score")).collectAsList()) { // 400 rows
      assertEquals(row.get(1), row.get(0), "at " + row);
    }
  }
}
