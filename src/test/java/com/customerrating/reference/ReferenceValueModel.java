package com.customerrating.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Test oracle for model 2 (customer value, Chengdu), written straight from the
 * rating-models spec. The spec's constants are written here on purpose: this class
 * must not share configuration or code with the production scoring, so that it can
 * check it. Only BigDecimal and integer arithmetic, never double/float. Percentile
 * positions are found by sorting each population, independently of any window logic.
 */
public final class ReferenceValueModel {

    /** Which rows form one ranking population. */
    public enum Scope {
        /** All customers of the same city and snapshot year (the default). */
        CITY_AND_YEAR,
        /** All customers of the same snapshot year, every city together. */
        YEAR
    }

    // Activity
    public static final long CONSULTATION_POINTS_PER_COUNT = 10;
    public static final long CONSULTATION_POINTS_CAP = 50;
    public static final long TRANSACTION_POINTS_PER_COUNT = 5;
    public static final long TRANSACTION_POINTS_CAP = 50;

    // Contribution
    public static final long STABILITY_MAX = 50;
    public static final long STABILITY_MONTHS = 6;
    public static final BigDecimal BAND_LOW_BELOW = new BigDecimal("10000");   // amount < 10000 -> 10
    public static final BigDecimal BAND_MID_UP_TO = new BigDecimal("50000");   // 10000 <= amount <= 50000 -> 30
    public static final int BAND_LOW_POINTS = 10;
    public static final int BAND_MID_POINTS = 30;
    public static final int BAND_HIGH_POINTS = 50;                            // amount > 50000
    public static final BigDecimal W_STABILITY = new BigDecimal("0.4");
    public static final BigDecimal W_BAND = new BigDecimal("0.6");

    // Value ranking: bucket k (1..5) is 10*greater < k*N; points per bucket, then the bottom 50%
    public static final int[] AMOUNT_RANK_POINTS = {100, 80, 60, 40, 20, 0};
    public static final int[] REPURCHASE_RANK_POINTS = {50, 40, 30, 20, 10, 0};
    public static final BigDecimal W_AMOUNT_RANK = new BigDecimal("0.7");
    public static final BigDecimal W_REPURCHASE_RANK = new BigDecimal("0.3");

    // Composite
    public static final BigDecimal W_ACTIVITY = new BigDecimal("0.3");
    public static final BigDecimal W_CONTRIBUTION = new BigDecimal("0.5");
    public static final BigDecimal W_VALUE_RANKING = new BigDecimal("0.2");

    // Normalisation maxima (each sub-score rescaled to 0..100)
    public static final BigDecimal ACTIVITY_MAX = new BigDecimal("100");
    public static final BigDecimal CONTRIBUTION_MAX = new BigDecimal("50");
    public static final BigDecimal VALUE_RANKING_MAX = new BigDecimal("85");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    // Tiers
    public static final BigDecimal TIER_S_MIN = new BigDecimal("90");
    public static final BigDecimal TIER_A_MIN = new BigDecimal("75");
    public static final BigDecimal TIER_B_MIN = new BigDecimal("60");
    public static final BigDecimal TIER_C_MIN = new BigDecimal("40");

    /** One accepted input row of model 2. */
    public record Input(
            String customerId,
            String city,
            int snapshotYear,
            long consultationCount,
            long transactionCount,
            BigDecimal cumulativeAmount,
            BigDecimal repurchaseRate,
            int txM1,
            int txM2,
            int txM3,
            int txM4,
            int txM5,
            int txM6) {

        /** Convenience constructor taking the six monthly counts as an array, tx_m1 first. */
        public Input(String customerId, String city, int snapshotYear, long consultationCount,
                     long transactionCount, BigDecimal cumulativeAmount, BigDecimal repurchaseRate,
                     int[] txMonths) {
            this(customerId, city, snapshotYear, consultationCount, transactionCount, cumulativeAmount,
                    repurchaseRate, month(txMonths, 0), month(txMonths, 1), month(txMonths, 2),
                    month(txMonths, 3), month(txMonths, 4), month(txMonths, 5));
        }

        private static int month(int[] txMonths, int i) {
            if (txMonths == null || txMonths.length != 6) {
                throw new IllegalArgumentException("exactly six monthly counts tx_m1..tx_m6 are required");
            }
            return txMonths[i];
        }

        public int[] txMonths() {
            return new int[] {txM1, txM2, txM3, txM4, txM5, txM6};
        }
    }

    /**
     * One rated row of model 2. The {@code *Normalized} fields are null when the
     * population was rated without normalisation; {@code pointsToNextTier} is null in tier S.
     */
    public record Result(
            String customerId,
            String city,
            int snapshotYear,
            int consultationPoints,
            int transactionPoints,
            int activity,
            int activeMonths,
            BigDecimal stability,
            int amountBandPoints,
            BigDecimal contribution,
            long amountGreaterCount,
            long repurchaseGreaterCount,
            long population,
            int amountRankPoints,
            int repurchaseRankPoints,
            BigDecimal valueRanking,
            BigDecimal activityNormalized,
            BigDecimal contributionNormalized,
            BigDecimal valueRankingNormalized,
            BigDecimal composite,
            String tier,
            BigDecimal pointsToNextTier) {
    }

