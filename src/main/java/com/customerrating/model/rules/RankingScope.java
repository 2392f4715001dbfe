package com.customerrating.model.rules;

import java.util.List;

/** Which customers form one ranking population. */
public enum RankingScope {
  /** All accepted customers of one city and snapshot year (the default). */
  CITY_AND_YEAR(List.of("city", "snapshot_year")),
  /** All cities of one snapshot year ranked together. */
  SNAPSHOT_YEAR(List.of("snapshot_year"));

  private final List<String> columns;

  RankingScope(List<String> columns) {
    this.columns = columns;
  }

  public List<String> columns() {
    return columns;
  }

  public static RankingScope parse(String s) {
    return switch (s) {
      case "city_and_year" -> CITY_AND_YEAR;
      case "snapshot_year" -> SNAPSHOT_YEAR;
      default -> throw new IllegalArgumentException("expected city_and_year or snapshot_year, got '" + s + "'");
    };
  }
}
