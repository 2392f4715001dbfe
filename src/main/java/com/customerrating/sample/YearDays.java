package com.customerrating.sample;

/** Calendar arithmetic on (year, day of year) without objects, for the row loops. */
final class YearDays {
    /** Cumulative days before each month (index 0 = before January, 12 = whole year). */
    static final int[] CUM = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    static final int[] CUM_LEAP = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};

    private YearDays() {
    }

    static boolean isLeap(int y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    static int[] cumulativeDays(int y) {
        return isLeap(y) ? CUM_LEAP : CUM;
    }

    static int daysInMonth(int y, int month) {
        int[] cum = cumulativeDays(y);
        return cum[month] - cum[month - 1];
    }

    /** Month (1..12) of a day of the year (1..365 or 366). */
    static int monthOf(int y, int dayOfYear) {
        int[] cum = cumulativeDays(y);
        int m = 1;
        while (m < 12 && dayOfYear > cum[m]) {
            m++;
        }
        return m;
    }
}
