package com.customerrating.report;

import com.customerrating.model.RatingModel;
import com.customerrating.model.Roles;
import java.io.Serializable;
import java.util.List;

/**
 * What the analytics need to know of one rating model: its ratings table, the tier column, the
 * graded column and the tier names best first, which tiers count as high value, whether the tiers
 * carry follow-up actions, and the roles of its columns. An analysis asks for roles, never for a model.
 */
public record ModelView(
    String modelId,
    String table,
    String tierColumn,
    String gradedColumn,
    List<String> tiers,
    List<String> highValueTiers,
    boolean hasActions,
    Roles roles) implements Serializable {

  public static ModelView of(RatingModel m) {
    return new ModelView(m.id(), m.table(), m.grading().column(), m.grading().of(), m.tierNames(),
        m.grading().highValue(), m.grading().hasActions(), m.roles());
  }

  public String revenue() {
    return roles.revenue();
  }

  public Roles.ChurnWatch watch(String slot) {
    return roles.watch(slot);
  }
}
