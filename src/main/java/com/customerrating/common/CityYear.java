package com.customerrating.common;

import java.io.Serializable;
import java.util.Collection;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A city and snapshot year: one delivery of the landing zone and one partition of every table.
 * The city name reaches paths and SQL predicates, so only names matching {@link #CITY_NAME} exist.
 */
public record CityYear(String city, int year) implements Serializable {

  /** City folder names: lower-case letters, digits, '-' and '_' only; they reach paths and predicates. */
  public static final Pattern CITY_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  /** City first, then year. */
  public static final Comparator<CityYear> ORDER = Comparator.comparing(CityYear::city).thenComparing(CityYear::year);

  public CityYear {
    if (city == null || !CITY_NAME.matcher(city).matches()) {
      throw new IllegalArgumentException("refused city name in a partition predicate: " + city);
    }
  }

  /** {@code city/year}, as progress lines and messages name a delivery. */
  public String key() {
    return city + "/" + year;
  }

  /** The year before, same city. */
  public CityYear previous() {
    return new CityYear(city, year - 1);
  }

  /** The year after, same city. */
  public CityYear next() {
    return new CityYear(city, year + 1);
  }

  /** The SQL predicate selecting exactly this partition. */
  public String predicate() {
    return "(city = '" + city + "' AND snapshot_year = " + year + ")";
  }

  /** The predicate covering exactly these partitions (a replaceWhere or a filter). */
  public static String predicate(Collection<CityYear> parts) {
    return parts.stream().sorted(ORDER).map(CityYear::predicate).collect(Collectors.joining(" OR "));
  }
}
