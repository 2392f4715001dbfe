package com.customerrating.report;

import com.customerrating.model.ChurnThresholds;
import com.customerrating.model.ConversionModel;
import com.customerrating.model.RatingModel;
import com.customerrating.model.ValueModel;
import com.customerrating.sink.Tables;
import java.io.Serializable;
import java.util.List;

/**
 * What the analytics need to know of one rating model: its ratings table, the tier column and the
 * tier names best first, which tiers count as high value, and the churn thresholds (value model
 * only; the conversion model has no activity or contribution to watch).
 *
 * @param valueModel true for model 2 (has amounts, transactions, activity and contribution)
 * @param churn null for the conversion model
 */
public record ModelView(
    String modelId,
    boolean valueModel,
    String table,
    String tierColumn,
    String ownerColumn,
    List<String> tiers,
    List<String> highValueTiers,
    ChurnThresholds churn) implements Serializable {

  public static ModelView of(RatingModel model, ReportConfig rc) {
    if (model instanceof ValueModel vm) {
      return new ModelView(vm.id(), true, Tables.VALUE_RATINGS, "tier", "sales_owner", vm.tierNames(),
          rc.highValueTiers(vm.id()), vm.churn());
    }
    ConversionModel cm = (ConversionModel) model;
    return new ModelView(cm.id(), false, Tables.CONVERSION_RATINGS, "grade", "follow_up_owner", cm.tierNames(),
        rc.highValueTiers(cm.id()), null);
  }
}
