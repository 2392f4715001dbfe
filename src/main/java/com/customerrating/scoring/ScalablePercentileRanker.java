package com.customerrating.scoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructType;

/**
 * The exact percentile position of {@link WindowPercentileRanker} ({@code greater = rank() - 1},
 * {@code population = count(*)} per ranking scope, value descending) computed without ever
 * putting a whole scope into one task. A city and year may hold tens of millions of customers;
 * the window form sorts each of them in a single task, this form spreads the rows over all
 * partitions, in balanced parts, and moves them once. Results are identical to the window form,
 * row for row, for any number of partitions, cores or executors: nothing is approximated; the
 * data's spread only decides where work is cut, never what is counted.
 *
 * <h2>Algorithm (many values: amounts, counts)</h2>
 *
 * <ol>
 *   <li><b>Bins.</b> Every value falls in a <i>bin</i>, a long that never decreases as the value
 *       grows ({@link #binOf}): the value itself below 1,000 (in the column's last digit, so a
 *       decimal's digits), above that its number of digits and its first three digits. So a bin
 *       holds values within about 0.1 to 1% of each other, and there are at most a few thousand
 *       bins per scope, whatever the rows.
 *   <li><b>Histogram.</b> One small job counts the rows of each (scope, bin) and whether the bin
 *       holds a single value. Its result, one row per occupied bin (a few thousand per scope, not
 *       the rows), comes to the driver, which walks the bins of each scope from the highest down:
 *       a bin's {@code above} is the count of the scope's rows in higher bins, that is, with a
 *       strictly greater value than any of its own. The bins are laid out on the partitions in
 *       that order, a partition's worth of rows ({@code total / P}) after another, so each
 *       partition gets the same share; a bin goes whole to one partition, except a single-value
 *       bin larger than a partition's share (the zeros of a big city), whose rows are spread over
 *       as many partitions as it fills (by a hash of the whole row).
 *   <li><b>One move.</b> The bin table is broadcast and joined to the rows on (scope, bin); the
 *       rows are shuffled once to their partition (keyed so that Spark's hash partitioning sends
 *       each key to its own partition).
 *   <li><b>Inside a bin.</b> A window partitioned by (bin, scope, partition) and ordered by value
 *       descending gives {@code rank()}, and {@code greater = above + rank() - 1}: the rows of
 *       higher bins plus those of the bin with a greater value. The part of a spread single-value
 *       bin that one partition holds has one value, so all its rows rank 1, as the whole bin
 *       would.
 * </ol>
 *
 * <p><b>Few values.</b> A value type with at most a few million values ({@link #fewValues}: a
 * rate of decimal(5,4) has at most 10 001 in [0, 1]) needs no bins: a window per scope over the
 * distinct values (one task per scope, over at most that many rows) sums the counts of the
 * greater ones, and the small per-value table is broadcast, so the rows are not moved at all.
 *
 * <h2>Why it is exact and stable</h2>
 *
 * Bins are a non-decreasing function of the value, so every row of a higher bin holds a strictly
 * greater value and every row of a lower bin a smaller one: {@code above} counts exactly the
 * greater rows outside the row's bin, and the window the greater rows inside it. How bins are
 * laid out on partitions, and how a spread bin is cut, changes which task does the work, never
 * the counts. A row whose bin the table lacks (it cannot happen for a deterministic input) fails
 * the query rather than get a wrong count.
 *
 * <h2>Cost</h2>
 *
 * Two passes over the rows: the histogram job reads the scope and the value only; the ranking
 * query reads the rows, looks up their bin in the broadcast table, shuffles them once, sorts each
 * partition by (bin, scope, value) and runs the window over one bin at a time. No sampling job,
 * no per-value table, no cached data. A partition holds about {@code total / P} rows, more only
 * where one bin of several values holds more than that (values within 1% of each other making up
 * more than a partition's share of all rows).
 */
public final class ScalablePercentileRanker implements PercentileRanker {

