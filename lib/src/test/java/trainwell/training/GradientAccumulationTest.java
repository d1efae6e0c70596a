package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import trainwell.training.GradientAccumulation.Normalization;
import trainwell.training.GradientAccumulation.Result;

class GradientAccumulationTest {

    /** 16 training pairs sorted by target length: the first micro-batches are short, the last long. */
    private static int[] sortedByLength(TranslationTask task, int n) {
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> task.train().pair(i).target().length()).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void perTokenScalingGivesTheLargeBatchsGradient() {
        try (TranslationTask task = TrainingTest.reversal(3)) {
            int[] batch = sortedByLength(task, 16);
            Result large = GradientAccumulation.gradient(task, batch, 1, Normalization.PER_TOKEN);
            for (int k : new int[] {2, 4, 16}) {
                Result acc = GradientAccumulation.gradient(task, batch, k, Normalization.PER_TOKEN);
                double diff = GradientAccumulation.relativeDifference(acc.gradient(), large.gradient());
                assertTrue(diff < 1e-5, k + " micro-batches: relative difference " + diff);
                assertEquals(large.loss(), acc.loss(), 1e-5);
                assertEquals(large.tokensPerMicroBatch()[0], IntStream.of(acc.tokensPerMicroBatch()).sum());
            }
        }
    }

    @Test
    void perMicroBatchMeansBiasTheGradientWhenTokenCountsDiffer() {
        try (TranslationTask task = TrainingTest.reversal(3)) {
            int[] batch = sortedByLength(task, 16);
            Result large = GradientAccumulation.gradient(task, batch, 1, Normalization.PER_TOKEN);
            Result biased = GradientAccumulation.gradient(task, batch, 4, Normalization.PER_MICRO_BATCH);
            int[] tokens = biased.tokensPerMicroBatch();
            assertTrue(tokens[0] < tokens[3], "sorted by length: " + java.util.Arrays.toString(tokens));
            double diff = GradientAccumulation.relativeDifference(biased.gradient(), large.gradient());
            assertTrue(diff > 0.01, "the biased gradient is off by " + diff);
            // a short micro-batch's tokens weigh more than 1, a long one's less
            assertTrue(biased.tokenWeight(0, Normalization.PER_MICRO_BATCH) > 1);
            assertTrue(biased.tokenWeight(3, Normalization.PER_MICRO_BATCH) < 1);
            assertEquals(1, biased.tokenWeight(2, Normalization.PER_TOKEN));
        }
    }

    @Test
    void perMicroBatchMeansAreExactWhenEveryMicroBatchHasTheSameTokens() {
        try (TranslationTask task = TrainingTest.reversal(3)) {
            // pairs whose targets all have the same length
            int len = task.train().pair(0).target().length();
            int[] same = IntStream.range(0, task.train().size()).filter(i -> task.train().pair(i).target().length() == len)
                    .limit(8).toArray();
            Result large = GradientAccumulation.gradient(task, same, 1, Normalization.PER_TOKEN);
            Result acc = GradientAccumulation.gradient(task, same, 4, Normalization.PER_MICRO_BATCH);
            assertTrue(GradientAccumulation.relativeDifference(acc.gradient(), large.gradient()) < 1e-5);
        }
    }

    @Test
    void matricesAreTheFlatGradientsRowsInOrder() {
        try (TranslationTask task = TrainingTest.reversal(3)) {
            Result r = GradientAccumulation.gradient(task, sortedByLength(task, 8), 1, Normalization.PER_TOKEN);
            int at = 0;
            int found = 0;
            for (var e : task.model().namedParameters().entrySet()) {
                var shape = e.getValue().getArray().getShape();
                if (shape.dimension() == 2) {
                    double[][] m = r.matrix(e.getKey());
                    assertEquals(shape.get(0), m.length);
                    assertEquals(r.gradient()[at + (int) shape.get(1) + 1], m[1][1]);
                    found++;
                }
                at += (int) shape.size();
            }
            assertTrue(found > 4, "2-D parameters: " + found);
            var e = assertThrows(IllegalArgumentException.class, () -> r.matrix("nope"));
            assertTrue(e.getMessage().startsWith("name"), e.getMessage());
        }
    }

    @Test
    void splitsIntoNearlyEqualContiguousParts() {
        int[][] parts = GradientAccumulation.split(new int[] {5, 6, 7, 8, 9}, 2);
        assertArrayEquals(new int[] {5, 6, 7}, parts[0]);
        assertArrayEquals(new int[] {8, 9}, parts[1]);
    }

    @Test
    void badArgumentsAreNamed() {
        try (TranslationTask task = TrainingTest.reversal(3)) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> GradientAccumulation.gradient(task, new int[] {0, 1}, 3, Normalization.PER_TOKEN));
            assertTrue(e.getMessage().contains("microBatches"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> GradientAccumulation.relativeDifference(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("a"), e.getMessage());
    }
}
