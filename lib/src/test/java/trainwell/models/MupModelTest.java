package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trainwell.initialization.Init;
import trainwell.initialization.InitScheme;
import trainwell.initialization.ParameterRole;

/**
 * The muP option of {@link TransformerConfig#withMup(int)}: the forward pass against PyTorch (lib/reference/mup.py,
 * after microsoft/mup), equality with the standard parametrization at the base width, the zero-initialized query and
 * output weights, the narrowed hidden matrices, and the errors for bad input.
 */
class MupModelTest extends WithManager {

    /** Absolute, on logits below 1; both sides compute in float32. */
    private static final float TOLERANCE = 2e-6f;

    private static JsonObject load(String name) throws IOException {
        try (InputStream in = MupModelTest.class.getResourceAsStream("/reference/mup/" + name + ".json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private static float[] floats(com.google.gson.JsonArray a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.get(i).getAsFloat();
        }
        return f;
    }

    private static double worst(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs((double) expected[i] - actual[i]));
        }
        return worst;
    }

    private void checkAgainstPyTorch(String name) throws IOException {
        JsonObject c = load(name);
        TransformerConfig config = TransformerConfig.tiny().withDropout(0).withVocab(c.get("vocab").getAsInt())
                .withMaxLength(c.get("maxLength").getAsInt()).withDModel(c.get("dModel").getAsInt())
                .withHeads(c.get("heads").getAsInt()).withFfnWidth(c.get("ffnWidth").getAsInt())
                .withDecoderLayers(c.get("layers").getAsInt()).withTiedEmbeddings(c.get("tied").getAsBoolean())
                .withPositions(c.get("learnedPositions").getAsBoolean() ? Positions.LEARNED : Positions.SINUSOIDAL)
                .withFusedQkv(c.get("fusedQkv").getAsBoolean()).withMup(c.get("mupBaseDModel").getAsInt());
        try (NDManager m = manager.newSubManager()) {
            TransformerLM lm = Transformers.languageModel(config, m);
            Map<String, Parameter> params = lm.namedParameters();
            JsonObject weights = c.getAsJsonObject("params");
            assertEquals(weights.keySet(), params.keySet());
            params.forEach((n, p) -> p.getArray().set(floats(weights.getAsJsonArray(n))));
            int[][] ids = new com.google.gson.Gson().fromJson(c.get("ids"), int[][].class);
            float[] logits = lm.logits(Tiny.store(m), m.create(ids), null, false).toFloatArray();
            double w = worst(floats(c.getAsJsonArray("logits")), logits);
            System.out.printf(Locale.ROOT, "muP %s: worst absolute error vs PyTorch %.3g%n", name, w);
            assertTrue(w <= TOLERANCE, name + ": worst error " + w);
        }
    }

    @Test
    void tiedFusedMupLanguageModelMatchesPyTorch() throws IOException {
        checkAgainstPyTorch("lm_tied_fused");
    }

    @Test
    void untiedSeparateMupLanguageModelMatchesPyTorch() throws IOException {
        checkAgainstPyTorch("lm_untied_separate");
    }

    @Test
    void offByDefaultWithWidthMultiplierOne() {
        TransformerConfig c = TransformerConfig.tiny();
        assertEquals(0, c.mupBaseDModel());
        assertEquals(false, c.mup());
        assertEquals(1.0, c.widthMult());
        assertEquals(1 / Math.sqrt(16), c.attentionScale());
        assertEquals(Math.sqrt(64), c.embeddingScale());
        assertEquals(c, c.withMup(32).withMup(0));
    }

    @Test
    void scalesFollowTheWidthMultiplier() {
        TransformerConfig c = TransformerConfig.tiny().withDModel(256).withMup(64); // 4 heads: d_h 64, base d_h 16
        assertEquals(4.0, c.widthMult());
        assertEquals(0.25, c.outputMultiplier());
        assertEquals(4.0 / 64, c.attentionScale(), 1e-15); // sqrt(16) / 64
        assertEquals(8.0, c.embeddingScale()); // sqrt(64), not sqrt(256)
        TransformerConfig base = c.withDModel(64);
        assertEquals(1 / Math.sqrt(16), base.attentionScale(), 1e-15);
        assertEquals(1.0, base.outputMultiplier());
    }

    @Test
    void atTheBaseWidthTheForwardPassIsTheStandardOneExceptTheZeroInitializedParts() {
        for (TransformerConfig sp : new TransformerConfig[] {Tiny.config(),
                Tiny.config().withTiedEmbeddings(false).withFusedQkv(false)}) {
            try (NDManager m = manager.newSubManager()) {
                TransformerLM standard = Transformers.languageModel(sp, m);
                TransformerLM mup = Transformers.languageModel(sp.withMup(sp.dModel()), m);
                Map<String, Parameter> mine = mup.namedParameters();
                standard.namedParameters().forEach((n, p) -> mine.get(n).getArray().set(p.getArray().toFloatArray()));
                int[][] ids = {{1, 5, 7, 2, 9}, {3, 3, 11, 0, 4}};
                float[] expected = standard.logits(Tiny.store(m), m.create(ids), null, false).toFloatArray();
                float[] actual = mup.logits(Tiny.store(m), m.create(ids), null, false).toFloatArray();
                double w = worst(expected, actual);
                System.out.printf(Locale.ROOT, "muP at base width vs standard: worst absolute difference %.3g%n", w);
                assertTrue(w <= 1e-6, "worst difference " + w);
            }
        }
    }

    private static float[] values(Map<String, Parameter> params, String name) {
        return params.get(name).getArray().toFloatArray();
    }

    private static double std(float[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) v[i] * v[i];
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void queriesAndTheUntiedOutputLayerStartAtZero() {
        try (NDManager m = manager.newSubManager()) {
            TransformerConfig c = Tiny.config().withDModel(64).withMup(32);
            TransformerLM tied = Transformers.languageModel(c, m);
            float[] qkv = values(tied.namedParameters(), "decoder.layer0.selfAttention.qkv.weight");
            int third = qkv.length / 3;
            assertEquals(0.0, std(qkv, 0, third), "the query third of the fused QKV");
            assertTrue(std(qkv, third, qkv.length) > 0, "keys and values are drawn");
            assertTrue(std(values(tied.namedParameters(), "embedding.token.weight"), 0, 12 * 64) > 0.01,
                    "the tied output layer keeps the embedding's initialization (MuSharedReadout)");
            TransformerLM untied = Transformers.languageModel(c.withTiedEmbeddings(false).withFusedQkv(false), m);
            Map<String, Parameter> p = untied.namedParameters();
            assertEquals(0.0, std(values(p, "head.weight"), 0, 12 * 64));
            assertEquals(0.0, std(values(p, "decoder.layer1.selfAttention.query.weight"), 0, 64 * 64));
            assertTrue(std(values(p, "decoder.layer1.selfAttention.key.weight"), 0, 64 * 64) > 0);
            // The same model in the standard parametrization draws them.
            TransformerLM standard = Transformers.languageModel(c.withMup(0).withTiedEmbeddings(false), m);
            assertNotEquals(0.0, std(values(standard.namedParameters(), "head.weight"), 0, 12 * 64));
        }
    }

    @Test
    void hiddenMatricesOfAFixedSpreadSchemeNarrowLikeOneOverSqrtWidth() {
        InitScheme gpt2 = InitScheme.gpt2();
        InitScheme mup = gpt2.forMup(4);
        String ffnIn = "decoder.layer0.ffn.in.weight";
        assertEquals(Init.normal(0.01), mup.initFor(ffnIn, 0, 2));
        assertEquals(gpt2.initFor("embedding.token.weight", 0, 2), mup.initFor("embedding.token.weight", 0, 2));
        assertEquals(gpt2.initFor("decoder.layer0.ffn.in.bias", 0, 2), mup.initFor("decoder.layer0.ffn.in.bias", 0, 2));
        // Fan-scaled schemes already shrink with width: kept.
        InitScheme xavier = InitScheme.xavierNormal();
        assertEquals(xavier.initFor(ffnIn, 0, 2), xavier.forMup(4).initFor(ffnIn, 0, 2));
        assertEquals(Init.zeros(), xavier.forMup(4).rule().initFor(ParameterRole.QUERY, null));
        // At widthMult 1 only queries and the output layer change.
        assertEquals(gpt2.initFor(ffnIn, 0, 2), gpt2.forMup(1).initFor(ffnIn, 0, 2));
        try (NDManager m = manager.newSubManager()) {
            TransformerLM lm = Transformers.languageModel(Tiny.config().withDModel(128).withFfnWidth(256).withMup(32), m);
            double s = std(values(lm.namedParameters(), ffnIn), 0, 256 * 128);
            assertEquals(0.01, s, 0.0005, "gpt2's 0.02 / sqrt(4)");
        }
    }

    @Test
    void badInputNamesTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransformerConfig.tiny().withMup(-8));
        assertTrue(e.getMessage().contains("mupBaseDModel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransformerConfig.tiny().withMup(30).check());
        assertTrue(e.getMessage().contains("mupBaseDModel") && e.getMessage().contains("30"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InitScheme.gpt2().forMup(0));
        assertTrue(e.getMessage().contains("widthMult"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(8, 2, 0, true, true, false, -1));
        assertTrue(e.getMessage().contains("logitScale"), e.getMessage());
        try (NDManager m = manager.newSubManager()) {
            NDArray q = m.ones(new ai.djl.ndarray.types.Shape(1, 2, 4));
            e = assertThrows(IllegalArgumentException.class, () -> Attention.weights(q, q, null, 0));
            assertTrue(e.getMessage().contains("scale"), e.getMessage());
        }
    }
}
