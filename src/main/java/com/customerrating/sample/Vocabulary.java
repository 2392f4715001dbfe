package com.customerrating.sample;

import static com.customerrating.sample.Draws.cumulative;

/** Values shared by the city datasets; each city's own words live in its generator. */
final class Vocabulary {
    static final String[] SIZES = {"micro", "small", "medium", "large"};
    static final int[] SIZE_CUM = cumulative(30, 36, 24, 10);

    static final String[] CHANNELS = {"phone", "online", "visit", "exhibition", "referral"};
    static final int[] CHANNEL_CUM = cumulative(30, 32, 15, 8, 15);

    private Vocabulary() {
    }
}
