package com.customerrating.sample;

/**
 * Seeds of the random streams, derived by hashing so that every stream depends only on what it describes:
 * the run's seed and the city, then one customer, then one year of that customer. No stream depends on
 * which rows, years or part files are written, so output is the same however a run is split.
 */
final class Seeds {
    static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private Seeds() {
    }

    /** Stafford's mix13, the finalizer of SplittableRandom. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The salt of one city under one run seed; {@code cityCode} is fixed per dataset. */
    static long citySalt(long seed, long cityCode) {
        return mix64(seed ^ mix64(cityCode * GOLDEN));
    }

    /** Seed of a customer's lasting attributes. */
    static long customerSeed(long citySalt, long customerNumber) {
        return mix64(citySalt ^ mix64(customerNumber * GOLDEN + 0x2545f4914f6cdd1dL));
    }

    /** Seed of one year's figures of a customer. */
    static long yearSeed(long customerSeed, int year) {
        return mix64(customerSeed + (long) year * 0x9e3779b97f4a7c15L + 0x7f4a7c159e3779b9L);
    }
}
