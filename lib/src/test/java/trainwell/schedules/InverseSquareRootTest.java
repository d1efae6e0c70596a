package trainwell.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vaswani et al. 2017: lrate = d_model^-0.5 * min(step_num^-0.5, step_num * warmup^-1.5), step_num from 1.
 * Our at(k) uses step_num = k + 1, so the paper's step_num 4000 is at(3999).
 */
class InverseSquareRootTest {

    private static final double THREE_DIGITS = 0.005e-4;

    @Test
    void peakForDModel512Warmup4000Is6point99eMinus4AtStepNum4000() {
        InverseSquareRoot s = Schedules.inverseSquareRoot(512, 4000);
        assertEquals(6.99e-4, s.at(3999), THREE_DIGITS);
        assertEquals(Math.pow(512 * 4000.0, -0.5), s.at(3999), 1e-15);
    }

    @Test
    void peakForDModel512Warmup8000Is4point94eMinus4() {
        assertEquals(4.94e-4, Schedules.inverseSquareRoot(512, 8000).at(7999), THREE_DIGITS);
    }

    @Test
    void peakForDModel256Warmup4000Is9point88eMinus4() {
        assertEquals(9.88e-4, Schedules.inverseSquareRoot(256, 4000).at(3999), THREE_DIGITS);
    }

    @Test
    void thePeakIsTheLargestRateAndComesAtWarmupMinusOne() {
        InverseSquareRoot s = Schedules.inverseSquareRoot(512, 4000);
        double[] lr = s.sample(20_000);
        int argmax = 0;
        for (int k = 1; k < lr.length; k++) {
            if (lr[k] > lr[argmax]) {
                argmax = k;
            }
        }
        assertEquals(3999, argmax);
        assertEquals(s.peak(), lr[3999]);
        assertEquals(List.of(3999), s.events(20_000));
    }

    @Test
    void firstStepUsesStepNumOneSoTheRateIsSmallButNotZero() {
        double first = Schedules.inverseSquareRoot(512, 4000).at(0);
        assertEquals(Math.pow(512, -0.5) * Math.pow(4000, -1.5), first, 1e-18);
        assertTrue(first > 0);
    }

    @Test
    void warmupIsLinearInStepNumAndDecayIsInverseSquareRoot() {
        InverseSquareRoot s = Schedules.inverseSquareRoot(512, 4000);
        assertEquals(2.0, s.at(1999) / s.at(999), 1e-12); // step_num 2000 vs 1000
        assertEquals(0.5, s.at(31_999) / s.at(7_999), 1e-12); // step_num 32000 vs 8000: 1/sqrt(4)
    }

    @Test
    void scaledByMultipliesEveryRate() {
        Schedule s = Schedules.inverseSquareRoot(512, 4000).scaledBy(2.0);
        assertEquals(2 * Schedules.inverseSquareRoot(512, 4000).at(123), s.at(123), 1e-18);
        assertEquals("2 x inverse square root, d_model 512, warmup 4000", s.toString());
    }
}