    private ReferenceValueModel() {
    }

    /**
     * Rates a whole population. Ranking populations are formed by {@code scope};
     * rows of different snapshot years are never ranked together.
     *
     * @return one result per input row, in input order
     * @throws IllegalArgumentException for a row that the spec would not accept
     */
    public static List<Result> rate(List<Input> rows, boolean normalize, Scope scope) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(scope, "scope");
        for (Input row : rows) {
            validate(row);
        }

        // Group rows into ranking populations, then sort each population's values once.
        Map<List<Object>, List<Input>> groups = new HashMap<>();
        for (Input row : rows) {
            groups.computeIfAbsent(scopeKey(row, scope), k -> new ArrayList<>()).add(row);
        }
        Map<List<Object>, BigDecimal[]> sortedAmounts = new HashMap<>();
        Map<List<Object>, BigDecimal[]> sortedRates = new HashMap<>();
        for (Map.Entry<List<Object>, List<Input>> e : groups.entrySet()) {
            List<Input> members = e.getValue();
            BigDecimal[] amounts = new BigDecimal[members.size()];
            BigDecimal[] rates = new BigDecimal[members.size()];
            for (int i = 0; i < members.size(); i++) {
                amounts[i] = members.get(i).cumulativeAmount();
                rates[i] = members.get(i).repurchaseRate();
            }
            Arrays.sort(amounts, BigDecimal::compareTo);
            Arrays.sort(rates, BigDecimal::compareTo);
            sortedAmounts.put(e.getKey(), amounts);
            sortedRates.put(e.getKey(), rates);
        }

