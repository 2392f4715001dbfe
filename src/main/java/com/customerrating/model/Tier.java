package com.customerrating.model;

import java.io.Serializable;
import java.time.Period;

/**
 * A tier (or grade) of a model and the action that comes with it: who follows the customer up and
 * how often. The action is absent (null owner, cadence and period) in a model whose tiers have none.
 *
 * @param ownerLabel bilingual label of the owner, for the report, e.g. "客户经理 account manager"
 * @param period one cadence period, added to the follow-up base date for the next follow-up
 */
public record Tier(String name, String meaning, String owner, String ownerLabel, String cadence, Period period)
    implements Serializable {

  public boolean hasAction() {
    return owner != null;
  }
}
