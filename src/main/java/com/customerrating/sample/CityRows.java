package com.customerrating.sample;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The rows of one city dataset in one snapshot year, one per seat. This class writes the header, runs
 * the seats of a part file, finds each seat's customer and writes the columns every city shares: the id
 * and the {@link Firm}. A subclass draws and writes the rest of the customer's row.
 */
abstract class CityRows {
    final int rows;
    final int year;
    final boolean leapYear;
    final SeatHistory seats;
    final CsvLine line = new CsvLine();
    final Firm firm = new Firm();
    private final Firm.Words words;
    private final List<String> columns;
    private final String idPrefix;
    private final int idWidth;

    CityRows(long seed, long cityCode, String idPrefix, List<String> columns, Firm.Words words, int rows,
            int year) {
        this.columns = columns;
        this.words = words;
        this.rows = rows;
        this.year = year;
        this.leapYear = YearDays.isLeap(year);
        this.seats = new SeatHistory(Seeds.citySalt(seed, cityCode), rows);
        this.idPrefix = idPrefix;
        // wide enough for a century of arrivals on every seat
        this.idWidth = Math.max(6, Long.toString(100L * rows).length());
    }

    final List<String> columns() {
        return columns;
    }

    /**
     * Appends the city's own fields of one customer's row to {@link #line}, after contact_phone and its
     * separator, without the line end.
     *
     * @param seat         the seat the customer holds this year
     * @param arrival      the year the customer took the seat
     * @param customerSeed the seed of the customer's lasting attributes, for the year streams
     * @param lasting      the customer's lasting stream, after the {@link #firm} was drawn from it
     */
    abstract void appendCustomer(int seat, int arrival, long customerSeed, SplittableRandom lasting);

    /** Writes the header and the rows of seats {@code fromSeat} (inclusive) to {@code toSeat} (exclusive). */
    final void writeRows(Writer w, int fromSeat, int toSeat) throws IOException {
        w.write(String.join(",", columns()));
        w.write('\n');
        for (int seat = fromSeat; seat < toSeat; seat++) {
            line.clear();
            int arrival = seats.arrivalYear(seat, year);
            long number = seats.customerNumber(seat, arrival);
            long customerSeed = seats.customerSeed(number);
            SplittableRandom lasting = new SplittableRandom(customerSeed);
            firm.draw(lasting, words);
            line.appendId(idPrefix, idWidth, number);
            line.sep();
            firm.append(line, words);
            line.sep();
            appendCustomer(seat, arrival, customerSeed, lasting);
            line.writeTo(w);
        }
    }

    final void sep() {
        line.sep();
    }
}
