package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The standard parametrization (muP off, the default) computes bit for bit what the models computed before the
 * muP option existed: the outputs of four models with fixed, formula-made weights were recorded at commit aea8c8e
 * (main, before muP) in {@code reference/mup/standard_outputs_before_mup.json}. To record them again (only on a
 * commit that predates a deliberate change of the standard forward pass), run this class with
 * {@code -Dtrainwell.recordStandardOutputs=<path of the json>}.
 */
class StandardOutputsUnchangedTest extends WithManager {

    private static final String RESOURCE = "/reference/mup/standard_outputs_before_mup.json";
    private static final int[][] IDS = {{1, 5, 7, 2, 9}, {3, 3, 11, 0, 4}};
    private static final int[][] TARGET_IN = {{2, 4, 6, 8}, {1, 10, 3, 7}};

    /** Every parameter, in name order, gets 0.1 sin(0.37 k + 1.3 i) for its k-th entry (i: its rank by name). */
    private static void fill(TransformerModel model) {
        int i = 0;
        for (Map.Entry<String, Parameter> e : new java.util.TreeMap<>(model.namedParameters()).entrySet()) {
            float[] v = new float[(int) e.getValue().getArray().size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (0.1 * Math.sin(0.37 * k + 1.3 * i));
            }
            e.getValue().getArray().set(v);
            i++;
        }
    }

    /** The four models' outputs by case name. */
    static Map<String, float[]> outputs() {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            TransformerLM tied = Transformers.languageModel(Tiny.config(), m);
            fill(tied);
            out.put("lm_tied_fused_preln", tied.logits(ps, m.create(IDS), null, false).toFloatArray());
            TransformerLM untied = Transformers.languageModel(Tiny.config().withTiedEmbeddings(false)
                    .withFusedQkv(false).withPositions(Positions.LEARNED).withScaledEmbeddings(false), m);
            fill(untied);
            out.put("lm_untied_separate_learned", untied.logits(ps, m.create(IDS), null, false).toFloatArray());
            Seq2SeqTransformer s2s = Transformers.encoderDecoder(Tiny.config().withLayers(1).withNorm(NormPlacement.POST_LN), m);
            fill(s2s);
            out.put("seq2seq_postln", s2s.logits(ps, m.create(IDS), null, m.create(TARGET_IN), null, false).toFloatArray());
            TransformerClassifier cls = Transformers.classifier(Tiny.config().withEncoderLayers(1), 3, Pooling.MEAN, m);
            fill(cls);
            out.put("classifier_mean", cls.logits(ps, m.create(IDS), null, false).toFloatArray());
        }
        return out;
    }

    @Test
    void standardParametrizationOutputsAreBitIdenticalToBeforeMup() throws IOException {
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
            assertArrayEquals(expected, e.getValue(), 0f, e.getKey() + " changed");
        }
    }
}
