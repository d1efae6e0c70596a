package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import trainwell.data.CharTokenizer;
import trainwell.data.LanguageModelData;
import trainwell.models.TransformerConfig;
import trainwell.results.Calibration;

class CalibrationsTest {

    /** A one-layer language model on a short repeated text, 2 validation batches of windows of 8 (shared with CalibrationAtEndTest). */
    static LanguageModelTask task() {
        String text = "the whale and the sea and the ship ".repeat(20);
        var tok = CharTokenizer.fit(text);
        var data = LanguageModelData.encode(text, tok);
        var config = TransformerConfig.tiny().withDModel(16).withHeads(2).withLayers(1).withFfnWidth(32).withDropout(0);
        return LanguageModelTask.create(config, data.slice(0, 0.5), data.slice(0.5, 1), 8, 2);
    }

    @Test
    void coversEveryValidationPositionAndAgreesWithEvaluate() {
        try (LanguageModelTask t = task()) {
            Calibration c = Calibrations.of("untrained", t, 4);
            assertEquals(2 * 4 * 8, c.size(), "2 batches of 4 windows of 8 tokens");
            assertEquals(Training.evaluate(t, 4).accuracy(), c.accuracy(), 1e-9);
        }
    }

    @Test
    void confidencesAreTopClassProbabilities() {
        try (LanguageModelTask t = task()) {
            Calibration c = Calibrations.of("untrained", t, 4);
            int vocab = t.train().tokenizer().vocabulary().size();
            // A top-class probability is at least 1/V and at most 1.
            assertTrue(Arrays.stream(c.confidence()).allMatch(p -> p >= 1.0 / vocab - 1e-6 && p <= 1), c.toString());
        }
    }
}
