package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trainwell.initialization.InitScheme;
import trainwell.initialization.ParameterNames;

/**
 * Our encoder and decoder layers compute what PyTorch's nn.TransformerEncoderLayer / DecoderLayer compute
 * with the same weights, and with QK-layernorm what the same layers compute with LayerNorms on each head's queries
 * and keys (values from lib/reference/transformer_layers.py). Each test prints its worst absolute error.
 */
class PyTorchLayerReferenceTest extends WithManager {

    /** Absolute, on outputs of order 1 (about 1e-6 relative); both sides compute in float32. */
    private static final float TOLERANCE = 1e-6f;

    private static JsonObject load(String name) throws IOException {
        try (InputStream in = PyTorchLayerReferenceTest.class.getResourceAsStream("/reference/transformer_layers/" + name + ".json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private static float[] floats(JsonArray a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.get(i).getAsFloat();
        }
        return f;
    }

    private static Shape shape(JsonArray a) {
        long[] s = new long[a.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.get(i).getAsLong();
        }
        return new Shape(s);
    }

    private static TransformerConfig config(JsonObject c) {
        return Tiny.config().withDModel(c.get("dModel").getAsInt()).withHeads(c.get("heads").getAsInt())
                .withFfnWidth(c.get("ffnWidth").getAsInt())
                .withNorm(c.get("normFirst").getAsBoolean() ? NormPlacement.PRE_LN : NormPlacement.POST_LN)
                .withActivation(c.get("activation").getAsString().equals("gelu") ? FfnActivation.GELU : FfnActivation.RELU)
                .withQkNorm(c.has("qkNorm") && c.get("qkNorm").getAsBoolean());
    }

    /** Initializes the block and copies PyTorch's weights into it by name. */
    private static void loadWeights(Block block, JsonObject c) {
        InitScheme.gpt2().apply(block, 1, 1);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 1));
        Map<String, Parameter> params = ParameterNames.of(block);
        JsonObject weights = c.getAsJsonObject("params");
        assertEquals(weights.keySet(), params.keySet());
        params.forEach((name, p) -> p.getArray().set(floats(weights.getAsJsonArray(name))));
    }

    private static void assertClose(String name, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs((double) expected[i] - actual[i]));
        }
        System.out.printf(java.util.Locale.ROOT, "%s: worst absolute error vs PyTorch %.3g%n", name, worst);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, name + " element " + i);
        }
    }

    private void checkEncoder(String name) throws IOException {
        JsonObject c = load(name);
        EncoderLayer layer = new EncoderLayer(config(c), 1);
        loadWeights(layer, c);
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(floats(c.getAsJsonArray("x")), shape(c.getAsJsonArray("xShape")));
            NDArray real = m.create(floats(c.getAsJsonArray("real")), new Shape(x.getShape().get(0), x.getShape().get(1)));
            layer.selfAttention().recordWeights(true);
            float[] y = layer.apply(Tiny.store(m), x, Masks.padding(real), false).toFloatArray();
            assertClose(name, floats(c.getAsJsonArray("output")), y);
            if (!c.get("normFirst").getAsBoolean()) {
                float[][][][] w = layer.selfAttention().lastWeights();
                float[] flat = new float[floats(c.getAsJsonArray("selfAttentionWeights")).length];
                int i = 0;
                for (float[][][] b : w) {
                    for (float[][] h : b) {
                        for (float[] q : h) {
                            for (float v : q) {
                                flat[i++] = v;
                            }
                        }
                    }
                }
                assertClose(name + " weights", floats(c.getAsJsonArray("selfAttentionWeights")), flat);
            }
        }
    }

    private void checkDecoder(String name) throws IOException {
        JsonObject c = load(name);
        DecoderLayer layer = new DecoderLayer(config(c), 1);
        loadWeights(layer, c);
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(floats(c.getAsJsonArray("x")), shape(c.getAsJsonArray("xShape")));
            Shape memoryShape = shape(c.getAsJsonArray("memoryShape"));
            NDArray memory = m.create(floats(c.getAsJsonArray("memory")), memoryShape);
            NDArray sourceReal = m.create(floats(c.getAsJsonArray("sourceReal")), new Shape(memoryShape.get(0), memoryShape.get(1)));
            NDArray causal = Masks.causal(m, (int) x.getShape().get(1));
            float[] y = layer.apply(Tiny.store(m), x, causal, memory, Masks.padding(sourceReal), false).toFloatArray();
            assertClose(name, floats(c.getAsJsonArray("output")), y);
        }
    }

    @Test
    void postLnReluEncoderLayerMatchesPyTorch() throws IOException {
        checkEncoder("encoder_post_relu");
    }

    @Test
    void preLnGeluEncoderLayerMatchesPyTorch() throws IOException {
        checkEncoder("encoder_pre_gelu");
    }

    @Test
    void postLnReluDecoderLayerMatchesPyTorch() throws IOException {
        checkDecoder("decoder_post_relu");
    }

    @Test
    void preLnGeluDecoderLayerMatchesPyTorch() throws IOException {
        checkDecoder("decoder_pre_gelu");
    }

    @Test
    void preLnEncoderLayerWithQkNormMatchesPyTorch() throws IOException {
        checkEncoder("encoder_pre_gelu_qknorm");
    }

    @Test
    void preLnDecoderLayerWithQkNormOnSelfAndCrossAttentionMatchesPyTorch() throws IOException {
        checkDecoder("decoder_pre_gelu_qknorm");
    }
}
