package com.customerrating.scoring;

import java.util.Locale;

/** How percentile positions are computed; every method gives identical results. */
public enum RankingMethod {
  /** A window per ranking scope: one task per scope; for small populations. */
  WINDOW,
  /** The exact scalable form, spread over all tasks. */
  SCALABLE,
  /** Scalable from {@link #AUTO_SCALABLE_FROM} rows in a scope, else the window. */
  AUTO;

  /** With {@code auto}, populations from this size are ranked by the scalable form. */
  public static final long AUTO_SCALABLE_FROM = 1_000_000L;

  /** The method a command line names; an unknown one fails naming the choices. */
  public static RankingMethod parse(String s) {
    for (RankingMethod m : values()) {
      if (m.name().toLowerCase(Locale.ROOT).equals(s)) {
        return m;
      }
    }
    throw new IllegalArgumentException("--ranking: unknown method '" + s + "' (window, scalable or auto)");
  }

  /** The ranker for the rows of the largest ranking population. */
  public PercentileRanker ranker(long largestScopeRows) {
    return switch (this) {
      case WINDOW -> new WindowPercentileRanker();
      case SCALABLE -> new ScalablePercentileRanker();
      case AUTO -> largestScopeRows >= AUTO_SCALABLE_FROM ? new ScalablePercentileRanker() : new WindowPercentileRanker();
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
