package org.cryptorch.approx;

/** {@code sqrt(x) = x rsqrt(x)} with a nested rsqrt (CrypTen's and SPU's construction): one more product. */
final class SqrtByRsqrt extends XTimesNested {
    SqrtByRsqrt() {
        super("sqrt.rsqrt", "Sqrt", "x * rsqrt(x) with a nested rsqrt",
            Knob.approximation("rsqrt", "the inverse square root", "Rsqrt", "rsqrt.normalized"));
    }
}