  private static final String PREFIX = "__pct_rank_";
  private static final String VALUE = PREFIX + "value";
  private static final String COUNT = PREFIX + "count";
  private static final String SINGLE = PREFIX + "single";
  private static final String BIN = PREFIX + "bin";
  private static final String ABOVE = PREFIX + "above";
  private static final String FIRST = PREFIX + "first";
  private static final String SPREAD_FROM = PREFIX + "spread_from";
  private static final String SPREAD_ROWS = PREFIX + "spread_rows";
  private static final String KEY = PREFIX + "key";
  private static final String POPULATION = PREFIX + "population";
  private static final String GREATER = PREFIX + "greater";
  private static final String O_PREFIX = PREFIX + "o_";
  private static final String V_PREFIX = PREFIX + "v_";
  private static final String V_KEY = V_PREFIX + "key";
  private static final String V_BIN = V_PREFIX + "bin";
  private static final String V_SID = V_PREFIX + "sid";
  private static final String SID = PREFIX + "sid";
  private static final String DIGITS = PREFIX + "digits";
  private static final String LOCAL = PREFIX + "local";

  private final int partitions;

  /** Uses as many partitions as {@code spark.sql.shuffle.partitions} of the session. */
  public ScalablePercentileRanker() {
    this(0);
  }

