package com.customerrating.sink;

import com.customerrating.common.ColumnType;
import com.customerrating.common.TableNames;
import com.customerrating.model.Grading;
import com.customerrating.model.RatingModel;
import com.customerrating.model.input.Field;
import com.customerrating.model.rules.ColumnInfo;
import com.customerrating.model.rules.ValueRange;
import com.customerrating.model.rules.WeightedSum;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The tables the job writes, their columns in order, their constraints, and where they live. */
public final class Tables {

  private Tables() {}

  public static final String REJECTED_RECORDS = TableNames.REJECTED_RECORDS;
  public static final String RUN_LOG = TableNames.RUN_LOG;

  public static final List<String> PARTITION_COLUMNS = List.of("city", "snapshot_year");

  /** What the job adds to every ratings row after the model's own columns. */
  public static final List<String> RATING_TRAILER = List.of("model_id", "model_version", "run_id", "city",
      "snapshot_year");

  /** Quarantine: the raw text (which may hold personal data), its file, every reason. */
  public static final List<String> REJECTED_COLUMNS = List.of(
      "source_file", "raw_record", "customer_id", "reasons", "run_id", "city", "snapshot_year");

  /** A model's ratings table, in order: its inputs (never personal ones), sub-scores, grading, then the trailer. */
  public static List<String> ratingColumns(RatingModel m) {
    List<String> out = new ArrayList<>();
    m.outputColumns().forEach(c -> out.add(c.name()));
    out.addAll(RATING_TRAILER);
    return out;
  }

  /**
   * The NOT NULL and CHECK constraints of a ratings table, from the models that write it (they give
   * it the same columns): tier names, the inputs' declared ranges, the scores' scale (a model's
   * {@code scale}, else its scores' own ranges), positions in [0, 1], normalised terms in [0, 100],
   * and the follow-up after its base date. Few constraints, each covering several columns: every
   * ADD CONSTRAINT is a commit and a scan. Statistics only on what queries filter by: every
   * indexed column costs each write a copy and a comparison per row (Delta's default indexes the
   * first 32 columns).
   */
  public static TableSpec ratingsSpec(Collection<RatingModel> models) {
    RatingModel first = models.iterator().next();
    Grading g = first.grading();
    Set<String> notNull = new LinkedHashSet<>(List.of("city", "snapshot_year", "model_id", "model_version", "run_id"));
    Map<String, BigDecimal[]> ranges = new LinkedHashMap<>();
    Map<String, ColumnType> types = new java.util.HashMap<>();
    Set<String> tiers = new java.util.TreeSet<>();
    Set<String> nullable = new java.util.HashSet<>();
    for (RatingModel m : models) {
      tiers.addAll(m.tierNames());
      for (Field f : m.inputs().published()) {
        types.put(f.name(), f.type());
        if (f.min() != null || f.max() != null) {
          widen(ranges, f.name(), f.min(), f.max());
        }
      }
      for (ColumnInfo c : m.outputColumns()) {
        if (c.range().nullable()) {
          nullable.add(c.name());
        }
      }
      for (ColumnInfo c : m.scores().stream().flatMap(r -> r.outputs().stream()).toList()) {
        types.put(c.name(), c.type());
        if (c.type().equals(ColumnType.POSITION)) {
          widen(ranges, c.name(), BigDecimal.ZERO, BigDecimal.ONE);
        } else if (normalized(m, c.name())) {
          widen(ranges, c.name(), BigDecimal.ZERO, WeightedSum.NORMAL_TOP);
        } else if (c.type().equals(ColumnType.SCORE)) {
          ValueRange r = m.scale() != null ? m.scale() : c.range();
          if (r.bounded()) {
            widen(ranges, c.name(), r.min(), r.max());
          }
        }
      }

    }
    for (ColumnInfo c : first.outputColumns()) {
      if (!nullable.contains(c.name()) && !c.name().equals(Grading.POINTS_TO_NEXT)) {
        notNull.add(c.name());
      }
    }
    List<String> rows = new ArrayList<>(List.of("snapshot_year BETWEEN 1900 AND 2099",
        "(" + Grading.POINTS_TO_NEXT + " IS NULL OR " + Grading.POINTS_TO_NEXT + " > "
            + literal(BigDecimal.ZERO, g.pointsType()) + ")"));
    if (g.hasActions() && !Grading.AS_OF.equals(g.followUpFrom())) {
      rows.add(Grading.NEXT_FOLLOW_UP + " > " + g.followUpFrom());
    }
    for (Map.Entry<String, BigDecimal[]> e : ranges.entrySet()) {
      String c = e.getKey();
      String test = between(c, types.get(c), e.getValue()[0], e.getValue()[1]);
      rows.add(notNull.contains(c) ? test : "(" + c + " IS NULL OR " + test + ")");
    }
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put(g.column() + "_known", g.column() + " IN (" + quoted(tiers) + ")");
    checks.put("scores_in_range", String.join(" AND ", rows));
    List<String> stats = new ArrayList<>(List.of("customer_id", g.column(), g.of()));
    for (String s : new String[] {first.roles().revenue(), first.roles().dealValue(),
        g.hasActions() && !Grading.AS_OF.equals(g.followUpFrom()) ? g.followUpFrom() : null}) {
      if (s != null && !stats.contains(s)) {
        stats.add(s);
      }
    }
    return new TableSpec(notNull, checks, stats);
  }