        List<Result> out = new ArrayList<>(rows.size());
        for (Input row : rows) {
            List<Object> key = scopeKey(row, scope);
            BigDecimal[] amounts = sortedAmounts.get(key);
            long n = amounts.length;
            long amountGreater = countStrictlyGreater(amounts, row.cumulativeAmount());
            long rateGreater = countStrictlyGreater(sortedRates.get(key), row.repurchaseRate());
            out.add(rateRow(row, amountGreater, rateGreater, n, normalize));
        }
        return out;
    }

    /**
     * Rates one row given its ranking position: how many rows of its population have a
     * strictly greater amount / repurchase rate, and the population size.
     */
    public static Result rateRow(Input row, long amountGreaterCount, long repurchaseGreaterCount,
                                 long population, boolean normalize) {
        validate(row);
        int consultationPoints = consultationPoints(row.consultationCount());
        int transactionPoints = transactionPoints(row.transactionCount());
        int activity = consultationPoints + transactionPoints;

        int activeMonths = activeMonths(row.txMonths());
        BigDecimal stability = stability(activeMonths);
        int band = amountBandPoints(row.cumulativeAmount());
        BigDecimal contribution = W_STABILITY.multiply(stability).add(W_BAND.multiply(BigDecimal.valueOf(band)));

        int arp = rankPoints(row.cumulativeAmount(), amountGreaterCount, population, AMOUNT_RANK_POINTS);
        int rrp = rankPoints(row.repurchaseRate(), repurchaseGreaterCount, population, REPURCHASE_RANK_POINTS);
        BigDecimal valueRanking = W_AMOUNT_RANK.multiply(BigDecimal.valueOf(arp))
                .add(W_REPURCHASE_RANK.multiply(BigDecimal.valueOf(rrp)));

        BigDecimal activityN = null;
        BigDecimal contributionN = null;
        BigDecimal valueRankingN = null;
        BigDecimal a = BigDecimal.valueOf(activity);
        BigDecimal c = contribution;
        BigDecimal v = valueRanking;
        if (normalize) {
            activityN = rescale(a, ACTIVITY_MAX);
            contributionN = rescale(contribution, CONTRIBUTION_MAX);
            valueRankingN = rescale(valueRanking, VALUE_RANKING_MAX);
            a = activityN;
            c = contributionN;
            v = valueRankingN;
        }
        BigDecimal composite = W_ACTIVITY.multiply(a)
                .add(W_CONTRIBUTION.multiply(c))
                .add(W_VALUE_RANKING.multiply(v));

        return new Result(row.customerId(), row.city(), row.snapshotYear(),
                consultationPoints, transactionPoints, activity, activeMonths, stability, band, contribution,
                amountGreaterCount, repurchaseGreaterCount, population, arp, rrp, valueRanking,
                activityN, contributionN, valueRankingN,
                composite, tierOf(composite), pointsToNextTier(composite));
    }

    /** {@code min(consultation_count * 10, 50)}. */
    public static int consultationPoints(long consultationCount) {
        return (int) Math.min(Math.multiplyExact(consultationCount, CONSULTATION_POINTS_PER_COUNT),
                CONSULTATION_POINTS_CAP);
    }

    /** {@code min(transaction_count * 5, 50)}. */
    public static int transactionPoints(long transactionCount) {
        return (int) Math.min(Math.multiplyExact(transactionCount, TRANSACTION_POINTS_PER_COUNT),
                TRANSACTION_POINTS_CAP);
    }

    /** How many of the six monthly counts are at least 1. */
    public static int activeMonths(int[] txMonths) {
        int active = 0;
        for (int m : txMonths) {
            if (m >= 1) {
                active++;
            }
        }
        return active;
    }

    /** {@code 50 * active_months / 6}, HALF_UP to 2 places. */
    public static BigDecimal stability(int activeMonths) {
        if (activeMonths < 0 || activeMonths > STABILITY_MONTHS) {
            throw new IllegalArgumentException("active_months must be 0..6, got " + activeMonths);
        }
        return BigDecimal.valueOf(STABILITY_MAX * activeMonths)
                .divide(BigDecimal.valueOf(STABILITY_MONTHS), 2, RoundingMode.HALF_UP);
    }

    /** {@code < 10000 -> 10; 10000 <= a <= 50000 -> 30; > 50000 -> 50}. */
    public static int amountBandPoints(BigDecimal amount) {
        if (amount.compareTo(BAND_LOW_BELOW) < 0) {
            return BAND_LOW_POINTS;
        }
        if (amount.compareTo(BAND_MID_UP_TO) <= 0) {
            return BAND_MID_POINTS;
        }
        return BAND_HIGH_POINTS;
    }

    /**
     * Percentile bucket points: 0 for a zero value; otherwise the first k in 1..5 with
     * {@code 10 * greater < k * N} picks {@code points[k-1]}, else {@code points[5]}.
     */
    public static int rankPoints(BigDecimal value, long greaterCount, long population, int[] points) {
        if (population < 1 || greaterCount < 0 || greaterCount >= population) {
            throw new IllegalArgumentException("invalid position: greater=" + greaterCount + ", N=" + population);
        }
        if (value.signum() == 0) {
            return points[5];
        }
        for (int k = 1; k <= 5; k++) {
            if (Math.multiplyExact(10L, greaterCount) < Math.multiplyExact((long) k, population)) {
                return points[k - 1];
            }
        }
        return points[5];
    }

    /** {@code value * 100 / max}, HALF_UP to 2 places. */
    public static BigDecimal rescale(BigDecimal value, BigDecimal max) {
        return value.multiply(HUNDRED).divide(max, 2, RoundingMode.HALF_UP);
    }

    /** S >= 90, A [75,90), B [60,75), C [40,60), D < 40. */
    public static String tierOf(BigDecimal composite) {
        if (composite.compareTo(TIER_S_MIN) >= 0) {
            return "S";
        }
        if (composite.compareTo(TIER_A_MIN) >= 0) {
            return "A";
        }
        if (composite.compareTo(TIER_B_MIN) >= 0) {
            return "B";
        }
        if (composite.compareTo(TIER_C_MIN) >= 0) {
            return "C";
        }
        return "D";
    }

    /** Next tier's lower bound minus the composite; null in tier S. */
    public static BigDecimal pointsToNextTier(BigDecimal composite) {
        switch (tierOf(composite)) {
            case "S":
                return null;
            case "A":
                return TIER_S_MIN.subtract(composite);
            case "B":
                return TIER_A_MIN.subtract(composite);
            case "C":
                return TIER_B_MIN.subtract(composite);
            default:
                return TIER_C_MIN.subtract(composite);
        }
    }

    /** Number of values in an ascending-sorted array strictly greater than {@code v} (binary search). */
    static long countStrictlyGreater(BigDecimal[] ascending, BigDecimal v) {
        int lo = 0;
        int hi = ascending.length;
        // first index whose value is > v
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid].compareTo(v) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return ascending.length - lo;
    }

    private static List<Object> scopeKey(Input row, Scope scope) {
        return scope == Scope.YEAR
                ? List.of(row.snapshotYear())
                : List.of(row.city(), row.snapshotYear());
    }

    private static void validate(Input row) {
        Objects.requireNonNull(row, "row");
        List<String> problems = new ArrayList<>();
        if (row.customerId() == null) {
            problems.add("customer_id is null");
        }
        if (row.city() == null) {
            problems.add("city is null");
        }
        if (row.consultationCount() < 0) {
            problems.add("consultation_count < 0");
        }
        if (row.transactionCount() < 0) {
            problems.add("transaction_count < 0");
        }
        if (row.cumulativeAmount() == null) {
            problems.add("cumulative_amount is null");
        } else if (row.cumulativeAmount().signum() < 0) {
            problems.add("cumulative_amount < 0");
        }
        if (row.repurchaseRate() == null) {
            problems.add("repurchase_rate is null");
        } else if (row.repurchaseRate().signum() < 0 || row.repurchaseRate().compareTo(BigDecimal.ONE) > 0) {
            problems.add("repurchase_rate outside [0, 1]");
        }
        long sum = 0;
        for (int m : row.txMonths()) {
            if (m < 0) {
                problems.add("a monthly count tx_m1..tx_m6 is < 0");
            }
            sum += m;
        }
        if (sum > row.transactionCount()) {
            problems.add("tx_m1..tx_m6 sum to more than transaction_count");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("row " + row.customerId() + " not accepted: " + problems);
        }
    }
}
