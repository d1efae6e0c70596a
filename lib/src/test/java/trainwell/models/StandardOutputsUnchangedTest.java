package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standard parametrization (muP off, the default) computes what the models computed before the muP option
 * existed: the outputs of four models with fixed, formula-made weights were recorded at commit aea8c8e (main, before
 * muP) in {@code reference/mup/standard_outputs_before_mup.json}. To record them again (only on a commit that
 * predates a deliberate change of the standard forward pass), run this class with
 * {@code -Dtrainwell.recordStandardOutputs=<path of the json>}.
 *
 * <p>Identical up to rounding, not bit for bit: PyTorch picks its matrix-product kernels by the CPU, and the
 * outputs recorded on an AVX2 machine differ in the last bits on an AVX-512 one (0.024040282 against 0.024040278;
 * at most 4.5e-8, 2026-12-02). The tolerance, {@value #TOLERANCE} of the case's largest output (1.8e-6 to 2.6e-6),
 * is 40 times that rounding and about 200 times smaller than what multiplying every weight by 1.001 does (3.8e-4 to
 * 4.6e-4, checked by the second test), so a change of the forward pass still fails the test.
 */
class StandardOutputsUnchangedTest extends WithManager {

    private static final String RESOURCE = "/reference/mup/standard_outputs_before_mup.json";
    /** Relative to the case's largest output. */
    private static final double TOLERANCE = 1e-5;
    private static final int[][] IDS = {{1, 5, 7, 2, 9}, {3, 3, 11, 0, 4}};
    private static final int[][] TARGET_IN = {{2, 4, 6, 8}, {1, 10, 3, 7}};

    /** Every parameter, in name order, gets 0.1 sin(0.37 k + 1.3 i) x scale for its k-th entry (i: its rank by name). */
    private static void fill(TransformerModel model, float scale) {
        int i = 0;
        for (Map.Entry<String, Parameter> e : new java.util.TreeMap<>(model.namedParameters()).entrySet()) {
            float[] v = new float[(int) e.getValue().getArray().size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (0.1 * Math.sin(0.37 * k + 1.3 * i)) * scale;
            }
            e.getValue().getArray().set(v);
            i++;
        }
    }

    /** The four models' outputs by case name. */
    static Map<String, float[]> outputs() {
        return outputs(1f);
    }

    /** The same, with every weight multiplied by {@code scale}. */
    private static Map<String, float[]> outputs(float scale) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            TransformerLM tied = Transformers.languageModel(Tiny.config(), m);
            fill(tied, scale);
            out.put("lm_tied_fused_preln", tied.logits(ps, m.create(IDS), null, false).toFloatArray());
            TransformerLM untied = Transformers.languageModel(Tiny.config().withTiedEmbeddings(false)
                    .withFusedQkv(false).withPositions(Positions.LEARNED).withScaledEmbeddings(false), m);
            fill(untied, scale);
            out.put("lm_untied_separate_learned", untied.logits(ps, m.create(IDS), null, false).toFloatArray());
            Seq2SeqTransformer s2s = Transformers.encoderDecoder(Tiny.config().withLayers(1).withNorm(NormPlacement.POST_LN), m);
            fill(s2s, scale);
            out.put("seq2seq_postln", s2s.logits(ps, m.create(IDS), null, m.create(TARGET_IN), null, false).toFloatArray());
            TransformerClassifier cls = Transformers.classifier(Tiny.config().withEncoderLayers(1), 3, Pooling.MEAN, m);
            fill(cls, scale);
            out.put("classifier_mean", cls.logits(ps, m.create(IDS), null, false).toFloatArray());
        }
        return out;
    }

    @Test
    void standardParametrizationOutputsAreThoseOfBeforeMup() throws IOException {
        Map<String, float[]> now = outputs();
        String record = System.getProperty("trainwell.recordStandardOutputs");
        if (record != null) {
            try (Writer w = Files.newBufferedWriter(Path.of(record), StandardCharsets.UTF_8)) {
                new Gson().toJson(now, w);
            }
        }
        JsonObject before;
        try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
            before = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        assertEquals(before.keySet(), now.keySet());
        for (Map.Entry<String, float[]> e : now.entrySet()) {
            float[] expected = new Gson().fromJson(before.get(e.getKey()), float[].class);
            System.out.printf("%s: largest difference from the recording %.3g; tolerance %.3g%n", e.getKey(),
                    largestDifference(expected, e.getValue()), tolerance(expected));
            assertArrayEquals(expected, e.getValue(), tolerance(expected), e.getKey() + " changed");
        }
    }

    /** The tolerance still sees a small change: every weight larger by a thousandth moves the outputs by far more. */
    @Test
    void theToleranceSeesWeightsOffByAThousandth() {
        Map<String, float[]> exact = outputs();
        Map<String, float[]> nudged = outputs(1.001f);
        for (Map.Entry<String, float[]> e : exact.entrySet()) {
            float[] a = e.getValue();
            double largest = largestDifference(a, nudged.get(e.getKey()));
            assertTrue(largest > 100 * tolerance(a), e.getKey() + ": weights off by 1e-3 moved the outputs by only " + largest
                    + ", against the tolerance " + tolerance(a));
        }
    }

    private static double largestDifference(float[] a, float[] b) {
        double largest = 0;
        for (int k = 0; k < a.length; k++) {
            largest = Math.max(largest, Math.abs(a[k] - b[k]));
        }
        return largest;
    }

    /** {@value #TOLERANCE} of the case's largest output. */
    private static float tolerance(float[] outputs) {
        float largest = 0;
        for (float v : outputs) {
            largest = Math.max(largest, Math.abs(v));
        }
        return (float) (TOLERANCE * largest);
    }
}
