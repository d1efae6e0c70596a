package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import trainwell.results.Calibration;

class CalibrationAtEndTest {

    private static final TrainingConfig SHORT = TrainingConfig.defaults().withSteps(20).withBatchSize(4)
            .withConstantLr(1e-2).withEvalEvery(20).withProgress(false).withSeed(3);

    @Test
    void measuresTheTrainedModelAsCalibrationsOfDoesAfterTheRun() {
        try (LanguageModelTask t = CalibrationsTest.task()) {
            Calibration before = Calibrations.of("untrained", t, 4);
            var atEnd = CalibrationAtEnd.withBatchSize(4);
            Training.run("short run", SHORT, t, atEnd);
            Calibration after = Calibrations.of("short run", t, 4);
            assertEquals("short run", atEnd.calibration().name());
            assertArrayEquals(after.confidence(), atEnd.calibration().confidence(), 0);
            assertArrayEquals(after.correct(), atEnd.calibration().correct());
            // It saw the trained weights, not the initial ones: 20 steps on this text raise the top-class confidence.
            assertTrue(atEnd.calibration().meanConfidence() > before.meanConfidence(),
                    before.meanConfidence() + " -> " + atEnd.calibration().meanConfidence());
        }
    }

    @Test
    void worksWhenTheLoopBuildsAndClosesTheTask() {
        var atEnd = CalibrationAtEnd.withBatchSize(4);
        Training.run("built by the loop", SHORT, seed -> CalibrationsTest.task(), atEnd);
        assertEquals(2 * 4 * 8, atEnd.calibration().size(), "2 validation batches of 4 windows of 8 tokens");
    }

    @Test
    void refusesBadInputAndEarlyQuestions() {
        var e = assertThrows(IllegalArgumentException.class, () -> CalibrationAtEnd.withBatchSize(0));
        assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("0"), e.getMessage());
        var s = assertThrows(IllegalStateException.class, () -> CalibrationAtEnd.withBatchSize(4).calibration());
        assertTrue(s.getMessage().contains("not ended"), s.getMessage());
    }
}
