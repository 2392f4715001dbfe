package com.customerrating.sample;

import java.util.SplittableRandom;

/** Distributions drawn from a {@link SplittableRandom}, in strict, platform-independent arithmetic. */
final class Draws {
    private Draws() {
    }

    /** Approximately standard normal (Irwin-Hall of four uniforms), bounded to about ±3.5. */
    static double gauss(SplittableRandom r) {
        double s = r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble();
        return (s - 2.0) * 1.7320508075688772;
    }

    /** Picks an index by cumulative integer weights. */
    static int pick(SplittableRandom r, int[] cum) {
        int u = r.nextInt(cum[cum.length - 1]);
        int i = 0;
        while (u >= cum[i]) {
            i++;
        }
        return i;
    }

    /** Cumulative sums of integer weights, for {@link #pick}. */
    static int[] cumulative(int... weights) {
        int[] cum = new int[weights.length];
        int s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            cum[i] = s;
        }
        return cum;
    }
}
