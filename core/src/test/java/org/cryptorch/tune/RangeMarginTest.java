package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;

import org.cryptorch.approx.KnobValues;
import org.junit.jupiter.api.Test;

class RangeMarginTest {
    private static KnobValues offset(int offset) {
        return KnobValues.empty().with("shift", "offset").with("offset", String.valueOf(offset));
    }

    @Test
    void aSoftmaxOffsetNeedsTheMarginAboveTheCalibrationInputs() {
        // offset 1 is documented on [-5, 1]; inputs over [-3, 0.5] widened by 10 % of 3.5 reach 0.85: admitted
        assertThat(RangeMargin.admits("softmax.shifted", offset(1), new double[] {-3, 0.5})).isTrue();
        // inputs up to 0.95 fit the range but not with the margin (1.345): the held-out set would likely leave it
        assertThat(RangeMargin.admits("softmax.shifted", offset(1), new double[] {-3, 0.95})).isFalse();
        assertThat(RangeMargin.admits("softmax.shifted", offset(2), new double[] {-3, 0.95})).isTrue();
        // digits_vit's attention inputs spread over 18 units: no offset's 6-unit range holds them
        assertThat(RangeMargin.admits("softmax.shifted", offset(7), new double[] {-12.7, 5.96})).isFalse();
        // sites the calibration never reached are not judged
        assertThat(RangeMargin.admits("softmax.shifted", offset(1), null)).isTrue();
    }

    @Test
    void aMirroredRangeHoldsInputsOfEitherSignButNotAcrossItsGap() {
        KnobValues signed = KnobValues.empty().with("signed", "1");
        double[] positive = {1, 10};
        double[] negative = {-10, -1};
        double[] acrossZero = {-10, 10};
        assertThat(RangeMargin.admits("reciprocal.goldschmidt", signed, positive)).isTrue();
        assertThat(RangeMargin.admits("reciprocal.goldschmidt", signed, negative)).isTrue();
        assertThat(RangeMargin.admits("reciprocal.goldschmidt", signed, acrossZero)).isFalse();
        assertThat(RangeMargin.admits("reciprocal.goldschmidt", KnobValues.empty(), negative)).isFalse();
    }
}
