package com.customerrating.model;

import com.customerrating.config.ConfigNode;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * Churn early warning (seed 001 §2): a customer whose activity or contribution fell year over year
 * by more than these points, or who moved down a tier, or who vanished from the next year's file.
 */
public record ChurnThresholds(BigDecimal activityDrop, BigDecimal contributionDrop) implements Serializable {

  public static final ChurnThresholds DEFAULT = new ChurnThresholds(new BigDecimal("20"), new BigDecimal("10"));

  static ChurnThresholds read(ConfigNode n) {
    n.allowOnly("activity_drop", "contribution_drop");
    return new ChurnThresholds(n.decimal("activity_drop", DEFAULT.activityDrop()),
        n.decimal("contribution_drop", DEFAULT.contributionDrop()));
  }
}
