package com.customerrating.sample;

import static com.customerrating.sample.Seeds.GOLDEN;
import static com.customerrating.sample.Seeds.mix64;

/**
 * Which customer holds each seat of a city in each year.
 *
 * <p>A city has a fixed number of <em>seats</em> (the row count of one year). A seat keeps its customer
 * from one year to the next, except that each year, independently per seat, with probability
 * {@value #RENEWAL_RATE} the customer leaves and a new customer takes the seat. A customer is identified
 * by the seat and the year it arrived, so the occupant of any seat in any year is found by looking back
 * for the latest renewal, without any state: memory is constant whatever the row count, and the content
 * of a year does not depend on which other years are generated. Customer numbers are
 * {@code (arrival_year - 2000) * rows + seat + 1}, so newer customers have higher numbers.
 */
final class SeatHistory {
    /** First and last snapshot year the model supports. */
    static final int EPOCH_YEAR = 2000;
    static final int LAST_YEAR = 2099;
    /** Yearly probability that a seat's customer leaves and a new one arrives. */
    static final double RENEWAL_RATE = 0.18;

    private final int rows;
    private final long citySalt;

    SeatHistory(long citySalt, int rows) {
        this.citySalt = citySalt;
        this.rows = rows;
    }

    /** Whether the customer on {@code seat} leaves before {@code y} and a new one takes the seat. */
    boolean renews(int seat, int y) {
        long h = mix64(citySalt + mix64(seat * GOLDEN + 0x632be59bd9b4e019L) + y * 0xd1b54a32d192ed03L);
        return (h >>> 11) * 0x1.0p-53 < RENEWAL_RATE;
    }

    /** Arrival year of the customer holding {@code seat} in {@code y}. */
    int arrivalYear(int seat, int y) {
        for (int k = y; k > EPOCH_YEAR; k--) {
            if (renews(seat, k)) {
                return k;
            }
        }
        return EPOCH_YEAR;
    }

    long customerNumber(int seat, int arrival) {
        return (long) (arrival - EPOCH_YEAR) * rows + seat + 1;
    }

    /** Seed of the lasting attributes of a customer. */
    long customerSeed(long customerNumber) {
        return Seeds.customerSeed(citySalt, customerNumber);
    }
}
