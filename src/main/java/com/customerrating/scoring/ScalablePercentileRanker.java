package com.customerrating.scoring;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.storage.StorageLevel;

/**
 * The exact percentile position of {@link WindowPercentileRanker} ({@code greater = rank() - 1},
 * {@code population = count(*)} per ranking scope, value descending) computed without ever
 * putting a whole scope into one task. A city and year may hold tens of millions of customers;
 * the window form sorts each of them in a single task, this form spreads every step over all
 * partitions. Results are identical to the window form, row for row, for any number of
 * partitions, cores or executors: nothing is approximated, sampling only decides where work is
 * cut, never what is counted.
 *
 * <p>{@link #release} frees what {@link #rank} cached, once the ranked rows are written.
 *
 * <h2>Algorithm</h2>
 *
 * <ol>
 *   <li><b>Distinct values.</b> {@code groupBy(scope, value).count()}: one row per distinct value
 *       of a scope with its multiplicity {@code cnt}. Map-side partial aggregation makes this
 *       cheap and skew-free, and it shrinks the data a lot where values repeat (repurchase
 *       rates, zeros). For such a row, {@code greater(v) = sum(cnt of values > v in the scope)},
 *       and every input row with that value gets that same number, which is exactly what
 *       {@code rank() - 1} gives to ties.
 *   <li><b>Blocks.</b> {@code repartitionByRange(P, scope asc, value desc)} cuts the ordered
 *       distinct values into P contiguous, balanced ranges (sampled bounds; equal keys always
 *       fall in one range). The rows of one scope inside one range partition form a <i>block</i>:
 *       a contiguous run of that scope's values, identified by the scope and the block's largest
 *       value {@code blockMax}. A scope therefore spans as many partitions as its size needs.
 *   <li><b>Inside a block.</b> A window partitioned by {@code (scope, spark_partition_id())} and
 *       ordered by value descending gives the running sum of {@code cnt} over strictly greater
 *       values in the block ({@code local}), plus the block's {@code blockMax} and total. A
 *       window partition is one block, never larger than one range partition.
 *   <li><b>Block offsets.</b> One row per block (at most P + number of scopes rows) gives, with a
 *       small window per scope ordered by {@code blockMax} descending, the sum of the totals of
 *       all blocks above it ({@code offset}) and the scope's population. This tiny table is
 *       broadcast and joined back to the blocks on {@code (scope, blockMax)}; then
 *       {@code greater = offset + local}.
 *   <li><b>Back to the rows.</b> The per-value table {@code (scope, value, greater, population)}
 *       is joined to the input rows on {@code (scope, value)}: both sides are shuffled by that key
 *       and each task hashes its part of the per-value table (narrow rows) instead of sorting its
 *       part of the wide rows.
 * </ol>
 *
 * <p><b>Few values.</b> A value type with at most a few million values ({@link #fewValues}: a
 * rate of decimal(5,4) has at most 10 001 in [0, 1]) skips steps 2 to 4: a window per scope over
 * the distinct values (one task per scope, over at most that many rows) sums the counts of the
 * greater ones, and the small per-value table is broadcast, so the rows are not moved at all.
 *
 * <h2>Why it is exact and stable</h2>
 *
 * The offset of a block is the count of the scope's rows with a value above {@code blockMax},
 * whatever the bounds of the other blocks, so the result does not depend on P, on the sampled
 * range bounds or on how partitions are scheduled. Within a block the running sum is ordered by
 * unique keys, so it is deterministic. The block rows and the block table must come from the
 * same range partitioning: the blocks (the range-partitioned distinct values with their running
 * sums) are persisted (memory and disk), so both branches read one copy with one set of sampled bounds (exchange reuse alone
 * was seen not to guarantee it under adaptive execution). Should a branch still see other
 * bounds, a block whose {@code blockMax} names no block of the other branch fails the query with
 * an error (a block whose {@code blockMax} does match still gets the exact offset). It never gives a wrong
 * count. The final join is guarded the same way (a row without a ranked value fails the query).
 *
 * <h2>Cost</h2>
 *
 * The window form shuffles the rows once and sorts each scope in one task. This form:
 *
 * <ul>
 *   <li>reads the input twice (to count distinct values, and for the final join);
 *   <li>shuffles the distinct-value table D (at most the rows, usually far fewer) three times:
 *       the range exchange, the block exchange on {@code (scope, partition)}, and the per-value
 *       side of the final join; the counting shuffle before them carries partial counts, one
 *       per value and input partition;
 *   <li>runs a small sampling job over D for the range bounds (Spark computes D's final
 *       aggregation twice for it: once to sample, once to write);
 *   <li>sorts each block once (the persisted blocks feed both the per-value table and the block
 *       table);
 *   <li>shuffles the rows once for the final join (none for few values: broadcast);
 *   <li>shuffles and broadcasts the tiny block table (at most P + number of scopes rows).
 * </ul>
 *
 * About ten stages in all: scan and partial count; sampling; final count and range write; block
 * write; block table (sort, window, tiny shuffle); offsets and broadcast; rows shuffle; per-value
 * table (join with the offsets, shuffle); final join. Every stage runs P or
 * {@code spark.sql.shuffle.partitions} tasks, and no task holds more than one range partition of
 * D or one hash partition of the rows. A single value repeated very often (say the zeros of a
 * big city) is one key of the final join: adaptive execution splits the skewed join partition;
 * without it, that key's rows meet in one join task, streamed past one hash-table entry (no sort).
 */
