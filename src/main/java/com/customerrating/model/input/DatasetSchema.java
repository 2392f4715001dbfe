package com.customerrating.model.input;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The input columns of a model's dataset, in file order, and the rules across them: a model file's
 * {@code inputs} and {@code checks}. Validation ({@code ingest.RowValidator}) applies them to every
 * row; personal columns are validated, then dropped.
 */
public record DatasetSchema(List<Field> fields, List<RowCheck> checks) implements Serializable {

  /** The landing zone's key of a row: every dataset has it, a required text. */
  public static final String ID = "customer_id";

  /** Column names: they reach SQL expressions and table schemas. */
  public static final Pattern COLUMN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /** Names the job itself writes beside a dataset's columns. */
  public static final Set<String> RESERVED = Set.of("city", "snapshot_year", "run_id", "model_id", "model_version",
      "reasons", "source_file", "raw_record");

  public DatasetSchema {
    fields = List.copyOf(fields);
    checks = List.copyOf(checks);
  }

  public List<String> columnNames() {
    return fields.stream().map(Field::name).toList();
  }

  /** Columns every file must have in its header; an optional column may be left out. */
  public List<String> headerColumns() {
    return fields.stream().filter(f -> !f.optionalColumn()).map(Field::name).toList();
  }

  /** The columns that reach the warehouse: every non-personal input, in file order. */
  public List<Field> published() {
    return fields.stream().filter(f -> !f.personal()).toList();
  }

  public Field field(String name) {
    for (Field f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static final String[] INPUT_KEYS = {"column", "type", "required", "personal", "optional_column", "min",
      "max", "allowed", "description"};

  /** Reads {@code inputs} (a list of columns) and {@code checks} (a list of row checks, optional). */
  public static DatasetSchema load(ConfigNode root) {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (ConfigNode n : root.list("inputs")) {
      n.allowOnly(INPUT_KEYS);
      String name = n.string("column");
      if (!COLUMN_NAME.matcher(name).matches()) {
        throw n.error("column", "a column name must match " + COLUMN_NAME.pattern() + ", got '" + name + "'");
      }
      if (RESERVED.contains(name)) {
        throw n.error("column", "'" + name + "' is a column the job writes itself (" + String.join(", ", RESERVED) + ")");
      }
      if (byName.containsKey(name)) {
        throw n.error("column", "'" + name + "' is declared twice");
      }
      ColumnType type = ColumnType.parse(n.string("type"));
      if (type == null || type.kind() == ColumnType.Kind.LONG) {
        throw n.error("type", "expected string, int, date, boolean or decimal(p,s) with p ≤ 18, got '"
            + n.string("type") + "'");
      }
      BigDecimal min = n.decimal("min", null);
      BigDecimal max = n.decimal("max", null);
      if ((min != null || max != null) && !type.numeric()) {
        throw n.error(min != null ? "min" : "max", "only a number column has a range");
      }
      if (min != null && max != null && min.compareTo(max) > 0) {
        throw n.error("min", "is above max");
      }
      List<String> allowed = List.of();
      if (n.has("allowed")) {
        if (type.kind() != ColumnType.Kind.STRING) {
          throw n.error("allowed", "only a text column has a set of allowed values");
        }
        allowed = n.stringList("allowed").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
      }
      byName.put(name, new Field(name, type, n.bool("required", false), n.bool("personal", false),
          n.bool("optional_column", false), min, max, allowed));
    }
    Field id = byName.get(ID);
    if (id == null || id.type().kind() != ColumnType.Kind.STRING || !id.required() || id.personal()) {
      throw root.error("inputs", "needs '" + ID + "', the landing zone's key: a required, non-personal string column");
    }
    List<RowCheck> checks = new ArrayList<>();
    if (root.has("checks")) {
      for (ConfigNode n : root.list("checks")) {
        checks.add(Checks.load(n, byName));
      }
    }
    return new DatasetSchema(new ArrayList<>(byName.values()), checks);
  }
}
