package trainwell.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import trainwell.models.Seq2SeqTransformer;
import trainwell.models.TransformerConfig;
import trainwell.models.Transformers;
import trainwell.models.WithManager;
import trainwell.plots.ColorMap;

class AttentionMapTest extends WithManager {

    /** Two examples, two heads, two queries, three keys. */
    private static final float[][][][] RECORDED = {
        {{{1, 0, 0}, {0, 1, 0}}, {{0, 0, 1}, {0.5f, 0.5f, 0}}},
        {{{0.2f, 0.3f, 0.5f}, {1, 0, 0}}, {{0, 1, 0}, {0, 0, 1}}},
    };

    @Test
    void picksOneHeadOfOneExample() {
        AttentionMap map = AttentionMap.of(RECORDED, 1, 0);
        assertArrayEquals(new double[] {0.2f, 0.3f, 0.5f}, map.weights()[0], 1e-12);
        assertArrayEquals(new double[] {1, 0, 0}, map.weights()[1], 1e-12);
    }

    @Test
    void averagesTheHeadsOfOneExample() {
        AttentionMap map = AttentionMap.meanOverHeads(RECORDED, 0);
        assertArrayEquals(new double[] {0.5, 0, 0.5}, map.weights()[0], 1e-12);
        assertArrayEquals(new double[] {0.25, 0.75, 0}, map.weights()[1], 1e-12);
    }

    @Test
    void numbersRowsAndColumnsUntilLabelled() {
        AttentionMap map = AttentionMap.of(RECORDED, 0, 0);
        assertEquals(List.of("0", "1"), map.queries());
        assertEquals(List.of("0", "1", "2"), map.keys());
    }

    @Test
    void labellingCutsPaddingAndLaterPositions() {
        AttentionMap map = AttentionMap.of(RECORDED, 1, 0).labelled(List.of("x"), List.of("a", "b"));
        assertEquals(1, map.weights().length);
        assertArrayEquals(new double[] {0.2f, 0.3f}, map.weights()[0], 1e-12);
    }

    @Test
    void blankLabelsBecomeAVisibleSpace() {
        AttentionMap map = AttentionMap.of(RECORDED, 0, 0).labelled(List.of("a", " "), List.of("b", " ", "c"));
        assertEquals(List.of("a", AttentionMap.SPACE), map.queries());
        assertEquals(AttentionMap.SPACE, map.keys().get(1));
    }

    @Test
    void moreLabelsThanRowsAreRejected() {
        AttentionMap map = AttentionMap.of(RECORDED, 0, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> map.labelled(List.of("a", "b", "c"), List.of("k")));
        assertTrue(e.getMessage().contains("queries"), e.getMessage());
    }

    @Test
    void aHeadOutOfRangeIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> AttentionMap.of(RECORDED, 0, 2));
        assertTrue(e.getMessage().contains("head") && e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void strongestKeyOfEachQuery() {
        assertArrayEquals(new int[] {2, 0}, AttentionMap.of(RECORDED, 1, 0).strongestKeys());
    }

    @Test
    void entropyIsZeroForOneKeyAndLnTwoForTwoEqualKeys() {
        double[] h = AttentionMap.of(RECORDED, 0, 1).rowEntropies();
        assertEquals(0, h[0], 1e-12);
        assertEquals(Math.log(2), h[1], 1e-7);
    }

    @Test
    void readsTheWeightsOfOneExampleAndHeadFromAnArray() {
        try (NDManager m = manager.newSubManager()) {
            var w = m.create(new float[] {0.25f, 0.75f, 1, 0}, new Shape(1, 1, 2, 2));
            AttentionMap map = AttentionMap.of(w);
            assertArrayEquals(new double[] {0.25, 0.75}, map.weights()[0], 1e-12);
            assertEquals(1, map.weight(1, 0), 1e-12);
        }
    }

    @Test
    void anArrayWithSeveralHeadsIsRejected() {
        try (NDManager m = manager.newSubManager()) {
            var w = m.zeros(new Shape(2, 2, 2));
            assertThrows(IllegalArgumentException.class, () -> AttentionMap.of(w));
        }
    }

    @Test
    void theWeightsCannotBeChangedFromOutside() {
        AttentionMap map = AttentionMap.of(RECORDED, 0, 0);
        map.weights()[0][0] = 42;
        assertEquals(1, map.weight(0, 0), 1e-12);
    }

    @Test
    void heatmapColoursWeightsOnAFixedZeroToOneScale() {
        // the largest weight is 0.5: on the data's own range it would get the top colour; on [0, 1] the middle one
        AttentionMap half = new AttentionMap(new double[][] {{0.5, 0}}, List.of("q"), List.of("a", "b"));
        BufferedImage img = half.heatmap("attention").image();
        assertTrue(count(img, ColorMap.viridis(0.5)) > 1000, "a cell in the middle colour");
    }

    private static int count(BufferedImage img, java.awt.Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += img.getRGB(x, y) == c.getRGB() ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void recordedCrossAttentionOfATinyModelHasOneRowPerDecoderPosition() {
        TransformerConfig c = TransformerConfig.tiny().withLayers(1).withVocab(8).withMaxLength(8);
        try (NDManager m = manager.newSubManager()) {
            Seq2SeqTransformer model = Transformers.encoderDecoder(c, m);
            model.recordAttention(true);
            model.greedyDecode(m, new int[][] {{4, 5, 6}}, 0, 1, 2, 3);
            float[][][][] cross = model.attentionWeights().get("decoder.layer0.crossAttention");
            AttentionMap map = AttentionMap.meanOverHeads(cross, 0);
            assertEquals(3, map.keys().size());
            for (double[] row : map.weights()) {
                assertEquals(1, java.util.Arrays.stream(row).sum(), 1e-5);
            }
        }
    }
}
