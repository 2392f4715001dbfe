package com.customerrating.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.reference.ReferenceConversionModel.Input;
import com.customerrating.reference.ReferenceValueModel.Result;
import com.customerrating.reference.ReferenceValueModel.Scope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Tests of the reference oracle itself, one named test per worked example of the spec. */
class ReferenceModelsTest {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 15);

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    private static void assertBd(String expected, BigDecimal actual) {
        assertTrue(actual != null && bd(expected).compareTo(actual) == 0,
                () -> "expected " + expected + " but was " + actual);
    }

    // ---------------------------------------------------------------- model 1

    @Nested
    class ConversionModel {

        private ReferenceConversionModel.Result rate(int i, int d, int s) {
            return ReferenceConversionModel.rate(i, d, s, DAY);
        }

        @Test
        void conversion_555_is_5_0_grade_A() {
            var r = rate(5, 5, 5);
            assertBd("5.0", r.composite());
            assertEquals("A", r.grade());
            assertEquals("account_manager", r.followUpOwner());
            assertEquals("weekly", r.cadence());
            assertEquals(LocalDate.of(2025, 3, 22), r.nextFollowUpDate());
            assertNull(r.pointsToNextTier());
        }

        @Test
        void conversion_444_is_4_0_grade_A() {
            var r = rate(4, 4, 4);
            assertBd("4.0", r.composite());
            assertEquals("A", r.grade());
            assertNull(r.pointsToNextTier());
        }

        @Test
        void conversion_345_is_3_9_grade_B() {
            var r = rate(3, 4, 5);
            assertBd("3.9", r.composite());
            assertEquals("B", r.grade());
            assertEquals("senior_sales", r.followUpOwner());
            assertEquals("monthly", r.cadence());
            assertEquals(LocalDate.of(2025, 4, 15), r.nextFollowUpDate());
            assertBd("0.1", r.pointsToNextTier());
        }

        @Test
        void conversion_141_is_1_9_grade_D() {
            var r = rate(1, 4, 1);
            assertBd("1.9", r.composite());
            assertEquals("D", r.grade());
            assertEquals("sales", r.followUpOwner());
            assertEquals("yearly", r.cadence());
            assertEquals(LocalDate.of(2026, 3, 15), r.nextFollowUpDate());
            assertBd("0.1", r.pointsToNextTier());
        }

        @Test
        void conversion_222_is_2_0_grade_C() {
            var r = rate(2, 2, 2);
            assertBd("2.0", r.composite());
            assertEquals("C", r.grade());
            assertEquals("sales", r.followUpOwner());
            assertEquals("quarterly", r.cadence());
            assertEquals(LocalDate.of(2025, 6, 15), r.nextFollowUpDate());
            assertBd("1.0", r.pointsToNextTier());
        }

        @Test
        void conversion_111_is_1_0_grade_D_and_needs_1_0() {
            var r = rate(1, 1, 1);
            assertBd("1.0", r.composite());
            assertEquals("D", r.grade());
            assertBd("1.0", r.pointsToNextTier());
        }

        @Test
        void conversion_composite_is_exact_where_double_is_not() {
            // 0.4*3 + 0.3*4 + 0.3*5 is 3.9000000000000004 in IEEE double
            assertEquals("3.9", ReferenceConversionModel.composite(3, 4, 5).stripTrailingZeros().toPlainString());
        }

        @Test
        void conversion_all_125_inputs_are_multiples_of_0_1_in_1_to_5_with_consistent_grades() {
            for (int i = 1; i <= 5; i++) {
                for (int d = 1; d <= 5; d++) {
                    for (int s = 1; s <= 5; s++) {
                        var r = rate(i, d, s);
                        BigDecimal c = r.composite();
                        // composite*10 == 4i + 3d + 3s exactly
                        assertEquals(0, c.multiply(BigDecimal.TEN).compareTo(BigDecimal.valueOf(4L * i + 3L * d + 3L * s)));
                        assertTrue(c.compareTo(bd("1.0")) >= 0 && c.compareTo(bd("5.0")) <= 0);
                        long tenths = 4L * i + 3L * d + 3L * s;
                        String grade = tenths >= 40 ? "A" : tenths >= 30 ? "B" : tenths >= 20 ? "C" : "D";
                        assertEquals(grade, r.grade(), () -> "at " + c);
                        if (!grade.equals("A")) {
                            assertTrue(r.pointsToNextTier().signum() > 0);
                            assertEquals(0, c.add(r.pointsToNextTier()).remainder(BigDecimal.ONE).signum());
                        }
                    }
                }
            }
        }

        @Test
        void conversion_next_follow_up_uses_calendar_periods() {
            // monthly from 31 Jan: end of February
            assertEquals(LocalDate.of(2025, 2, 28),
                    ReferenceConversionModel.rate(3, 3, 3, LocalDate.of(2025, 1, 31)).nextFollowUpDate());
            // quarterly = 3 months, across a year end
            assertEquals(LocalDate.of(2026, 2, 28),
                    ReferenceConversionModel.rate(2, 2, 2, LocalDate.of(2025, 11, 30)).nextFollowUpDate());
            // yearly from a leap day
            assertEquals(LocalDate.of(2025, 2, 28),
                    ReferenceConversionModel.rate(1, 1, 1, LocalDate.of(2024, 2, 29)).nextFollowUpDate());
            // weekly across a month end
            assertEquals(LocalDate.of(2025, 1, 3),
                    ReferenceConversionModel.rate(5, 5, 5, LocalDate.of(2024, 12, 27)).nextFollowUpDate());
        }

        @Test
        void conversion_scores_outside_1_to_5_are_rejected_not_clamped() {
            assertThrows(IllegalArgumentException.class, () -> rate(0, 3, 3));
            assertThrows(IllegalArgumentException.class, () -> rate(3, 6, 3));
            assertThrows(IllegalArgumentException.class, () -> rate(3, 3, -1));
            assertThrows(IllegalArgumentException.class, () -> ReferenceConversionModel.rate(3, 3, 3, null));
        }

        @Test
        void conversion_input_record_overload_matches() {
            assertEquals(rate(3, 4, 5), ReferenceConversionModel.rate(new Input(3, 4, 5, DAY)));
        }
    }

    // ---------------------------------------------------------------- model 2

    private static final int[] NO_MONTHS = {0, 0, 0, 0, 0, 0};

    private static ReferenceValueModel.Input row(String id, String city, int year, String amount, String rate) {
        return new ReferenceValueModel.Input(id, city, year, 0, 0, bd(amount), bd(rate), NO_MONTHS);
    }

    private static ReferenceValueModel.Input amountRow(String id, String amount) {
        return row(id, "chengdu", 2025, amount, "0.5");
    }

    private static List<Result> rate(List<ReferenceValueModel.Input> rows) {
        return ReferenceValueModel.rate(rows, false, Scope.CITY_AND_YEAR);
    }

    private static int[] amountPoints(List<Result> results) {
        return results.stream().mapToInt(Result::amountRankPoints).toArray();
    }

    private static long[] amountGreater(List<Result> results) {
        return results.stream().mapToLong(Result::amountGreaterCount).toArray();
    }

    @Nested
    class ValueModelRanking {

        @Test
        void value_n10_amount_example_gives_100_100_60_40_20_then_0() {
            String[] amounts = {"90000", "90000", "70000", "50000", "40000", "30000", "20000", "10000", "5000", "0"};
            List<ReferenceValueModel.Input> rows = new ArrayList<>();
            for (int i = 0; i < amounts.length; i++) {
                rows.add(amountRow("c" + i, amounts[i]));
            }
            List<Result> r = rate(rows);
            // positions p = greater/N: 0, 0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9
            assertArrayEquals(new long[] {0, 0, 2, 3, 4, 5, 6, 7, 8, 9}, amountGreater(r));
            assertArrayEquals(new int[] {100, 100, 60, 40, 20, 0, 0, 0, 0, 0}, amountPoints(r));
            r.forEach(x -> assertEquals(10, x.population()));
        }

        @Test
        void value_n10_amount_example_zero_customer_is_zero_under_zero_value_rule_too() {
            // the zero customer at p = 0.9 is 0 points anyway; here a zero value at the top position
            List<Result> r = rate(List.of(amountRow("only", "0")));
            assertEquals(0, r.get(0).amountGreaterCount());
            assertEquals(0, r.get(0).amountRankPoints());
        }

        @Test
        void value_n1_is_top_bucket_unless_zero() {
            Result r = rate(List.of(row("a", "chengdu", 2025, "1.00", "0.0100"))).get(0);
            assertEquals(1, r.population());
            assertEquals(0, r.amountGreaterCount());
            assertEquals(100, r.amountRankPoints());
            assertEquals(50, r.repurchaseRankPoints());
            Result z = rate(List.of(row("z", "chengdu", 2025, "0.00", "0.0000"))).get(0);
            assertEquals(0, z.amountRankPoints());
            assertEquals(0, z.repurchaseRankPoints());
        }

        @Test
        void value_n10_distinct_has_exactly_one_top_10_percent() {
            List<ReferenceValueModel.Input> rows = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                rows.add(row("c" + i, "chengdu", 2025, i + "000.00", "0." + (i - 1) + "5"));
            }
            List<Result> r = rate(rows);
            assertEquals(1, r.stream().filter(x -> x.amountRankPoints() == 100).count());
            assertEquals(1, r.stream().filter(x -> x.repurchaseRankPoints() == 50).count());
            for (int pts : new int[] {80, 60, 40, 20}) {
                assertEquals(1, r.stream().filter(x -> x.amountRankPoints() == pts).count());
            }
            assertEquals(5, r.stream().filter(x -> x.amountRankPoints() == 0).count());
            assertEquals(100, r.get(9).amountRankPoints()); // the largest, 10000
            assertEquals(50, r.get(9).repurchaseRankPoints());
        }

        @Test
        void value_all_zero_repurchase_rates_give_all_zero_points() {
            List<ReferenceValueModel.Input> rows = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                rows.add(row("c" + i, "chengdu", 2025, "20000", i % 2 == 0 ? "0" : "0.0000"));
            }
            List<Result> r = rate(rows);
            r.forEach(x -> {
                assertEquals(0, x.repurchaseGreaterCount());
                assertEquals(0, x.repurchaseRankPoints());
                assertEquals(100, x.amountRankPoints()); // all tied at the top, non-zero
            });
        }

        @Test
        void value_sixty_percent_zero_repurchase_are_zero_not_40_to_50_percent() {
            // 4 positive rates, then 6 zeros at p = 0.4 which would be the 40-50% bucket
            String[] rates = {"0.9", "0.8", "0.7", "0.6", "0", "0", "0", "0", "0", "0"};
            List<ReferenceValueModel.Input> rows = new ArrayList<>();
            for (int i = 0; i < rates.length; i++) {
                rows.add(row("c" + i, "chengdu", 2025, "1000", rates[i]));
            }
            List<Result> r = rate(rows);
            int[] pts = r.stream().mapToInt(Result::repurchaseRankPoints).toArray();
            assertArrayEquals(new int[] {50, 40, 30, 20, 0, 0, 0, 0, 0, 0}, pts);
            assertEquals(4, r.get(9).repurchaseGreaterCount());
        }

        @Test
        void value_ties_across_a_bucket_edge_share_the_better_position() {
            // ranks 2..4 span the 10-20%, 20-30% and 30-40% buckets; all three tied at p = 0.1
            String[] amounts = {"100000", "90000", "90000.00", "90000.0", "80000",
                "70000", "60000", "50000", "40000", "30000"};
            List<ReferenceValueModel.Input> rows = new ArrayList<>();
            for (int i = 0; i < amounts.length; i++) {
                rows.add(amountRow("c" + i, amounts[i]));
            }
            List<Result> r = rate(rows);
            assertArrayEquals(new long[] {0, 1, 1, 1, 4, 5, 6, 7, 8, 9}, amountGreater(r));
            assertArrayEquals(new int[] {100, 80, 80, 80, 20, 0, 0, 0, 0, 0}, amountPoints(r));
        }

        @Test
        void value_position_exactly_on_an_edge_belongs_to_the_lower_bucket() {
            int[] p = ReferenceValueModel.AMOUNT_RANK_POINTS;
            BigDecimal v = BigDecimal.ONE;
            // N = 20: greater 1 -> p 0.05 top; 2 -> p 0.1 exactly -> 10-20%; 10 -> p 0.5 -> bottom 50%
            assertEquals(100, ReferenceValueModel.rankPoints(v, 1, 20, p));
            assertEquals(80, ReferenceValueModel.rankPoints(v, 2, 20, p));
            assertEquals(80, ReferenceValueModel.rankPoints(v, 3, 20, p));
            assertEquals(60, ReferenceValueModel.rankPoints(v, 4, 20, p));
            assertEquals(20, ReferenceValueModel.rankPoints(v, 9, 20, p));
            assertEquals(0, ReferenceValueModel.rankPoints(v, 10, 20, p));
            // N = 3: greater 1 -> p 0.333 -> 30-40%
            assertEquals(40, ReferenceValueModel.rankPoints(v, 1, 3, p));
            assertEquals(0, ReferenceValueModel.rankPoints(BigDecimal.ZERO, 0, 3, p));
            assertEquals(0, ReferenceValueModel.rankPoints(new BigDecimal("0.00"), 0, 3, p));
        }

        @Test
        void value_scope_city_and_year_ranks_cities_apart_and_year_ranks_them_together() {
            List<ReferenceValueModel.Input> rows = List.of(
                    row("cd1", "chengdu", 2025, "100", "0"),
                    row("cd2", "chengdu", 2025, "200", "0"),
                    row("hz1", "hangzhou", 2025, "300", "0"),
                    row("cd1", "chengdu", 2024, "50", "0"));

            List<Result> byCity = ReferenceValueModel.rate(rows, false, Scope.CITY_AND_YEAR);
            assertArrayEquals(new int[] {0, 100, 100, 100}, amountPoints(byCity));
            assertArrayEquals(new long[] {2, 2, 1, 1},
                    byCity.stream().mapToLong(Result::population).toArray());

            List<Result> byYear = ReferenceValueModel.rate(rows, false, Scope.YEAR);
            // 2025: N = 3; 200 has p = 1/3 -> 30-40%; 100 has p = 2/3 -> bottom
            assertArrayEquals(new long[] {2, 1, 0, 0}, amountGreater(byYear));
            assertArrayEquals(new int[] {0, 40, 100, 100}, amountPoints(byYear));
            assertArrayEquals(new long[] {3, 3, 3, 1},
                    byYear.stream().mapToLong(Result::population).toArray());
        }

        @Test
        void value_sorted_greater_counts_match_naive_nested_loops_on_random_rows() {
            Random rnd = new Random(20250101L);
            String[] cities = {"chengdu", "hangzhou", "wuhan"};
            List<ReferenceValueModel.Input> rows = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                // few distinct values so that ties and zeros are common; mixed scales
                long cents = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(60) * 100_000L;
                BigDecimal amount = BigDecimal.valueOf(cents, 2).setScale(rnd.nextInt(3), java.math.RoundingMode.UNNECESSARY);
                BigDecimal rate = rnd.nextInt(2) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(rnd.nextInt(20), 2);
                rows.add(new ReferenceValueModel.Input("c" + i, cities[rnd.nextInt(3)], 2024 + rnd.nextInt(2),
                        rnd.nextInt(8), 12, amount, rate,
                        new int[] {rnd.nextInt(3), rnd.nextInt(3), 0, rnd.nextInt(2), 1, 0}));
            }
            for (Scope scope : Scope.values()) {
                for (boolean normalize : new boolean[] {false, true}) {
                    List<Result> r = ReferenceValueModel.rate(rows, normalize, scope);
                    for (int i = 0; i < rows.size(); i++) {
                        var me = rows.get(i);
                        long n = 0;
                        long amountGreater = 0;
                        long rateGreater = 0;
                        for (var other : rows) {
                            boolean same = other.snapshotYear() == me.snapshotYear()
                                    && (scope == Scope.YEAR || other.city().equals(me.city()));
                            if (!same) {
                                continue;
                            }
                            n++;
                            if (other.cumulativeAmount().compareTo(me.cumulativeAmount()) > 0) {
                                amountGreater++;
                            }
                            if (other.repurchaseRate().compareTo(me.repurchaseRate()) > 0) {
                                rateGreater++;
                            }
                        }
                        Result x = r.get(i);
                        assertEquals(me.customerId(), x.customerId());
                        assertEquals(n, x.population());
                        assertEquals(amountGreater, x.amountGreaterCount());
                        assertEquals(rateGreater, x.repurchaseGreaterCount());
                        if (me.cumulativeAmount().signum() == 0) {
                            assertEquals(0, x.amountRankPoints());
                        }
                        // rateRow with the same position reproduces the row
                        assertEquals(x, ReferenceValueModel.rateRow(me, amountGreater, rateGreater, n, normalize));
                    }
                }
            }
        }
    }

    @Nested
    class ValueModelSubScores {

        @Test
        void value_amount_band_edges_9999_99_10000_50000_50000_01() {
            assertEquals(10, ReferenceValueModel.amountBandPoints(bd("0")));
            assertEquals(10, ReferenceValueModel.amountBandPoints(bd("9999.99")));
            assertEquals(30, ReferenceValueModel.amountBandPoints(bd("10000")));
            assertEquals(30, ReferenceValueModel.amountBandPoints(bd("10000.00")));
            assertEquals(30, ReferenceValueModel.amountBandPoints(bd("50000")));
            assertEquals(30, ReferenceValueModel.amountBandPoints(bd("50000.00")));
            assertEquals(50, ReferenceValueModel.amountBandPoints(bd("50000.01")));
            assertEquals(50, ReferenceValueModel.amountBandPoints(bd("90000")));
        }

        @Test
        void value_stability_5_of_6_months_is_41_67() {
            Result r = ReferenceValueModel.rate(List.of(new ReferenceValueModel.Input("s", "chengdu", 2025,
                    0, 5, bd("100"), bd("0"), new int[] {1, 1, 0, 1, 1, 1})), false, Scope.CITY_AND_YEAR).get(0);
            assertEquals(5, r.activeMonths());
            assertBd("41.67", r.stability());
            assertEquals(2, r.stability().scale());
        }

        @Test
        void value_stability_for_every_month_count() {
            String[] expected = {"0.00", "8.33", "16.67", "25.00", "33.33", "41.67", "50.00"};
            for (int m = 0; m <= 6; m++) {
                assertBd(expected[m], ReferenceValueModel.stability(m));
            }
            assertEquals(3, ReferenceValueModel.activeMonths(new int[] {0, 2, 0, 7, 1, 0}));
        }

        @Test
        void value_activity_points_are_capped_at_50_each() {
            assertEquals(0, ReferenceValueModel.consultationPoints(0));
            assertEquals(30, ReferenceValueModel.consultationPoints(3));
            assertEquals(50, ReferenceValueModel.consultationPoints(5));
            assertEquals(50, ReferenceValueModel.consultationPoints(7));
            assertEquals(15, ReferenceValueModel.transactionPoints(3));
            assertEquals(50, ReferenceValueModel.transactionPoints(10));
            assertEquals(50, ReferenceValueModel.transactionPoints(12));
        }

        @Test
        void value_tiers_are_half_open_with_next_tier_points() {
            assertEquals("S", ReferenceValueModel.tierOf(bd("90")));
            assertNull(ReferenceValueModel.pointsToNextTier(bd("90.00")));
            assertEquals("A", ReferenceValueModel.tierOf(bd("89.999")));
            assertBd("0.001", ReferenceValueModel.pointsToNextTier(bd("89.999")));
            assertEquals("A", ReferenceValueModel.tierOf(bd("75")));
            assertBd("15", ReferenceValueModel.pointsToNextTier(bd("75")));
            assertEquals("B", ReferenceValueModel.tierOf(bd("74.99")));
            assertEquals("B", ReferenceValueModel.tierOf(bd("60")));
            assertEquals("C", ReferenceValueModel.tierOf(bd("59.9999")));
            assertEquals("C", ReferenceValueModel.tierOf(bd("40")));
            assertBd("20", ReferenceValueModel.pointsToNextTier(bd("40")));
            assertEquals("D", ReferenceValueModel.tierOf(bd("39.99")));
            assertBd("0.01", ReferenceValueModel.pointsToNextTier(bd("39.99")));
            assertEquals("D", ReferenceValueModel.tierOf(bd("0")));
        }

        @Test
        void value_rejects_rows_the_spec_does_not_accept() {
            assertThrows(IllegalArgumentException.class, () -> rate(List.of(row("n", "chengdu", 2025, "-1", "0"))));
            assertThrows(IllegalArgumentException.class, () -> rate(List.of(row("r", "chengdu", 2025, "1", "1.0001"))));
            assertThrows(IllegalArgumentException.class, () -> rate(List.of(new ReferenceValueModel.Input(
                    "t", "chengdu", 2025, 0, 1, bd("1"), bd("0"), new int[] {1, 1, 0, 0, 0, 0}))));
        }
    }

    @Nested
    class ValueModelComposite {

        private ReferenceValueModel.Input perfect() {
            return new ReferenceValueModel.Input("p", "chengdu", 2025, 5, 10, bd("60000.00"), bd("1.0000"),
                    new int[] {1, 1, 1, 1, 1, 1});
        }

        @Test
        void value_perfect_customer_scores_72_00_without_normalize_tier_B() {
            Result r = ReferenceValueModel.rate(List.of(perfect()), false, Scope.CITY_AND_YEAR).get(0);
            assertEquals(100, r.activity());
            assertBd("50", r.stability());
            assertEquals(50, r.amountBandPoints());
            assertBd("50", r.contribution());
            assertEquals(100, r.amountRankPoints());
            assertEquals(50, r.repurchaseRankPoints());
            assertBd("85", r.valueRanking());
            assertBd("72.00", r.composite());
            assertEquals("B", r.tier());
            assertBd("3.00", r.pointsToNextTier());
            assertNull(r.activityNormalized());
            assertNull(r.contributionNormalized());
            assertNull(r.valueRankingNormalized());
        }

        @Test
        void value_perfect_customer_scores_100_00_with_normalize_tier_S() {
            Result r = ReferenceValueModel.rate(List.of(perfect()), true, Scope.CITY_AND_YEAR).get(0);
            assertBd("100.00", r.activityNormalized());
            assertBd("100.00", r.contributionNormalized());
            assertBd("100.00", r.valueRankingNormalized());
            assertBd("100.00", r.composite());
            assertEquals("S", r.tier());
            assertNull(r.pointsToNextTier());
        }

        @Test
        void value_hand_computed_row_43_00_C_and_normalized_60_00_B() {
            var in = new ReferenceValueModel.Input("h", "chengdu", 2025, 2, 4, bd("30000"), bd("0.5"),
                    new int[] {1, 1, 1, 0, 0, 0});
            Result r = ReferenceValueModel.rate(List.of(in), false, Scope.CITY_AND_YEAR).get(0);
            assertEquals(20, r.consultationPoints());
            assertEquals(20, r.transactionPoints());
            assertEquals(40, r.activity());
            assertBd("25.00", r.stability());
            assertEquals(30, r.amountBandPoints());
            assertBd("28.00", r.contribution()); // 0.4*25 + 0.6*30
            assertBd("85", r.valueRanking());
            assertBd("43.00", r.composite()); // 12 + 14 + 17
            assertEquals("C", r.tier());
            assertBd("17.00", r.pointsToNextTier());

            Result n = ReferenceValueModel.rate(List.of(in), true, Scope.CITY_AND_YEAR).get(0);
            assertBd("40.00", n.activityNormalized());
            assertBd("56.00", n.contributionNormalized());
            assertBd("100.00", n.valueRankingNormalized());
            assertBd("60.00", n.composite()); // 12 + 28 + 20
            assertEquals("B", n.tier());
            assertBd("15.00", n.pointsToNextTier());
        }

        @Test
        void value_composite_is_never_rounded() {
            // stability 41.67, band 10 -> contribution 22.668; zero amount and rate -> value ranking 0
            var in = new ReferenceValueModel.Input("u", "chengdu", 2025, 0, 5, bd("0"), bd("0"),
                    new int[] {1, 1, 1, 1, 1, 0});
            Result r = ReferenceValueModel.rate(List.of(in), false, Scope.CITY_AND_YEAR).get(0);
            assertEquals(25, r.activity()); // 5 transactions
            assertBd("22.668", r.contribution());
            assertEquals(0, r.amountRankPoints());
            assertBd("0", r.valueRanking());
            assertBd("18.834", r.composite()); // 7.5 + 11.334 + 0
            assertEquals("D", r.tier());
            assertBd("21.166", r.pointsToNextTier());

            Result n = ReferenceValueModel.rate(List.of(in), true, Scope.CITY_AND_YEAR).get(0);
            assertBd("25.00", n.activityNormalized());
            assertBd("45.34", n.contributionNormalized()); // 45.336 HALF_UP
            assertBd("0.00", n.valueRankingNormalized());
            assertBd("30.17", n.composite()); // 7.5 + 22.67 + 0
        }

        @Test
        void value_normalized_value_ranking_rounds_half_up_to_2_places() {
            assertBd("65.88", ReferenceValueModel.rescale(bd("56"), bd("85"))); // 65.882...
            assertBd("60.00", ReferenceValueModel.rescale(bd("51"), bd("85")));
            assertBd("17.65", ReferenceValueModel.rescale(bd("15"), bd("85"))); // 17.647...
            assertBd("0.01", ReferenceValueModel.rescale(bd("0.005"), bd("100"))); // half up
        }
    }
}
