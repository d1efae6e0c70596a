package trainwell.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.data.CharTokenizer;
import trainwell.data.LanguageModelData;
import trainwell.models.TransformerConfig;
import trainwell.optimizers.OptimizerSpec;
import trainwell.training.LanguageModelTask;

/**
 * The coordinate check of Yang et al. 2022 (arXiv 2203.03466) on a 2-layer character language model at widths
 * 32, 64 and 128 with Adam at a large learning rate: the logits after one step grow with width in the standard
 * parametrization and stay within a factor 2 under muP (base width 32). The numbers are printed.
 */
class CoordinateCheckTest {

    private static final String TEXT = "the quick brown fox jumps over the lazy dog; pack my box with five dozen jugs. "
            .repeat(10);
    private static final int[] WIDTHS = {32, 64, 128};
    private static final double LR = 1e-2;

    private static LanguageModelTask task(TransformerConfig c) {
        LanguageModelData data = LanguageModelData.encode(TEXT, CharTokenizer.fit(TEXT));
        return LanguageModelTask.create(c, data, data, 16, 1);
    }

    private static TransformerConfig model() {
        return TransformerConfig.tiny().withDModel(32).withHeads(4).withFfnWidth(128).withDecoderLayers(2)
                .withDropout(0);
    }

    /** mean_abs of {@code layer} at {@code step}, one value per width in WIDTHS order. */
    private static double[] sizes(Table t, String layer, int step) {
        double[] out = new double[WIDTHS.length];
        for (int i = 0; i < WIDTHS.length; i++) {
            Table row = t.where(t.intColumn("width").isEqualTo(WIDTHS[i]).and(t.intColumn("step").isEqualTo(step))
                    .and(t.stringColumn("layer").isEqualTo(layer)));
            assertEquals(1, row.rowCount(), layer + " at width " + WIDTHS[i] + ", step " + step);
            out[i] = row.doubleColumn("mean_abs").get(0);
        }
        return out;
    }

    private static void print(String label, Table t) {
        for (int step = 0; step <= 2; step++) {
            for (String layer : List.of("embedding", "decoder.layer0.attention", "decoder.layer0.ffn",
                    "decoder.layer1.attention", "decoder.layer1.ffn", "logits")) {
                double[] s = sizes(t, layer, step);
                System.out.printf(Locale.ROOT, "%s step %d %-26s widths 32/64/128: %.4f %.4f %.4f (128/32: %.2f)%n",
                        label, step, layer, s[0], s[1], s[2], s[2] / s[0]);
            }
        }
    }

    @Test
    void logitsGrowWithWidthInTheStandardParametrizationAndStayPutUnderMup() {
        Table standard = CoordinateCheck.run(model(), WIDTHS, 2, OptimizerSpec.adam(), LR, CoordinateCheckTest::task);
        Table mup = CoordinateCheck.run(model().withMup(32), WIDTHS, 2, OptimizerSpec.adam(), LR, CoordinateCheckTest::task);
        print("SP ", standard);
        print("muP", mup);
        assertEquals(List.of("width", "step", "layer", "mean_abs"), standard.columnNames());
        double[] sp = sizes(standard, "logits", 1);
        double[] mu = sizes(mup, "logits", 1);
        assertTrue(sp[1] > 1.3 * sp[0] && sp[2] > 1.3 * sp[1], "standard: logits grow with width " + java.util.Arrays.toString(sp));
        double lo = Math.min(mu[0], Math.min(mu[1], mu[2]));
        double hi = Math.max(mu[0], Math.max(mu[1], mu[2]));
        assertTrue(hi <= 2 * lo, "muP: logits within a factor 2 across widths " + java.util.Arrays.toString(mu));
    }

    @Test
    void badInputNamesTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinateCheck.run(model(), new int[] {30}, 1, OptimizerSpec.adam(), LR, CoordinateCheckTest::task));
        assertTrue(e.getMessage().contains("width") && e.getMessage().contains("30"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CoordinateCheck.run(model(), new int[0], 1, OptimizerSpec.adam(), LR, CoordinateCheckTest::task));
        assertTrue(e.getMessage().contains("widths"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CoordinateCheck.run(model(), WIDTHS, 0, OptimizerSpec.adam(), LR, CoordinateCheckTest::task));
        assertTrue(e.getMessage().contains("steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CoordinateCheck.run(model(), WIDTHS, 1, OptimizerSpec.adam(), -1, CoordinateCheckTest::task));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
    }
}
