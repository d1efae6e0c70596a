package trainwell.precision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossScalerTest {

    @Test
    void backsOffOnAnOverflowAndGrowsAfterTheInterval() {
        LossScaler s = new LossScaler(1024, 2, 0.5, 3);
        assertNull(s.unscaleOrSkip(new double[] {1, Double.POSITIVE_INFINITY}), "a step with an infinity is skipped");
        assertEquals(512, s.scale());
        assertEquals(1, s.skippedSteps());
        assertArrayEquals(new double[] {1, -0.5}, s.unscaleOrSkip(new double[] {512, -256}));
        s.update(false);
        assertEquals(512, s.scale(), "two good steps of three");
        s.update(false);
        assertEquals(1024, s.scale(), "three good steps in a row double it");
        s.update(true);
        s.update(false);
        s.update(false);
        assertEquals(512, s.scale(), "an overflow restarts the count");
    }

    /** The point of it: a gradient of 1e-8 is 0 in float16, but scaled by 2^16 it survives and unscales right. */
    @Test
    void scalingRescuesAGradientThatFloat16WouldFlushToZero() {
        double g = 1e-8;
        assertEquals(0, FloatFormat.FLOAT16.round(g));
        LossScaler s = LossScaler.torchDefaults();
        double stored = FloatFormat.FLOAT16.round(g * s.scale());
        double back = s.unscaleOrSkip(new double[] {stored})[0];
        assertEquals(g, back, g * FloatFormat.FLOAT16.epsilon());
    }

    @Test
    void badSettingsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LossScaler(0, 2, 0.5, 10));
        assertTrue(e.getMessage().startsWith("initialScale"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LossScaler(1, 1, 0.5, 10));
        assertTrue(e.getMessage().startsWith("growthFactor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LossScaler(1, 2, 1, 10));
        assertTrue(e.getMessage().startsWith("backoffFactor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LossScaler(1, 2, 0.5, 0));
        assertTrue(e.getMessage().startsWith("growthInterval"), e.getMessage());
    }
}
