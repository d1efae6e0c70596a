package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import trainwell.initialization.DeepNorm;
import trainwell.initialization.Init;
import trainwell.initialization.InitScheme;
import trainwell.initialization.Stack;

class ModelInitializationTest extends WithManager {

    private static final int D = 128;

    @BeforeAll
    static void open() {
        Engine.getInstance().setRandomSeed(17);
    }

    private static TransformerConfig wide(InitScheme init) {
        return Tiny.config().withDModel(D).withHeads(4).withFfnWidth(4 * D).withLayers(4).withInit(init);
    }

    private static double std(NDArray x) {
        double[] v = toDouble(x.toFloatArray());
        double mean = 0;
        for (double d : v) {
            mean += d / v.length;
        }
        double sq = 0;
        for (double d : v) {
            sq += (d - mean) * (d - mean);
        }
        return Math.sqrt(sq / v.length);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void assertStd(double expected, NDArray x) {
        double actual = std(x);
        assertEquals(expected, actual, 0.05 * expected, "std " + actual + " vs " + expected);
    }

    @Test
    void gpt2ScalesResidualProjectionsByOneOverSqrtTwoLayers() {
        try (NDManager owner = manager.newSubManager()) {
            Map<String, Parameter> p = Transformers.languageModel(wide(InitScheme.gpt2()), owner).namedParameters();
            double scaled = 0.02 / Math.sqrt(2 * 4);
            assertStd(scaled, p.get("decoder.layer2.selfAttention.outProj.weight").getArray());
            assertStd(scaled, p.get("decoder.layer0.ffn.out.weight").getArray());
            assertStd(0.02, p.get("decoder.layer1.selfAttention.qkv.weight").getArray());
            assertStd(0.02, p.get("decoder.layer3.ffn.in.weight").getArray());
        }
    }

    @Test
    void biasesStartAtZeroAndLayerNormGainsAtOne() {
        try (NDManager owner = manager.newSubManager()) {
            Map<String, Parameter> p = Transformers.languageModel(wide(InitScheme.gpt2()), owner).namedParameters();
            assertEquals(0f, p.get("decoder.layer0.ffn.in.bias").getArray().abs().max().getFloat());
            assertEquals(0f, p.get("decoder.layer0.ffnNorm.beta").getArray().abs().max().getFloat());
            assertEquals(1f, p.get("decoder.layer0.ffnNorm.gamma").getArray().min().getFloat());
        }
    }

    @Test
    void xavierUniformUsesEachMatrixsFans() {
        try (NDManager owner = manager.newSubManager()) {
            Map<String, Parameter> p = Transformers.languageModel(wide(InitScheme.xavierUniform()), owner).namedParameters();
            assertStd(Math.sqrt(2.0 / (D + 4 * D)), p.get("decoder.layer0.ffn.in.weight").getArray());
            // The fused QKV (3D, D) is three (D, D) blocks.
            assertStd(Math.sqrt(2.0 / (2 * D)), p.get("decoder.layer0.selfAttention.qkv.weight").getArray());
        }
    }

    @Test
    void deepNormScalesValuesButNotQueries() {
        try (NDManager owner = manager.newSubManager()) {
            TransformerConfig c = wide(InitScheme.deepNorm()).withNorm(NormPlacement.DEEP_NORM);
            Map<String, Parameter> p = Transformers.encoderDecoder(c, owner).namedParameters();
            double beta = DeepNorm.of(Stack.DECODER, 4, 4).beta();
            NDArray qkv = p.get("decoder.layer1.selfAttention.qkv.weight").getArray();
            assertStd(Math.sqrt(2.0 / (2 * D)), qkv.get("0:" + D));
            assertStd(beta * Math.sqrt(2.0 / (2 * D)), qkv.get((2 * D) + ":"));
            double encoderBeta = DeepNorm.of(Stack.ENCODER, 4, 4).beta();
            assertStd(encoderBeta * Math.sqrt(2.0 / (5 * D)), p.get("encoder.layer0.ffn.in.weight").getArray());
        }
    }

    @Test
    void applyingASchemeToAnInitializedModelRedrawsEveryParameter() {
        try (NDManager owner = manager.newSubManager()) {
            TransformerLM model = Transformers.languageModel(wide(InitScheme.gpt2()), owner);
            InitScheme.normal(0.5).apply(model, model.encoderDepth(), model.decoderDepth());
            assertStd(0.5, model.namedParameters().get("decoder.layer0.ffn.out.weight").getArray());
        }
    }

    @Test
    void reinitializeRedrawsFromTheConfiguredScheme() {
        try (NDManager owner = manager.newSubManager()) {
            TransformerLM model = Transformers.languageModel(wide(InitScheme.gpt2()), owner);
            InitScheme.normal(0.5).apply(model, 0, 4);
            model.reinitialize();
            assertStd(0.02 / Math.sqrt(8), model.namedParameters().get("decoder.layer0.ffn.out.weight").getArray());
        }
    }

    @Test
    void planGivesFusedProjectionsAStackedInit() {
        TransformerLM model = Transformers.languageModel(wide(InitScheme.gpt2()));
        Map<String, Init> plan = InitScheme.gpt2().plan(model, 0, 4);
        assertEquals(model.namedParameters().size(), plan.size());
        assertInstanceOf(Init.Stacked.class, plan.get("decoder.layer0.selfAttention.qkv.weight"));
    }

    @Test
    void withReplacesOneRole() {
        InitScheme s = InitScheme.gpt2().with(trainwell.initialization.ParameterRole.EMBEDDING, Init.normal(1));
        assertEquals(Init.normal(1), s.initFor("embedding.token.weight", 0, 2));
        assertEquals(Init.normal(0.02), s.initFor("decoder.layer0.ffn.in.weight", 0, 2));
    }
}
