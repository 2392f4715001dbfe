package com.customerrating.reference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Test oracle for model 1 (consultation conversion, Hangzhou), written straight from
 * the rating-models spec. The spec's constants are written here on purpose: this class
 * must not share configuration or code with the production scoring, so that it can
 * check it. Only BigDecimal and integer arithmetic, never double/float.
 */
public final class ReferenceConversionModel {

    public static final BigDecimal W_INTENTION = new BigDecimal("0.4");
    public static final BigDecimal W_DEMAND_CLARITY = new BigDecimal("0.3");
    public static final BigDecimal W_SATISFACTION = new BigDecimal("0.3");

    public static final BigDecimal GRADE_A_MIN = new BigDecimal("4.0");
    public static final BigDecimal GRADE_B_MIN = new BigDecimal("3.0");
    public static final BigDecimal GRADE_C_MIN = new BigDecimal("2.0");

    /** One input row of model 1. */
    public record Input(int intention, int demandClarity, int satisfaction, LocalDate consultDate) {
    }

    /** One rated row of model 1. {@code pointsToNextTier} is null for grade A. */
    public record Result(
            BigDecimal composite,
            String grade,
            String followUpOwner,
            String cadence,
            LocalDate nextFollowUpDate,
            BigDecimal pointsToNextTier) {
    }

    private ReferenceConversionModel() {
    }

    public static Result rate(Input input) {
        Objects.requireNonNull(input, "input");
        return rate(input.intention(), input.demandClarity(), input.satisfaction(), input.consultDate());
    }

    /**
     * Rates one row.
     *
     * @throws IllegalArgumentException if a score is outside 1..5 (never clamped) or the date is null
     */
    public static Result rate(int intention, int demandClarity, int satisfaction, LocalDate consultDate) {
        requireScore("intention_score", intention);
        requireScore("demand_clarity_score", demandClarity);
        requireScore("satisfaction_score", satisfaction);
        if (consultDate == null) {
            throw new IllegalArgumentException("consult_date is null");
        }
        BigDecimal composite = composite(intention, demandClarity, satisfaction);

        String grade;
        String owner;
        String cadence;
        LocalDate next;
        BigDecimal toNext;
        if (composite.compareTo(GRADE_A_MIN) >= 0) {
            grade = "A";
            owner = "account_manager";
            cadence = "weekly";
            next = consultDate.plusWeeks(1);
            toNext = null;
        } else if (composite.compareTo(GRADE_B_MIN) >= 0) {
            grade = "B";
            owner = "senior_sales";
            cadence = "monthly";
            next = consultDate.plusMonths(1);
            toNext = GRADE_A_MIN.subtract(composite);
        } else if (composite.compareTo(GRADE_C_MIN) >= 0) {
            grade = "C";
            owner = "sales";
            cadence = "quarterly";
            next = consultDate.plusMonths(3);
            toNext = GRADE_B_MIN.subtract(composite);
        } else {
            grade = "D";
            owner = "sales";
            cadence = "yearly";
            next = consultDate.plusYears(1);
            toNext = GRADE_C_MIN.subtract(composite);
        }
        return new Result(composite, grade, owner, cadence, next, toNext);
    }

    /** {@code 0.4*intention + 0.3*demand_clarity + 0.3*satisfaction}, exact. */
    public static BigDecimal composite(int intention, int demandClarity, int satisfaction) {
        return W_INTENTION.multiply(BigDecimal.valueOf(intention))
                .add(W_DEMAND_CLARITY.multiply(BigDecimal.valueOf(demandClarity)))
                .add(W_SATISFACTION.multiply(BigDecimal.valueOf(satisfaction)));
    }

    private static void requireScore(String column, int value) {
        if (value < 1 || value > 5) {
            throw new IllegalArgumentException(column + " must be an integer from 1 to 5, got " + value);
        }
    }
}
