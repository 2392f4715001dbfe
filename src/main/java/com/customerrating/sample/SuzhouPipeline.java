package com.customerrating.sample;

import static com.customerrating.sample.Draws.cumulative;
import static com.customerrating.sample.Draws.gauss;
import static com.customerrating.sample.Draws.pick;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The deal of one Suzhou prospect through the snapshot years: the owner's expected close date, the
 * estimated amount and the outcome within the following year.
 *
 * <p>The deal is followed from the year the prospect arrived up to the requested year, each year from its
 * own random stream, so a year's state is the same whichever years are written and the rows of two
 * years tell one story. A new prospect, and one whose last deal was won or lost, starts a new deal. An
 * open deal keeps its date while the date is ahead, so it moves closer by a year (now and then it slips
 * a few months); once the date has passed without a result, the owner either leaves the stale date
 * (overdue) or gives a new, near one. The chance that a deal is decided in the following year, and the
 * chance that a decided deal is won, fall from grade A to D, so the real win rate per grade shows that
 * the grading means something; a stale, overdue date wins seldom. Prospects about to leave the list are
 * mostly decided.
 *
 * <p>Dates are {@link LocalDate}s from {@code as-of + m months}, exactly the months-to-close rule of the
 * spec, and many of them sit on the first or last day of a month window, where the grades change.
 */
final class SuzhouPipeline {

    /** Where a close date stands at the as-of date; the grade of the model, with overdue and undated apart. */
    static final int OVERDUE = 0;
    static final int A = 1;
    static final int B = 2;
    static final int C = 3;
    static final int D = 4;
    static final int UNDATED = 5;

    static final int OPEN = 0;
    static final int WON = 1;
    static final int LOST = 2;
    /** No outcome recorded. */
    static final int BLANK = 3;

    // new deals: share without a date, then the grade band of the date
    private static final double FRESH_UNDATED = 0.12;
    private static final int[] FRESH_BAND_CUM = cumulative(18, 19, 32, 31);
    // open deals without a date that get one this year, and the band of that date
    private static final double DATED_LATER = 0.55;
    private static final int[] LATER_BAND_CUM = cumulative(10, 20, 40, 30);
    // open deals whose date has passed: the owner keeps the stale date
    private static final double KEEP_STALE = 0.42;
    // open deals whose date is still ahead: the owner keeps it, else it slips by 1..6 months
    private static final double KEEP_AHEAD = 0.70;

    // by stage (overdue, A, B, C, D, undated): decided (won or lost) in the following year, then won
    private static final double[] DECIDED = {0.55, 0.85, 0.72, 0.52, 0.25, 0.20};
    private static final double[] WIN = {0.30, 0.72, 0.55, 0.32, 0.16, 0.12};
    private static final double BLANK_OUTCOME = 0.15;

    private static final double[] DEAL_MEDIAN = {60_000.0, 150_000.0, 420_000.0, 1_300_000.0};
    static final long MIN_CENTS = 2_000_000L;
    static final long MAX_CENTS = 500_000_000L;
    /** Rounding of estimates, in cents: to 1 000 CNY, to 100 CNY, or exact. */
    private static final long[] ROUNDING = {100_000L, 10_000L, 1L};
    private static final int[] ROUNDING_CUM = cumulative(55, 25, 20);

    private static final long STREAM_SALT = 0x5bd1e9955bd1e995L;

    // state after follow(): the deal as of the requested year
    LocalDate close;
    int stage;
    int outcome;
    private double amount;
    private int rounding;

    /**
     * Follows the prospect's deal from {@code arrival} to {@code year}.
     *
     * @param cseed         seed of the prospect's lasting attributes
     * @param size          company size index, for the deal's scale
     * @param fit           lasting fit of the prospect: hot prospects close sooner and win more
     * @param leaving       whether the prospect is gone from next year's list
     */
    void follow(long cseed, int arrival, int year, int size, double fit, boolean leaving) {
        boolean decided = true;
        for (int k = arrival; k <= year; k++) {
            SplittableRandom r = new SplittableRandom(Seeds.mix64(Seeds.yearSeed(cseed, k) ^ STREAM_SALT));
            LocalDate asOf = LocalDate.of(k, 12, 31);
            if (decided) {
                newDeal(r, asOf, size, fit);
            } else {
                carryOver(r, asOf);
            }
            stage = stageOf(asOf, close);
            outcome = drawOutcome(r, stage, fit, leaving && k == year);
            decided = outcome == WON || outcome == LOST;
        }
    }