  /**
   * @param partitions the number of partitions the rows are ranked in; 0 takes
   *     {@code spark.sql.shuffle.partitions} of the rows' session when {@link #rank} is called
   */
  public ScalablePercentileRanker(int partitions) {
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be >= 0: " + partitions);
    }
    this.partitions = partitions;
  }

  @Override
  public Dataset<Row> rank(Dataset<Row> rows, List<Ranking> rankings) {
    int parts = partitions > 0
        ? partitions
        : Integer.parseInt(rows.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    // Every table is computed from the rows as given; the many-valued rankings move the rows
    // (one shuffle each), the few-valued ones join a broadcast table where the rows are.
    Dataset<Row> out = rows;
    for (Ranking r : rankings) {
      if (!fewValues(rows.schema().apply(r.value()).dataType())) {
        out = byBins(rows, out, r, parts);
      }
    }
    for (Ranking r : rankings) {
      if (fewValues(rows.schema().apply(r.value()).dataType())) {
        out = ofFewValues(rows, out, r);
      }
    }
    return out;
  }

  private static final String MISSING =
      "percentile ranking: a row found no ranked value (is the input deterministic?)";

  /** Few values: the per-value table of {@code rows}, broadcast and joined to {@code out} where its rows are. */
  private static Dataset<Row> ofFewValues(Dataset<Row> rows, Dataset<Row> out, Ranking r) {
    List<String> keys = new ArrayList<>();
    List<Column> groupCols = new ArrayList<>();
    for (int i = 0; i < r.scope().size(); i++) {
      keys.add(O_PREFIX + i);
      groupCols.add(col(r.scope().get(i)).as(keys.get(i)));
    }
    // One row per distinct (scope, value) with its multiplicity, the greater ones summed per scope.
    groupCols.add(col(r.value()).as(VALUE));
    Dataset<Row> perValue = perValueOfFew(rows.groupBy(groupCols.toArray(new Column[0]))
        .agg(count(lit(1)).as(COUNT)), keys);
    Column rowMatch = out.col(r.value()).equalTo(perValue.col(VALUE));
    for (int i = 0; i < keys.size(); i++) {
      rowMatch = rowMatch.and(out.col(r.scope().get(i)).eqNullSafe(perValue.col(keys.get(i))));
    }
    List<String> temporary = new ArrayList<>(keys);
    temporary.addAll(List.of(VALUE, GREATER, POPULATION));
    return out.join(broadcast(perValue), rowMatch, "left_outer")
        .withColumn(r.greaterCol(), guarded(col(GREATER).isNotNull(), col(GREATER), MISSING))
        .withColumn(r.populationCol(), guarded(col(POPULATION).isNotNull(), col(POPULATION), MISSING))
        .drop(temporary.toArray(new String[0]));
  }

  /**
   * Many values: the histogram of {@code rows} by (scope, bin), laid out on the partitions; then
   * {@code out}'s rows moved once to their bin's partition, and within it the rows of the bin
   * with a greater value (see the class doc).
   */
  private static Dataset<Row> byBins(Dataset<Row> rows, Dataset<Row> out, Ranking r, int parts) {
    List<String> scope = r.scope();
    String value = r.value();
    DataType type = rows.schema().apply(value).dataType();
    List<Column> groupCols = cols(scope);
    groupCols.add(binOf(col(value), type).as(BIN));
    List<Row> histogram = rows.groupBy(groupCols.toArray(new Column[0]))
        .agg(count(lit(1)).as(COUNT), min(col(value)).eqNullSafe(max(col(value))).as(SINGLE))
        .collectAsList(); // one row per occupied bin of a scope: a few thousand per scope, whatever the rows
    BinLayout layout = BinLayout.of(histogram, scope.size(), parts);

    StructType tableType = new StructType();
    for (int i = 0; i < scope.size(); i++) {
      tableType = tableType.add(O_PREFIX + i, rows.schema().apply(scope.get(i)).dataType(), true);
    }
    tableType = tableType.add(O_PREFIX + BIN, DataTypes.LongType, true)
        .add(SID, DataTypes.IntegerType, false)
        .add(ABOVE, DataTypes.LongType, false)
        .add(POPULATION, DataTypes.LongType, false)
        .add(FIRST, DataTypes.IntegerType, false)
        .add(SPREAD_FROM, DataTypes.LongType, false)
        .add(SPREAD_ROWS, DataTypes.LongType, false);
    Dataset<Row> table = rows.sparkSession().createDataFrame(layout.rows(), tableType);

    Column bin = binOf(col(value), type);
    Column match = bin.eqNullSafe(col(O_PREFIX + BIN));
    for (int i = 0; i < scope.size(); i++) {
      match = match.and(col(scope.get(i)).eqNullSafe(col(O_PREFIX + i)));
    }
    // The partition of a row: its bin's; for a spread bin, the row takes a place among the bin's
    // positions by a hash of the whole row, and the partition holding that position.
    Column[] whole = java.util.Arrays.stream(out.schema().fields())
        .filter(f -> !(f.dataType() instanceof org.apache.spark.sql.types.MapType)) // xxhash64 takes no maps
        .map(f -> col(f.name())).toArray(Column[]::new);
    Column spreadPlace = col(SPREAD_FROM).plus(pmod(xxhash64(whole), col(SPREAD_ROWS)));
    Column part = when(col(SPREAD_ROWS).gt(0),
        least(lit(parts - 1L), spreadPlace.divide(lit(layout.share())).cast("long")).cast("int"))
        .otherwise(col(FIRST));
    Column keys = array(java.util.Arrays.stream(partitionKeys(parts)).mapToObj(k -> lit(k)).toArray(Column[]::new));
    List<String> tableColumns = new ArrayList<>(List.of(O_PREFIX + BIN, FIRST, SPREAD_FROM));
    for (int i = 0; i < scope.size(); i++) {
      tableColumns.add(O_PREFIX + i);
    }
    // Within a partition, a value is found by the scope's number, its bin (the null bin as the
    // lowest long) and its digits: fixed-width keys, not the scope's own columns.
    Dataset<Row> withBins = out.join(broadcast(table), match, "left_outer")
        .withColumn(BIN, coalesce(col(O_PREFIX + BIN), lit(Long.MIN_VALUE)))
        .withColumn(DIGITS, digitsOf(col(value), type));
    Dataset<Row> placed = withBins
        .withColumn(KEY, element_at(keys, part.plus(lit(1))))
        .drop(tableColumns.toArray(new String[0]))
        .repartition(parts, col(KEY));

    // Per value of a bin (a spread bin has one value: nothing greater inside it), in the partition
    // that holds the bin: the rows of the bin with a greater value. A narrow copy of the scope,
    // bin and value moves to the same partitions as the rows, so the join below moves nothing
    // more (both sides are partitioned by the key).
    WindowSpec greaterInBin = Window.partitionBy(col(V_KEY), col(V_SID), col(V_BIN)).orderBy(col(VALUE).desc())
        .rowsBetween(Window.unboundedPreceding(), -1);
    Dataset<Row> perValue = withBins.where(col(SPREAD_ROWS).equalTo(0))
        .select(element_at(keys, col(FIRST).plus(lit(1))).as(V_KEY), col(SID).as(V_SID), col(BIN).as(V_BIN),
            col(DIGITS).as(VALUE))
        .repartition(parts, col(V_KEY))
        .groupBy(col(V_KEY), col(V_SID), col(V_BIN), col(VALUE)).agg(count(lit(1)).as(COUNT))
        .withColumn(LOCAL, coalesce(sum(col(COUNT)).over(greaterInBin), lit(0L)))
        .drop(COUNT);

    Column same = placed.col(KEY).equalTo(perValue.col(V_KEY))
        .and(placed.col(SID).equalTo(perValue.col(V_SID)))
        .and(placed.col(BIN).equalTo(perValue.col(V_BIN)))
        .and(placed.col(DIGITS).eqNullSafe(perValue.col(VALUE)));
    Column found = col(ABOVE).isNotNull().and(col(SPREAD_ROWS).gt(0).or(col(LOCAL).isNotNull()));
    Dataset<Row> ranked = placed.join(perValue.hint("shuffle_hash"), same, "left_outer")
        .withColumn(r.greaterCol(), guarded(found, col(ABOVE).plus(coalesce(col(LOCAL), lit(0L))), MISSING))
        .withColumn(r.populationCol(), guarded(col(POPULATION).isNotNull(), col(POPULATION), MISSING));
    List<String> temporary = List.of(BIN, KEY, SID, DIGITS, ABOVE, POPULATION, SPREAD_ROWS, V_KEY, V_SID, V_BIN,
        VALUE, LOCAL);
    return ranked.drop(temporary.toArray(new String[0]));
  }

  /** Digits of the bins: below {@code 10^BIN_DIGITS} a value is its own bin, above it shares one with its first digits. */
  static final int BIN_DIGITS = 3;

  /**
   * The value's bin: a long that never decreases as the value grows. For a decimal of at most 18
   * digits its unscaled digits, for any other number the value, as {@code a = |x|} in a double
   * (a conversion that never reverses an order): {@code a} itself below 1,000, else its number of
   * digits {@code d} and its first three, {@code d·1000 + floor(a / 10^(d-3))}; a negative value
   * {@code -bin(|x|) - 1}. Null stays null (a bin of its own, below every other, as the window
   * form orders nulls last).
   */
  static Column binOf(Column v, DataType type) {
    Column x = type instanceof DecimalType d && d.precision() <= 18
        ? new Column(new org.apache.spark.sql.catalyst.expressions.UnscaledValue(v.expr())).cast("double")
        : v.cast("double");
    return when(x.lt(lit(0.0)), lit(-1L).minus(binOfMagnitude(lit(0.0).minus(x)))).otherwise(binOfMagnitude(x));
  }

  private static final int MAX_DIGITS = 40;

  /** The value as a join key: a decimal of at most 18 digits as its digits (a long), any other value as it is. */
  private static Column digitsOf(Column v, DataType type) {
    return type instanceof DecimalType d && d.precision() <= 18
        ? new Column(new org.apache.spark.sql.catalyst.expressions.UnscaledValue(v.expr()))
        : v;
  }

  private static Column binOfMagnitude(Column a) {
    double small = Math.pow(10, BIN_DIGITS);
    return when(a.lt(lit(small)), floor(a)).otherwise(byDigits(a, BIN_DIGITS + 1, MAX_DIGITS));
  }

  /** For {@code a} of {@code lo} to {@code hi} digits (or more, for {@code hi}): a binary search over the powers of ten. */
  private static Column byDigits(Column a, int lo, int hi) {
    if (lo == hi) {
      double unit = Math.pow(10, lo - BIN_DIGITS);
      return lit((long) lo * (long) Math.pow(10, BIN_DIGITS)).plus(floor(a.divide(lit(unit))));
    }
    int mid = (lo + hi) >>> 1;
    return when(a.lt(lit(Math.pow(10, mid))), byDigits(a, lo, mid)).otherwise(byDigits(a, mid + 1, hi));
  }

  /**
   * For each partition {@code p < n}, an int that Spark's hash partitioning into {@code n}
   * partitions sends to {@code p} (Murmur3 with seed 42, as {@code HashPartitioning}), so that
   * {@code repartition(n, key)} puts each planned partition's rows in a partition of their own.
   * Were Spark to hash otherwise, the ranks would be the same; only the balance would suffer.
   */
  static int[] partitionKeys(int n) {
    int[] out = new int[n];
    boolean[] found = new boolean[n];
    int left = n;
    for (int k = 0; left > 0; k++) {
      int p = Math.floorMod(org.apache.spark.unsafe.hash.Murmur3_x86_32.hashInt(k, 42), n);
      if (!found[p]) {
        found[p] = true;
        out[p] = k;
        left--;
      }
    }
    return out;
  }

  /**
   * The bins of every scope laid out on the partitions (the driver's side of the histogram):
   * for each bin, its scope's number, the rows of its scope above it, the scope's population, its partition, and for
   * a spread bin its first position and its rows ({@code share} rows per partition).
   */
  record BinLayout(List<Row> rows, long share) {

    /** @param histogram rows of (scope columns…, bin, count, single value) */
    static BinLayout of(List<Row> histogram, int scopeColumns, int parts) {
      java.util.Map<List<Object>, List<Row>> byScope = new java.util.TreeMap<>(ScalablePercentileRanker::compareKeys);
      long grand = 0;
      for (Row r : histogram) {
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < scopeColumns; i++) {
          key.add(r.get(i));
        }
        byScope.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        grand += r.getLong(scopeColumns + 1);
      }
      long share = Math.max(1, (grand + parts - 1) / parts);
      List<Row> out = new ArrayList<>();
      long position = 0;
      int sid = 0;
      for (java.util.Map.Entry<List<Object>, List<Row>> e : byScope.entrySet()) {
        List<Row> bins = new ArrayList<>(e.getValue());
        // highest bin first; the null bin (null values) last
        bins.sort((a, b) -> a.isNullAt(scopeColumns) ? (b.isNullAt(scopeColumns) ? 0 : 1)
            : b.isNullAt(scopeColumns) ? -1 : Long.compare(b.getLong(scopeColumns), a.getLong(scopeColumns)));
        long population = bins.stream().mapToLong(r -> r.getLong(scopeColumns + 1)).sum();
        long above = 0;
        for (Row b : bins) {
          long count = b.getLong(scopeColumns + 1);
          boolean single = b.getBoolean(scopeColumns + 2);
          int first = (int) Math.min(parts - 1, position / share);
          boolean spread = single && count > share;
          List<Object> values = new ArrayList<>(e.getKey());
          values.add(b.isNullAt(scopeColumns) ? null : b.getLong(scopeColumns));
          values.add(sid);
          values.add(above);
          values.add(population);
          values.add(first);
          values.add(spread ? position : 0L);
          values.add(spread ? count : 0L);
          out.add(RowFactory.create(values.toArray()));
          above += count;
          position += count;
        }
        sid++;
      }
      return new BinLayout(out, share);
    }
  }

  /** A total order of scope keys (nulls first), so the layout does not depend on the histogram's row order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : ((Comparable) x).compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Few distinct values per scope (a rate has at most 10 001): the per-value table is small, so
   * a window per scope over it (one task per scope, over distinct values only) sums the counts
   * of the greater values directly.
   */
  private static Dataset<Row> perValueOfFew(Dataset<Row> distinct, List<String> keys) {
    Column[] scopeKeys = cols(keys).toArray(new Column[0]);
    WindowSpec above = Window.partitionBy(scopeKeys).orderBy(col(VALUE).desc())
        .rowsBetween(Window.unboundedPreceding(), -1);
    List<Column> out = cols(keys);
    out.add(col(VALUE));
    out.add(coalesce(sum(col(COUNT)).over(above), lit(0L)).as(GREATER));
    out.add(sum(col(COUNT)).over(Window.partitionBy(scopeKeys)).as(POPULATION));
    return distinct.select(out.toArray(new Column[0]));
  }

  /**
   * A type with at most a few million values (a decimal of up to {@value #FEW_VALUES_PRECISION}
   * digits, such as a rate): its per-value table is small whatever the rows, so it is broadcast
   * and the rows are joined to it where they are, not shuffled.
   */
  static boolean fewValues(DataType type) {
    return type instanceof DecimalType d && d.precision() <= FEW_VALUES_PRECISION
        || type instanceof BooleanType || type instanceof ByteType || type instanceof ShortType;
  }

  static final int FEW_VALUES_PRECISION = 6;

  @Override
  public String toString() {
    return "ScalablePercentileRanker(partitions="
        + (partitions > 0 ? partitions : "spark.sql.shuffle.partitions") + ")";
  }

  /**
   * {@code result}, or a query failure where {@code found} is false. The outer coalesce never
   * applies (the error comes first); it only tells Spark the column is not nullable, like the
   * window form's columns.
   */
  private static Column guarded(Column found, Column result, String message) {
    return coalesce(when(org.apache.spark.sql.functions.not(found), raise_error(lit(message))).otherwise(result), lit(0L));
  }

  private static List<Column> cols(List<String> names) {
    List<Column> out = new ArrayList<>();
    for (String n : names) {
      out.add(col(n));
    }
    return out;
  }
}
