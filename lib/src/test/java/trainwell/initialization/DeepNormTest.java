package trainwell.initialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeepNormTest {

    @Test
    void encoderOnlyConstantsFollowTheDeepNetPaper() {
        DeepNorm c = DeepNorm.of(Stack.ENCODER, 6, 0);
        assertEquals(Math.pow(12, 0.25), c.alpha(), 1e-12);
        assertEquals(Math.pow(48, -0.25), c.beta(), 1e-12);
    }

    @Test
    void decoderOnlyConstantsFollowTheDeepNetPaper() {
        DeepNorm c = DeepNorm.of(Stack.DECODER, 0, 12);
        assertEquals(Math.pow(24, 0.25), c.alpha(), 1e-12);
        assertEquals(Math.pow(96, -0.25), c.beta(), 1e-12);
    }

    @Test
    void encoderDecoderConstantsFollowTheDeepNetPaper() {
        DeepNorm enc = DeepNorm.of(Stack.ENCODER, 6, 6);
        DeepNorm dec = DeepNorm.of(Stack.DECODER, 6, 6);
        assertEquals(0.81 * Math.pow(Math.pow(6, 5), 1.0 / 16), enc.alpha(), 1e-12);
        assertEquals(0.87 * Math.pow(Math.pow(6, 5), -1.0 / 16), enc.beta(), 1e-12);
        assertEquals(Math.pow(18, 0.25), dec.alpha(), 1e-12);
        assertEquals(Math.pow(72, -0.25), dec.beta(), 1e-12);
    }

    @Test
    void noLayersIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DeepNorm.of(Stack.ENCODER, 0, 0));
    }
}
