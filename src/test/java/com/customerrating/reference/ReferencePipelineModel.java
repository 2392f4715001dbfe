package com.customerrating.reference;

import java.time.LocalDate;

/**
 * Test oracle for model 3 (sales-pipeline grading, Suzhou, seed 003), written straight from the
 * rating-models spec. The spec's constants are written here on purpose: this class shares no
 * configuration or code with the production engine, so that it can check it. Months are counted by
 * stepping {@link LocalDate#plusMonths} from the as-of date, as the spec defines them.
 */
public final class ReferencePipelineModel {

    /** One rated prospect. Null months and points where the spec says null. */
    public record Result(Integer monthsToClose, boolean overdue, String grade, String followUpOwner,
            String cadence, LocalDate nextFollowUpDate, Integer pointsToNextTier) {
    }

    private ReferencePipelineModel() {
    }

    /** The smallest m ≥ 0 with e ≤ plusMonths(T, m); null without e. */
    public static Integer monthsToClose(LocalDate asOf, LocalDate expected) {
        if (expected == null) {
            return null;
        }
        int m = 0;
        while (expected.isAfter(asOf.plusMonths(m))) {
            m++;
        }
        return m;
    }

    public static Result rate(LocalDate asOf, LocalDate expected) {
        Integer m = monthsToClose(asOf, expected);
        boolean overdue = expected != null && expected.isBefore(asOf);
        String grade;
        Integer points;
        if (m == null) {
            grade = "D";
            points = null;
        } else if (m <= 3) {
            grade = "A";
            points = null;
        } else if (m <= 6) {
            grade = "B";
            points = m - 3;
        } else if (m <= 12) {
            grade = "C";
            points = m - 6;
        } else {
            grade = "D";
            points = m - 12;
        }
        String owner;
        String cadence;
        LocalDate next;
        switch (grade) {
            case "A" -> {
                owner = "account_manager";
                cadence = "weekly";
                next = asOf.plusDays(7);
            }
            case "B" -> {
                owner = "senior_sales";
                cadence = "monthly";
                next = asOf.plusMonths(1);
            }
            case "C" -> {
                owner = "sales";
                cadence = "quarterly";
                next = asOf.plusMonths(3);
            }
            default -> {
                owner = "sales";
                cadence = "yearly";
                next = asOf.plusYears(1);
            }
        }
        return new Result(m, overdue, grade, owner, cadence, next, points);
    }
}