public final class ScalablePercentileRanker implements PercentileRanker {

  private static final String PREFIX = "__pct_rank_";
  private static final String VALUE = PREFIX + "value";
  private static final String COUNT = PREFIX + "count";
  private static final String PARTITION = PREFIX + "partition";
  private static final String LOCAL = PREFIX + "local";
  private static final String BLOCK_MAX = PREFIX + "block_max";
  private static final String BLOCK_TOTAL = PREFIX + "block_total";
  private static final String OFFSET = PREFIX + "offset";
  private static final String POPULATION = PREFIX + "population";
  private static final String GREATER = PREFIX + "greater";
  private static final String O_PREFIX = PREFIX + "o_";

  private final int rangePartitions;
  private final List<Dataset<Row>> cached = new ArrayList<>();

  /** Uses as many range partitions as {@code spark.sql.shuffle.partitions} of the session. */
  public ScalablePercentileRanker() {
    this(0);
  }

  /**
   * @param rangePartitions the number of ranges the ordered distinct values are cut into; 0 takes
   *     {@code spark.sql.shuffle.partitions} of the rows' session when {@link #rank} is called
   */
  public ScalablePercentileRanker(int rangePartitions) {
    if (rangePartitions < 0) {
      throw new IllegalArgumentException("rangePartitions must be >= 0: " + rangePartitions);
    }
    this.rangePartitions = rangePartitions;
  }

