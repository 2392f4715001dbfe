package com.customerrating.model.input;

import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The row-check types a model file can use, each a small value object, and their loading. Every
 * check may carry its own {@code reason}; without one, the reason names the columns and the rule.
 *
 * <ul>
 *   <li>{@code in_snapshot_year}: {@code column}, a date, lies in the snapshot year;
 *   <li>{@code sum_at_most}: the {@code columns} add up to at most the {@code limit} column;
 *   <li>{@code empty_when} / {@code required_when}: {@code column} must be empty / present when
 *       {@code when: {column, equals|above|below|at_least|at_most: n}} holds;
 *   <li>{@code not_after} / {@code not_before}: the date {@code column} is not after / before
 *       {@code limit}, another date column or {@code as_of} (the snapshot's as-of date).
 * </ul>
 */
public final class Checks {

  public static final Set<String> TYPES = Set.of("in_snapshot_year", "sum_at_most", "empty_when", "required_when",
      "not_after", "not_before");

  /** The word a check's {@code limit} uses for the snapshot's as-of date. */
  public static final String AS_OF = "as_of";

  private Checks() {}

  /** A comparison of one column with a number, e.g. {@code transaction_count above 0}. */
  public record Condition(String column, String op, BigDecimal value) implements java.io.Serializable {
    static final List<String> OPS = List.of("equals", "above", "below", "at_least", "at_most");

    boolean holds(Object v) {
      if (v == null) {
        return false;
      }
      int c = Numbers.compare(v, value);
      return switch (op) {
        case "equals" -> c == 0;
        case "above" -> c > 0;
        case "below" -> c < 0;
        case "at_least" -> c >= 0;
        default -> c <= 0;
      };
    }

    String text() {
      String n = value.stripTrailingZeros().toPlainString();
      return column + " is " + switch (op) {
        case "equals" -> n;
        case "above" -> "above " + n;
        case "below" -> "below " + n;
        case "at_least" -> "at least " + n;
        default -> "at most " + n;
      };
    }
  }

  public record InSnapshotYear(String column, String reason) implements RowCheck {
    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public Compiled compile(Map<String, Integer> at) {
      int c = at.get(column);
      return r -> r.value(c) instanceof LocalDate d && d.getYear() != r.year();
    }
  }

  public record SumAtMost(List<String> parts, String limit, String reason) implements RowCheck {
    @Override
    public List<String> columns() {
      List<String> all = new java.util.ArrayList<>(parts);
      all.add(limit);
      return all;
    }

    @Override
    public Compiled compile(Map<String, Integer> at) {
      int[] p = parts.stream().mapToInt(at::get).toArray();
      int l = at.get(limit);
      return r -> {
        Object max = r.value(l);
        if (max == null) {
          return false;
        }
        Object[] vs = new Object[p.length];
        for (int i = 0; i < p.length; i++) {
          vs[i] = r.value(p[i]);
          if (vs[i] == null) {
            return false;
          }
        }
        return Numbers.compare(Numbers.sum(vs), max) > 0;
      };
    }
  }

  public record EmptyWhen(String column, Condition when, String reason) implements RowCheck {
    @Override
    public List<String> columns() {
      return List.of(column, when.column());
    }

    @Override
    public Compiled compile(Map<String, Integer> at) {
      int c = at.get(column);
      int w = at.get(when.column());
      return r -> r.value(c) != null && when.holds(r.value(w));
    }
  }

  public record RequiredWhen(String column, Condition when, String reason) implements RowCheck {
    @Override
    public List<String> columns() {
      return List.of(column, when.column());
    }

    @Override
    public Compiled compile(Map<String, Integer> at) {
      int c = at.get(column);
      int w = at.get(when.column());
      return r -> r.blank(c) && when.holds(r.value(w));
    }
  }

  /** {@code after} false: the date must not be after the limit; true: not before it. */
  public record DateOrder(String column, String limit, boolean notBefore, String reason) implements RowCheck {
    @Override
    public List<String> columns() {
      return AS_OF.equals(limit) ? List.of(column) : List.of(column, limit);
    }

    @Override
    public Compiled compile(Map<String, Integer> at) {
      int c = at.get(column);
      Integer l = AS_OF.equals(limit) ? null : at.get(limit);
      return r -> {
        LocalDate d = (LocalDate) r.value(c);
        LocalDate bound = l == null ? r.asOf() : (LocalDate) r.value(l);
        return d != null && bound != null && (notBefore ? d.isBefore(bound) : d.isAfter(bound));
      };
    }
  }

  /** Reads one {@code checks} entry; {@code columns} are the inputs with their types, for the references. */
  static RowCheck load(ConfigNode n, Map<String, Field> columns) {
    String type = n.string("type");
    if (!TYPES.contains(type)) {
      throw n.error("type", "unknown check type '" + type + "' (known: " + String.join(", ", new java.util.TreeSet<>(TYPES)) + ")");
    }
    return switch (type) {
      case "in_snapshot_year" -> {
        n.allowOnly("type", "column", "reason");
        String c = column(n, "column", columns, true);
        yield new InSnapshotYear(c, n.string("reason", c + ": outside the snapshot year"));
      }
      case "sum_at_most" -> {
        n.allowOnly("type", "columns", "limit", "reason");
        List<String> parts = n.stringList("columns");
        for (int i = 0; i < parts.size(); i++) {
          if (!columns.containsKey(parts.get(i)) || !columns.get(parts.get(i)).type().numeric()) {
            throw n.error("columns", "'" + parts.get(i) + "' is no numeric input column");
          }
        }
        String limit = column(n, "limit", columns, false);
        if (!columns.get(limit).type().numeric()) {
          throw n.error("limit", "'" + limit + "' is not a number column");
        }
        String names = parts.size() > 2 ? parts.get(0) + ".." + parts.get(parts.size() - 1) : String.join(" + ", parts);
        yield new SumAtMost(List.copyOf(parts), limit, n.string("reason", names + ": add up to more than " + limit));
      }
      case "empty_when", "required_when" -> {
        n.allowOnly("type", "column", "when", "reason");
        String c = column(n, "column", columns, false);
        Condition w = condition(n.child("when"), columns);
        yield type.equals("empty_when")
            ? new EmptyWhen(c, w, n.string("reason", c + ": must be empty when " + w.text()))
            : new RequiredWhen(c, w, n.string("reason", c + ": required when " + w.text()));
      }
      default -> {
        n.allowOnly("type", "column", "limit", "reason");
        String c = column(n, "column", columns, true);
        String limit = n.string("limit");
        if (!AS_OF.equals(limit)) {
          column(n, "limit", columns, true);
        }
        boolean notBefore = type.equals("not_before");
        String what = AS_OF.equals(limit) ? "the as-of date" : limit;
        yield new DateOrder(c, limit, notBefore, n.string("reason", c + ": " + (notBefore ? "before " : "after ") + what));
      }
    };
  }

  private static Condition condition(ConfigNode n, Map<String, Field> columns) {
    String c = column(n, "column", columns, false);
    if (!columns.get(c).type().numeric()) {
      throw n.error("column", "'" + c + "' is not a number column");
    }
    String op = null;
    for (String o : Condition.OPS) {
      if (n.has(o)) {
        if (op != null) {
          throw n.error(o, "give one of " + Condition.OPS + ", not two");
        }
        op = o;
      }
    }
    List<String> allowed = new java.util.ArrayList<>(Condition.OPS);
    allowed.add("column");
    n.allowOnly(allowed.toArray(String[]::new));
    if (op == null) {
      throw n.error("needs one of " + Condition.OPS);
    }
    return new Condition(c, op, n.decimal(op));
  }

  private static String column(ConfigNode n, String key, Map<String, Field> columns, boolean date) {
    String c = n.string(key);
    Field f = columns.get(c);
    if (f == null) {
      throw n.error(key, "no input column '" + c + "' (inputs: " + String.join(", ", columns.keySet()) + ")");
    }
    if (date && f.type().kind() != com.customerrating.common.ColumnType.Kind.DATE) {
      throw n.error(key, "'" + c + "' is a " + f.type() + ", not a date");
    }
    return c;
  }
}
