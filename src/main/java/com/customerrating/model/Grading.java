package com.customerrating.model;

import com.customerrating.common.ColumnType;
import com.customerrating.model.rules.BandedValue;
import com.customerrating.model.rules.ColumnInfo;
import com.customerrating.model.rules.ValueRange;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a model turns its graded value into a tier (a model file's {@code grading} and
 * {@code tiers}): the column graded, whether a higher or a lower value is better, the tier of an
 * empty value, the tiers best first with their bands and actions, the high-value tiers for the
 * year-over-year analyses, and the date the next follow-up is counted from.
 *
 * @param followUpFrom {@link #AS_OF} or a date column; null when the tiers carry no action
 * @param missingTier the tier of a row whose graded value is empty, or null when it cannot be empty
 */
public record Grading(
    String of,
    ColumnType ofType,
    String column,
    boolean lowerIsBetter,
    String missingTier,
    List<BandedValue<Tier>> tiers,
    List<String> highValue,
    String followUpFrom) implements Serializable {

  public static final String AS_OF = "as_of";
  public static final String OWNER = "follow_up_owner";
  public static final String CADENCE = "follow_up_cadence";
  public static final String NEXT_FOLLOW_UP = "next_follow_up_date";
  public static final String POINTS_TO_NEXT = "points_to_next_tier";

  public List<String> tierNames() {
    return tiers.stream().map(t -> t.value().name()).toList();
  }

  public boolean hasActions() {
    return followUpFrom != null;
  }

  public Tier tier(String name) {
    return tiers.stream().map(BandedValue::value).filter(t -> t.name().equals(name)).findFirst().orElse(null);
  }

  /** Points to the next tier: whole where the graded value is whole (months), else a score. */
  public ColumnType pointsType() {
    return ofType.whole() ? ColumnType.INT : ColumnType.SCORE;
  }

  /** The columns grading writes, in table order. */
  public List<ColumnInfo> outputs(boolean gradedNullable) {
    List<ColumnInfo> out = new ArrayList<>();
    ValueRange text = new ValueRange(null, null, false);
    out.add(ColumnInfo.of(column, ColumnType.STRING, text));
    if (hasActions()) {
      out.add(ColumnInfo.of(OWNER, ColumnType.STRING, text));
      out.add(ColumnInfo.of(CADENCE, ColumnType.STRING, text));
      out.add(ColumnInfo.of(NEXT_FOLLOW_UP, ColumnType.DATE, new ValueRange(null, null, false)));
    }
    out.add(ColumnInfo.of(POINTS_TO_NEXT, pointsType(), new ValueRange(null, null, true)));
    return out;
  }
}
