package com.customerrating.sample;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The rows of one city dataset in one snapshot year, one per seat. A subclass draws and writes one row;
 * this class writes the header and runs the seats of a part file.
 */
abstract class CityRows {
    final int rows;
    final int year;
    final boolean leapYear;
    final SeatHistory seats;
    final CsvLine line = new CsvLine();
    private final String idPrefix;
    private final int idWidth;

    CityRows(long seed, long cityCode, String idPrefix, int rows, int year) {
        this.rows = rows;
        this.year = year;
        this.leapYear = YearDays.isLeap(year);
        this.seats = new SeatHistory(Seeds.citySalt(seed, cityCode), rows);
        this.idPrefix = idPrefix;
        // wide enough for a century of arrivals on every seat
        this.idWidth = Math.max(6, Long.toString(100L * rows).length());
    }

    abstract List<String> columns();

    /** Appends the fields of the row of {@code seat} to {@link #line}, without the line end. */
    abstract void appendRow(int seat);

    /** Writes the header and the rows of seats {@code fromSeat} (inclusive) to {@code toSeat} (exclusive). */
    final void writeRows(Writer w, int fromSeat, int toSeat) throws IOException {
        w.write(String.join(",", columns()));
        w.write('\n');
        for (int seat = fromSeat; seat < toSeat; seat++) {
            line.clear();
            appendRow(seat);
            line.writeTo(w);
        }
    }

    final void appendId(long number) {
        line.appendId(idPrefix, idWidth, number);
    }

    final void sep() {
        line.sep();
    }
}