  private static boolean normalized(RatingModel m, String column) {
    return m.scores().stream().anyMatch(r -> r instanceof WeightedSum w
        && w.terms().stream().anyMatch(t -> column.equals(t.normalizedAs())));
  }

  private static void widen(Map<String, BigDecimal[]> ranges, String c, BigDecimal lo, BigDecimal hi) {
    BigDecimal[] r = ranges.get(c);
    if (r == null) {
      ranges.put(c, new BigDecimal[] {lo, hi});
    } else {
      r[0] = r[0] == null || lo == null ? null : r[0].min(lo);
      r[1] = r[1] == null || hi == null ? null : r[1].max(hi);
    }
  }

  /** The constraints of the job's own tables (the quarantine, the run log); partition keys only for others. */
  public static TableSpec spec(String table) {
    Set<String> notNull = new LinkedHashSet<>(List.of("city", "snapshot_year"));
    Map<String, String> checks = new LinkedHashMap<>();
    List<String> stats = List.of();
    switch (table) {
      case REJECTED_RECORDS -> {
        notNull.addAll(List.of("source_file", "reasons", "run_id"));
        checks.put("has_reasons", "size(reasons) > 0 AND snapshot_year BETWEEN 1900 AND 2099");
        stats = List.of("customer_id");
      }
      case RUN_LOG -> {
        notNull.addAll(List.of("run_id", "model_id", "outcome", "rows_read", "rows_accepted", "rows_rejected"));
        checks.put("outcome_known", "outcome IN ('succeeded', 'rejected_delivery', 'failed')"
            + " AND rows_read >= 0 AND rows_accepted >= 0 AND rows_rejected >= 0");
      }
      default -> {
        // Other tables (e.g. the report tables): partition keys only; their writers add their own.
      }
    }
    return new TableSpec(notNull, checks, stats);
  }

  private static String quoted(Collection<String> names) {
    return names.stream().map(n -> "'" + n.replace("'", "''") + "'").collect(Collectors.joining(", "));
  }

  private static String between(String column, ColumnType type, BigDecimal lo, BigDecimal hi) {
    if (lo != null && hi != null) {
      return column + " BETWEEN " + literal(lo, type) + " AND " + literal(hi, type);
    }
    return lo != null ? column + " >= " + literal(lo, type) : column + " <= " + literal(hi, type);
  }

  /**
   * A bound as SQL, of the column's own type where it fits it. A bound of another type makes Spark
   * widen the column for every row of every write (a decimal(18,2) compared with the integer 0 is
   * compared as a decimal(20,2), through BigDecimal). A whole bound is written
   * {@code CAST(0 AS DECIMAL(18,2))}: Spark holds that value as a long, and compares it with the
   * column's values as longs; a decimal literal such as {@code 0.00} it holds as a BigDecimal, and
   * compares through BigDecimal, row by row. (Delta checks a constraint as written, without
   * folding constants, so the cast itself runs for every row too; casting a long-held value is a
   * multiplication, cheaper than the BigDecimal comparison it replaces.) A bound with decimal
   * places is written at the column's scale ({@code 0.50} for a decimal(18,2)).
   */
  private static String literal(BigDecimal v, ColumnType type) {
    BigDecimal plain = v.stripTrailingZeros();
    if (type != null && type.kind() == ColumnType.Kind.DECIMAL && Math.max(plain.scale(), 0) <= type.scale()
        && plain.precision() - plain.scale() <= type.precision() - type.scale()) {
      if (plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
        return "CAST(" + plain.toBigInteger() + " AS " + type.sqlType().toUpperCase(java.util.Locale.ROOT) + ")";
      }
      return plain.setScale(type.scale()).toPlainString();
    }
    return plain.toPlainString();
  }

  /** The table name of a table path (its last path segment). */
  public static String name(String path) {
    String p = path.replaceAll("/+$", "");
    return p.substring(p.lastIndexOf('/') + 1);
  }

  public static String path(String root, String table) {
    return root.replaceAll("/+$", "") + "/" + table;
  }
}