  @Override
  public Dataset<Row> rank(
      Dataset<Row> rows, List<String> scope, String value, String greaterCol, String populationCol) {
    int parts = rangePartitions > 0
        ? rangePartitions
        : Integer.parseInt(rows.sparkSession().conf().get("spark.sql.shuffle.partitions"));

    List<String> keys = new ArrayList<>();
    List<Column> keyAliases = new ArrayList<>();
    for (int i = 0; i < scope.size(); i++) {
      keys.add(PREFIX + "key_" + i);
      keyAliases.add(col(scope.get(i)).as(keys.get(i)));
    }

    // 1. One row per distinct (scope, value) with its multiplicity.
    List<Column> groupCols = new ArrayList<>(keyAliases);
    groupCols.add(col(value).as(VALUE));
    Dataset<Row> distinct = rows.groupBy(groupCols.toArray(new Column[0]))
        .agg(count(lit(1)).as(COUNT));

    boolean few = fewValues(rows.schema().apply(value).dataType());
    Dataset<Row> perValue = few ? perValueOfFew(distinct, keys) : perValueByRanges(distinct, keys, parts);

    // 5. Back to the rows.
    Column rowMatch = rows.col(value).equalTo(perValue.col(VALUE));
    for (int i = 0; i < keys.size(); i++) {
      rowMatch = rowMatch.and(rows.col(scope.get(i)).eqNullSafe(perValue.col(keys.get(i))));
    }
    String missing =
        "percentile ranking: a row found no ranked value (is the input deterministic?)";
    // Few values: the table is broadcast and the rows stay where they are. Otherwise both sides are
    // shuffled by (scope, value) and each task builds a hash table of its part of the per-value
    // table (narrow rows, one per value) instead of sorting its part of the wide rows.
    Dataset<Row> side = few ? broadcast(perValue) : perValue.hint("shuffle_hash");
    Dataset<Row> joined = rows.join(side, rowMatch, "left_outer")
        .withColumn(greaterCol, guarded(col(GREATER), col(GREATER), missing))
        .withColumn(populationCol, guarded(col(POPULATION), col(POPULATION), missing));
    List<String> temporary = new ArrayList<>(keys);
    temporary.add(VALUE);
    temporary.add(GREATER);
    temporary.add(POPULATION);
    return joined.drop(temporary.toArray(new String[0]));
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

  /** Steps 2 to 4 of the algorithm: ranges, blocks, block offsets; many distinct values. */
  private Dataset<Row> perValueByRanges(Dataset<Row> distinct, List<String> keys, int parts) {
    // 2. Contiguous balanced ranges of (scope asc, value desc); a block is one scope in one range.
    List<Column> rangeOrder = cols(keys);
    rangeOrder.add(col(VALUE).desc());
    Dataset<Row> ranged = distinct.repartitionByRange(parts, rangeOrder.toArray(new Column[0]))
        .withColumn(PARTITION, spark_partition_id());

    // 3. Running sum of strictly greater values inside each block, its largest value and total.
    List<Column> blockKey = cols(keys);
    blockKey.add(col(PARTITION));
    WindowSpec inBlock = Window.partitionBy(blockKey.toArray(new Column[0]))
        .orderBy(col(VALUE).desc());
    WindowSpec before = inBlock.rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec whole =
        inBlock.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    //    Persisted: the per-value rows (step 5) and the block table (step 4) must see the same
    //    range bounds. Exchange reuse alone does not guarantee it: in the job (adaptive execution,
    //    the block table broadcast, a Delta write on top) the range exchange was planned twice,
    //    each with its own sampled bounds, and the guard below failed the run. A persisted frame is
    //    one RDD read by both branches (so the blocks are also sorted once); a lost block of it is
    //    recomputed through its own lineage, the same range partitioner, so with the same bounds.
    //    It stays cached until {@link #release}.
    Dataset<Row> blocks = ranged.select(
        col("*"),
        coalesce(sum(col(COUNT)).over(before), lit(0L)).as(LOCAL),
        max(col(VALUE)).over(whole).as(BLOCK_MAX),
        sum(col(COUNT)).over(whole).as(BLOCK_TOTAL))
        .persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(blocks);

    // 4. Tiny table, one row per block: rows of the scope above the block, and the population.
    //    Grouping by the partition too keeps this on the block partitioning (no exchange).
    List<Column> blockRow = cols(keys);
    blockRow.add(col(PARTITION));
    blockRow.add(col(BLOCK_MAX));
    blockRow.add(col(BLOCK_TOTAL));
    Column[] scopeKeys = cols(keys).toArray(new Column[0]);
    WindowSpec blocksAbove = Window.partitionBy(scopeKeys).orderBy(col(BLOCK_MAX).desc())
        .rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec wholeScope = Window.partitionBy(scopeKeys);
    List<Column> offsetCols = new ArrayList<>();
    for (String k : keys) {
      offsetCols.add(col(k).as(O_PREFIX + k));
    }
    offsetCols.add(col(BLOCK_MAX).as(O_PREFIX + BLOCK_MAX));
    offsetCols.add(coalesce(sum(col(BLOCK_TOTAL)).over(blocksAbove), lit(0L)).as(OFFSET));
    offsetCols.add(sum(col(BLOCK_TOTAL)).over(wholeScope).as(POPULATION));
    Dataset<Row> offsets = blocks.select(blockRow.toArray(new Column[0])).distinct()
        .select(offsetCols.toArray(new Column[0]));

    Column blockMatch = col(BLOCK_MAX).equalTo(col(O_PREFIX + BLOCK_MAX));
    for (String k : keys) {
      blockMatch = blockMatch.and(col(k).eqNullSafe(col(O_PREFIX + k)));
    }
    List<Column> perValueCols = cols(keys);
    perValueCols.add(col(VALUE));
    perValueCols.add(guarded(col(OFFSET), col(OFFSET).plus(col(LOCAL)),
        "percentile ranking: a block found no offset (range bounds differ between branches)")
        .as(GREATER));
    perValueCols.add(col(POPULATION));
    return blocks.join(broadcast(offsets), blockMatch, "left_outer")
        .select(perValueCols.toArray(new Column[0]));

  }

  /**
   * A type with at most a few million values (a decimal of up to {@value #FEW_VALUES_PRECISION}
   * digits, such as a rate): its per-value table is small whatever the rows, so it is broadcast
   * and the rows are joined to it where they are, not shuffled.
   */
  public static boolean fewValues(DataType type) {
    return type instanceof DecimalType d && d.precision() <= FEW_VALUES_PRECISION
        || type instanceof BooleanType || type instanceof ByteType || type instanceof ShortType;
  }

  static final int FEW_VALUES_PRECISION = 6;

  /** Unpersists the range-partitioned distinct values of every {@link #rank} call. */
  @Override
  public void release() {
    for (Dataset<Row> d : cached) {
      d.unpersist();
    }
    cached.clear();
  }

  @Override
  public String toString() {
    return "ScalablePercentileRanker(rangePartitions="
        + (rangePartitions > 0 ? rangePartitions : "spark.sql.shuffle.partitions") + ")";
  }

  /**
   * {@code result}, or a query failure where {@code probe} is null. The outer coalesce never
   * applies (the error comes first); it only tells Spark the column is not nullable, like the
   * window form's columns.
   */
  private static Column guarded(Column probe, Column result, String message) {
    return coalesce(when(probe.isNull(), raise_error(lit(message))).otherwise(result), lit(0L));
  }

  private static List<Column> cols(List<String> names) {
    List<Column> out = new ArrayList<>();
    for (String n : names) {
      out.add(col(n));
    }
    return out;
  }
}
