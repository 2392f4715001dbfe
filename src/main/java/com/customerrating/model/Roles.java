package com.customerrating.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The columns the analyses use, by role (a model file's {@code roles} and {@code churn}). Each
 * analytics table and report section needs some roles; a model whose file does not give them gets
 * no such table and a one-line note in the report instead. Any role may be null.
 *
 * @param revenue earned revenue (the pyramid, 80/20, RFM's monetary, revenue shares)
 * @param dealValue the value of a deal not yet won (the pipeline funnel)
 * @param lastActivity the date of the last transaction (RFM's recency)
 * @param frequency the number of transactions (RFM's frequency)
 * @param owner who is in charge of the customer (churn alerts)
 * @param outcome the known result: bought, won (conversion by grade)
 * @param overdue a flag: the customer's own date has passed (the report's overdue list)
 * @param churn scores watched year over year, each with the drop that raises an alert
 */
public record Roles(
    String revenue,
    String dealValue,
    String lastActivity,
    String frequency,
    String owner,
    Outcome outcome,
    String overdue,
    List<ChurnWatch> churn) implements Serializable {

  /**
   * The outcome column and which values mean won and lost; a flag column's true is won, false lost.
   * Any other value, or an empty one, is not known yet.
   *
   * @param label bilingual name of a positive outcome for the report, e.g. "购买 purchased"
   */
  public record Outcome(String column, boolean flag, List<String> won, List<String> lost, String label)
      implements Serializable {}

  /**
   * A score watched for churn: an alert when it fell by more than {@code drop} year over year.
   *
   * @param slot {@code activity} or {@code contribution}: the churn_alerts columns it fills
   */
  public record ChurnWatch(String slot, String column, BigDecimal drop) implements Serializable {}

  public static final List<String> CHURN_SLOTS = List.of("activity", "contribution");

  public ChurnWatch watch(String slot) {
    return churn.stream().filter(w -> w.slot().equals(slot)).findFirst().orElse(null);
  }

  /** RFM needs recency, frequency and monetary value. */
  public boolean rfm() {
    return revenue != null && lastActivity != null && frequency != null;
  }
}