    /** The estimated amount in cents, rounded as the owner writes it, within 20 000 – 5 000 000 CNY. */
    long amountCents() {
        long cents = (long) Math.floor(amount * 100.0 + 0.5);
        long unit = ROUNDING[rounding];
        cents = (cents + unit / 2) / unit * unit;
        return Math.max(MIN_CENTS, Math.min(MAX_CENTS, cents));
    }

    private void newDeal(SplittableRandom r, LocalDate asOf, int size, double fit) {
        boolean undated = r.nextDouble() < FRESH_UNDATED;
        int band = pick(r, FRESH_BAND_CUM);
        // hot prospects come a band closer, cold ones a band further
        double shift = 0.25 * fit;
        double v = r.nextDouble();
        if (shift > 0 && v < shift && band > 0) {
            band--;
        } else if (shift < 0 && v < -shift && band < 3) {
            band++;
        }
        close = undated ? null : dateInBand(r, asOf, band);
        amount = DEAL_MEDIAN[size] * StrictMath.exp(0.75 * gauss(r));
        rounding = pick(r, ROUNDING_CUM);
    }

    private void carryOver(SplittableRandom r, LocalDate asOf) {
        double u = r.nextDouble();
        if (close == null) {
            if (u < DATED_LATER) {
                close = dateInBand(r, asOf, pick(r, LATER_BAND_CUM));
            }
        } else if (close.isBefore(asOf)) {
            if (u >= KEEP_STALE) {
                close = dateInMonth(r, asOf, 1 + r.nextInt(6));
            }
        } else if (u >= KEEP_AHEAD) {
            close = close.plusMonths(1 + r.nextInt(6));
        }
        amount *= StrictMath.exp(0.1 * gauss(r));
    }

    /** A date in grade band 0..3 (A..D); A now and then on the as-of date itself. */
    private static LocalDate dateInBand(SplittableRandom r, LocalDate asOf, int band) {
        int m;
        switch (band) {
            case 0:
                m = r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(3);
                break;
            case 1:
                m = 4 + r.nextInt(3);
                break;
            case 2:
                m = 7 + r.nextInt(6);
                break;
            default:
                m = 13 + r.nextInt(9) + (r.nextInt(3) == 0 ? r.nextInt(12) : 0);
                break;
        }
        return m == 0 ? asOf : dateInMonth(r, asOf, m);
    }

    /**
     * A date whose months to close is exactly {@code m} ≥ 1: in {@code (asOf + (m-1) months, asOf + m
     * months]}. Owners like month ends and firsts, so one in five is that window's last day and one in ten
     * its first day; next to a grade edge (m = 3|4, 6|7, 12|13) twice as many, so the edges are exercised.
     */
    private static LocalDate dateInMonth(SplittableRandom r, LocalDate asOf, int m) {
        LocalDate last = asOf.plusMonths(m);
        LocalDate first = asOf.plusMonths(m - 1).plusDays(1);
        int edge = r.nextInt(10);
        int weight = m == 3 || m == 4 || m == 6 || m == 7 || m == 12 || m == 13 ? 2 : 1;
        if (edge < 2 * weight) {
            return last;
        }
        if (edge < 3 * weight) {
            return first;
        }
        int days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        return first.plusDays(r.nextInt(days));
    }

    private static int drawOutcome(SplittableRandom r, int stage, double fit, boolean leaving) {
        double pDecided = leaving ? 0.5 + 0.5 * DECIDED[stage] : DECIDED[stage];
        double pWin = Math.max(0.02, Math.min(0.95, WIN[stage] + 0.06 * fit));
        boolean decided = r.nextDouble() < pDecided;
        boolean won = r.nextDouble() < pWin;
        boolean blank = r.nextDouble() < BLANK_OUTCOME;
        if (decided) {
            return won ? WON : LOST;
        }
        return blank ? BLANK : OPEN;
    }

    /** The stage of a close date at the as-of date, by the spec's months to close. */
    static int stageOf(LocalDate asOf, LocalDate close) {
        if (close == null) {
            return UNDATED;
        }
        if (close.isBefore(asOf)) {
            return OVERDUE;
        }
        int m = monthsToClose(asOf, close);
        return m <= 3 ? A : m <= 6 ? B : m <= 12 ? C : D;
    }

    /** The smallest {@code m ≥ 0} with {@code close ≤ asOf + m months}. */
    static int monthsToClose(LocalDate asOf, LocalDate close) {
        int m = Math.max(0, (close.getYear() - asOf.getYear()) * 12 + close.getMonthValue()
                - asOf.getMonthValue() - 1);
        while (close.isAfter(asOf.plusMonths(m))) {
            m++;
        }
        return m;
    }
}
