package com.customerrating.sample;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * One CSV line being built, in a reused character buffer: cheaper than a StringBuilder that mixes
 * Latin-1 and CJK text. Numbers, ids, dates and fixed-point decimals are written without going through
 * strings or floating point, so the text is the same on every JVM.
 */
final class CsvLine {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
        100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    private char[] chars = new char[1024];
    private int length;

    void clear() {
        length = 0;
    }

    /** Ends the line with {@code \n} and writes it. */
    void writeTo(Writer w) throws IOException {
        append('\n');
        w.write(chars, 0, length);
    }

    private void ensure(int extra) {
        if (length + extra > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + extra));
        }
    }

    CsvLine append(char ch) {
        ensure(1);
        chars[length++] = ch;
        return this;
    }

    /** Appends text as it is: the caller passes values that need no quoting, or {@link #csv} forms. */
    CsvLine append(String s) {
        int n = s.length();
        ensure(n);
        s.getChars(0, n, chars, length);
        length += n;
        return this;
    }

    CsvLine append(int v) {
        ensure(11);
        if (v < 0) {
            return append((long) v);
        }
        if (v < 10) {
            chars[length++] = (char) ('0' + v);
            return this;
        }
        int end = length + digits(v);
        for (int i = end - 1; i >= length; i--) {
            int q = v / 10;
            chars[i] = (char) ('0' + (v - q * 10));
            v = q;
        }
        length = end;
        return this;
    }

    CsvLine append(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            return append((int) v);
        }
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return append(Long.toString(v));
            }
            chars[length++] = '-';
            v = -v;
        }
        int end = length + digits(v);
        for (int i = end - 1; i >= length; i--) {
            long q = v / 10;
            chars[i] = (char) ('0' + (int) (v - q * 10));
            v = q;
        }
        length = end;
        return this;
    }

    /** The field separator. */
    void sep() {
        append(',');
    }

    /** An id: the prefix and the number, zero padded to {@code width} digits. */
    void appendId(String prefix, int width, long number) {
        append(prefix);
        for (int i = digits(number); i < width; i++) {
            append('0');
        }
        append(number);
    }

    /** An ISO date from a day of the year (1-based). */
    void appendDate(int y, int dayOfYear) {
        int m = YearDays.monthOf(y, dayOfYear);
        appendDate(y, m, dayOfYear - YearDays.cumulativeDays(y)[m - 1]);
    }

    /** An ISO date, {@code yyyy-MM-dd}. */
    void appendDate(int y, int month, int day) {
        append(y).append('-');
        if (month < 10) {
            append('0');
        }
        append(month).append('-');
        if (day < 10) {
            append('0');
        }
        append(day);
    }

    /** A non-negative fixed-point number of {@code scale} decimal places, from its unscaled value. */
    void appendDecimal(long unscaled, int scale) {
        long unit = POW10[scale];
        append(unscaled / unit).append('.');
        long fraction = unscaled % unit;
        for (int d = digits(fraction); d < scale; d++) {
            append('0');
        }
        append(fraction);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    /** Number of decimal digits of a non-negative number. */
    static int digits(long n) {
        int d = 1;
        while (d < POW10.length && n >= POW10[d]) {
            d++;
        }
        return d;
    }

    /** RFC-4180 form of a value: quoted, with doubled quotes, when it holds a comma, quote or line break. */
    static String csv(String v) {
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    static String[] csvAll(String... values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = csv(values[i]);
        }
        return out;
    }
}
