package trainwell.optimizers.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import trainwell.models.Positions;
import trainwell.models.TransformerConfig;
import trainwell.models.TransformerLM;
import trainwell.models.Transformers;
import trainwell.models.WithManager;
import trainwell.optimizers.Matrices;
import trainwell.optimizers.MuonScaling;
import trainwell.optimizers.OptimizerSpec;

/**
 * The DJL Muon: steps against a torch script written from the reference's formulas (lib/reference/muon.py,
 * float32, 15 steps, changing LR, hidden matrices 6x4 and 4x6 on Muon, a bias and an embedding on AdamW),
 * which parameters of a Transformer it takes, the spectrum of its update, its state and its errors.
 */
class MuonOptimizerTest extends WithManager {

    /* Normwise relative error per tensor, as in OptimizerReferenceTest (measured: below 2e-7). */
    static final double TOLERANCE = 1e-6;
    /** A block that only holds named parameters of given shapes, as a model's layers would. */
    static final class NamedParameters extends AbstractBlock {
        NamedParameters(Iterable<String> names) {
            names.forEach(name -> addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build()));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            throw new UnsupportedOperationException("holds parameters only");
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    static NamedParameters block(NDManager m, Map<String, Shape> shapes) {
        NamedParameters block = new NamedParameters(shapes.keySet());
        block.getParameters().forEach(p -> p.getValue().setArray(m.zeros(shapes.get(p.getKey()))));
        return block;
    }

    static OptimizerSpec.Muon specOf(JsonObject c) {
        double[] betas = ReferenceJson.doubles(c.get("adamBetas"));
        return OptimizerSpec.muon(c.get("weightDecay").getAsDouble())
                .withMomentum(c.get("momentum").getAsDouble())
                .withNesterov(c.get("nesterov").getAsBoolean())
                .withNsSteps(c.get("nsSteps").getAsInt())
                .withScaling(c.get("scaling").getAsString().equals("reference") ? MuonScaling.REFERENCE : MuonScaling.MOONLIGHT)
                .withAdam(OptimizerSpec.adamW(c.get("adamWeightDecay").getAsDouble()).withBetas(betas[0], betas[1]));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"muon_moonlight", "muon_reference"})
    void matchesTheTorchReferenceStepByStep(String name) {
        JsonObject c = ReferenceJson.objects(ReferenceJson.load("muon.json").get("cases")).stream()
                .filter(o -> o.get("name").getAsString().equals(name)).findFirst().orElseThrow();
        try (NDManager m = manager.newSubManager()) {
            Map<String, Shape> shapes = new LinkedHashMap<>();
            c.getAsJsonObject("shapes").entrySet().forEach(e -> shapes.put(e.getKey(), new Shape(ReferenceJson.longs(e.getValue()))));
            NamedParameters block = block(m, shapes);
            List<Parameter> params = block.getParameters().values();
            for (Parameter p : params) {
                p.getArray().set(ReferenceJson.floats(c.getAsJsonObject("initial").get(p.getName())));
            }
            boolean standard = c.getAsJsonObject("groups").get("out_bias").getAsString().equals("no_decay");
            ParameterGroups groups = standard ? ParameterGroups.standard(block) : ParameterGroups.uniform(block);
            // the script's groups and its Muon/AdamW split are the library's rules
            for (Parameter p : params) {
                String group = c.getAsJsonObject("groups").get(p.getName()).getAsString();
                assertEquals(group.equals("no_decay"), groups.groupOf(p.getId()).weightDecayOr(1) == 0, p.getName());
                boolean muon = c.getAsJsonArray("muon").asList().stream().anyMatch(e -> e.getAsString().equals(p.getName()));
                assertEquals(muon ? MuonOptimizer.MUON : MuonOptimizer.ADAM, MuonOptimizer.assignment(block).get(p.getName()));
            }
            double[] lr = ReferenceJson.doubles(c.get("lr"));
            OptimizerSpec.Muon spec = specOf(c);
            try (TorchStyleOptimizer optimizer = spec.djlBuilder().learningRate(step -> lr[step]).groups(groups).build()) {
                ReferenceJson.replaySteps(name + " (" + spec + ")", c, params, optimizer, m, TOLERANCE);
            }
        }
    }

    /** One spec builds both versions: the DJL steps (float32) follow the teaching ones (float64, checked against torch in MuonTest). */
    @Test
    void theDjlVersionAgreesWithTheTeachingVersion() throws java.io.IOException {
        double worst = 0;
        for (JsonObject c : trainwell.optimizers.MuonTest.teachingCases()) {
            OptimizerSpec.Muon spec = trainwell.optimizers.MuonTest.specOf(c);
            double[] lr = ReferenceJson.doubles(c.get("lr"));
            double[][] weight = trainwell.optimizers.NewtonSchulzTest.matrix(c.getAsJsonArray("initial"));
            int rows = weight.length;
            int cols = weight[0].length;
            double[][] buffer = new double[rows][cols];
            try (NDManager m = manager.newSubManager()) {
                NamedParameters block = block(m, Map.of("hidden_weight", new Shape(rows, cols)));
                Parameter p = block.getParameters().get("hidden_weight");
                p.getArray().set(toFloats(weight));
                try (TorchStyleOptimizer djl = spec.djlBuilder().learningRate(step -> lr[step])
                        .groups(ParameterGroups.uniform(block)).build()) {
                    for (int t = 0; t < lr.length; t++) {
                        double[][] grad = trainwell.optimizers.NewtonSchulzTest.matrix(
                                c.getAsJsonArray("grads").get(t).getAsJsonArray());
                        trainwell.optimizers.Muon.step(weight, grad, buffer, lr[t], spec);
                        try (NDManager stepManager = m.newSubManager()) {
                            djl.update(p.getId(), p.getArray(), stepManager.create(toFloats(grad), new Shape(rows, cols)));
                        }
                        float[] expected = toFloats(weight);
                        double err = ReferenceJson.maxRelativeError(expected, p.getArray().toFloatArray(), ReferenceJson.maxAbs(expected));
                        worst = Math.max(worst, err);
                        assertTrue(err <= TOLERANCE, c.get("name").getAsString() + " step " + t + ": " + err);
                    }
                }
            }
        }
        System.out.printf("DJL Muon vs teaching Muon: worst relative error %.2e%n", worst);
    }

    static float[] toFloats(double[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                out[i * m[0].length + j] = (float) m[i][j];
            }
        }
        return out;
    }

    @Test
    void aTransformerLmPutsEmbeddingsHeadNormsAndBiasesOnAdamW() {
        try (NDManager m = manager.newSubManager()) {
            TransformerConfig config = TransformerConfig.tiny().withVocab(12).withMaxLength(16).withDModel(32).withHeads(2)
                    .withFfnWidth(64).withLayers(1);
            for (TransformerConfig c : List.of(config.withTiedEmbeddings(false),
                    config.withTiedEmbeddings(true).withFusedQkv(false).withPositions(Positions.LEARNED))) {
                TransformerLM model = Transformers.languageModel(c, m);
                Map<String, String> table = MuonOptimizer.assignment(model.namedParameters());
                System.out.println(table);
                table.forEach((name, optimizer) -> {
                    boolean hidden = name.endsWith(".weight") && !name.startsWith("embedding.") && !name.startsWith("head.");
                    assertEquals(hidden ? MuonOptimizer.MUON : MuonOptimizer.ADAM, optimizer, name);
                });
                assertEquals(MuonOptimizer.ADAM, table.get("embedding.token.weight"));
                assertTrue(table.keySet().stream().anyMatch(n -> n.contains("gamma")), "norms are listed");
                if (c.tiedEmbeddings()) {
                    assertEquals(MuonOptimizer.ADAM, table.get("embedding.position.weight"));
                    assertEquals(MuonOptimizer.MUON, table.get("decoder.layer0.selfAttention.query.weight"));
                    assertFalse(table.containsKey("head.weight"));
                } else {
                    assertEquals(MuonOptimizer.ADAM, table.get("head.weight"));
                    assertEquals(MuonOptimizer.MUON, table.get("decoder.layer0.selfAttention.qkv.weight"));
                }
                assertEquals(MuonOptimizer.MUON, table.get("decoder.layer0.selfAttention.outProj.weight"));
                assertEquals(MuonOptimizer.MUON, table.get("decoder.layer0.ffn.in.weight"));
                assertEquals(MuonOptimizer.MUON, table.get("decoder.layer0.ffn.out.weight"));
                // DJL's own keys give the same split
                assertEquals(List.copyOf(table.values()), List.copyOf(MuonOptimizer.assignment(model).values()));
            }
        }
    }

    @Test
    void theRuleReadsDjlKeysAndDottedNames() {
        Shape matrix = new Shape(8, 4);
        assertTrue(MuonOptimizer.usesMuon("02decoder_01layer0_03ffn_01in_weight", matrix));
        assertTrue(MuonOptimizer.usesMuon("encoder.layer0.selfAttention.qkv.weight", matrix));
        assertFalse(MuonOptimizer.usesMuon("encoder.layer0.selfAttention.qkv.weight", new Shape(8, 4, 2)));
        assertFalse(MuonOptimizer.usesMuon("03head_weight", matrix));
        assertFalse(MuonOptimizer.usesMuon("model.lmHead.weight", matrix));
        assertFalse(MuonOptimizer.usesMuon("lm_head_weight", matrix));
        assertFalse(MuonOptimizer.usesMuon("01sourceEmbedding_01token_weight", matrix));
        assertFalse(MuonOptimizer.usesMuon("decoder.finalNorm.gamma", new Shape(4)));
        assertFalse(MuonOptimizer.usesMuon("ffn.in.bias", new Shape(1, 4)));
        assertTrue(MuonOptimizer.usesMuon("multiHeadAttention_qkv_weight", matrix));
    }

    /** Measured, not assumed: the DJL update of a random gradient has every singular value in about [0.6, 1.2]. */
    @Test
    void theUpdateOfARandomGradientHasSingularValuesBetweenAboutPointSixAndOnePointTwo() {
        int rows = 32;
        int cols = 64;
        try (NDManager m = manager.newSubManager()) {
            NamedParameters block = block(m, Map.of("hidden_weight", new Shape(rows, cols)));
            Parameter p = block.getParameters().get("hidden_weight");
            Random random = new Random(5);
            float[] g = new float[rows * cols];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) random.nextGaussian();
            }
            // reference scaling (factor 1 for a wide matrix), lr 1, no decay: the weight becomes minus the update
            try (TorchStyleOptimizer optimizer = OptimizerSpec.muon(0).withScaling(MuonScaling.REFERENCE).djlBuilder()
                    .learningRate(1).groups(ParameterGroups.uniform(block)).build()) {
                optimizer.update(p.getId(), p.getArray(), m.create(g, new Shape(rows, cols)));
            }
            float[] w = p.getArray().toFloatArray();
            double[][] update = new double[rows][cols];
            for (int i = 0; i < w.length; i++) {
                update[i / cols][i % cols] = -w[i];
            }
            double[] s = Matrices.singularValues(update);
            System.out.printf("DJL Muon update of a %dx%d Gaussian gradient: singular values %.3f .. %.3f%n",
                    rows, cols, s[s.length - 1], s[0]);
            for (double v : s) {
                assertTrue(v >= 0.6 && v <= 1.2, "singular value " + v + " outside [0.6, 1.2]: " + Arrays.toString(s));
            }
        }
    }

    @Test
    void stateIsOneBufferPerMatrixAndTwoMomentsPerAdamParameter() {
        try (NDManager m = manager.newSubManager()) {
            Map<String, Shape> shapes = new LinkedHashMap<>();
            shapes.put("in_weight", new Shape(6, 4));
            shapes.put("out_bias", new Shape(4));
            shapes.put("embedding_weight", new Shape(5, 4));
            NamedParameters block = block(m, shapes);
            MuonOptimizer optimizer = (MuonOptimizer) OptimizerSpec.muon().djlBuilder().learningRate(0.01)
                    .groups(ParameterGroups.standard(block)).build();
            for (Parameter p : block.getParameters().values()) {
                optimizer.update(p.getId(), p.getArray(), p.getArray().onesLike());
            }
            assertEquals(3, optimizer.statefulParameters());
            assertEquals(24 + 2 * (4 + 20), optimizer.stateElements());
            assertEquals(2, optimizer.fallback().statefulParameters());
            optimizer.close();
            assertEquals(0, optimizer.stateElements());
        }
    }

    @Test
    void noArraysAccumulateInTheParameterManagerOverManyUpdates() {
        try (NDManager m = manager.newSubManager()) {
            Map<String, Shape> shapes = new LinkedHashMap<>();
            shapes.put("in_weight", new Shape(6, 4));
            shapes.put("out_weight", new Shape(4, 6));
            shapes.put("out_bias", new Shape(4));
            NamedParameters block = block(m, shapes);
            TorchStyleOptimizer optimizer = OptimizerSpec.muon().djlBuilder().learningRate(step -> 0.01 / (1 + step))
                    .groups(ParameterGroups.standard(block)).build();
            int after = -1;
            for (int t = 0; t < 50; t++) {
                for (Parameter p : block.getParameters().values()) {
                    try (NDManager tmp = m.newSubManager()) {
                        optimizer.update(p.getId(), p.getArray(), tmp.full(p.getArray().getShape(), 0.1f * (t % 3 - 1)));
                    }
                }
                if (t == 0) {
                    after = m.getManagedArrays().size();
                }
            }
            assertEquals(after, m.getManagedArrays().size(), "arrays after the first step and after 50");
            optimizer.close();
        }
    }

    @Test
    void theFallbackHasTheSameGroupsAndTheAdamSpecsDecay() {
        try (NDManager m = manager.newSubManager()) {
            NamedParameters block = block(m, Map.of("in_weight", new Shape(6, 4)));
            ParameterGroups groups = ParameterGroups.standard(block);
            MuonOptimizer optimizer = (MuonOptimizer) OptimizerSpec.muon(0.1).withAdam(OptimizerSpec.adamW(0.01))
                    .djlBuilder().learningRate(0.01).groups(groups).build();
            assertSame(groups, optimizer.fallback().groups());
            assertEquals(0.1, optimizer.weightDecay());
            assertEquals(0.01, optimizer.fallback().weightDecay());
        }
    }

    @Test
    void groupsThatDoNotNameTheParametersAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerSpec.muon().djlBuilder().learningRate(0.01).build());
        assertTrue(e.getMessage().startsWith("groups must name the model's parameters"), e.getMessage());
    }

    @Test
    void badArgumentsAreNamed() {
        try (NDManager m = manager.newSubManager()) {
            NamedParameters block = block(m, Map.of("in_weight", new Shape(6, 4)));
            ParameterGroups groups = ParameterGroups.uniform(block);
            var setup = new TorchStyleOptimizer.Setup((id, step) -> 0.01, 0, groups);
            var adam = OptimizerSpec.adamW().djl(setup);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> new MuonOptimizer(setup, 1.0, true, 5, MuonScaling.MOONLIGHT, adam));
            assertTrue(e.getMessage().startsWith("momentum "), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> new MuonOptimizer(setup, 0.9, true, 0, MuonScaling.MOONLIGHT, adam));
            assertTrue(e.getMessage().startsWith("nsSteps "), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> new MuonOptimizer(setup, 0.9, true, 5, null, adam));
            assertTrue(e.getMessage().startsWith("scaling "), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> new MuonOptimizer(setup, 0.9, true, 5, MuonScaling.MOONLIGHT, null));
            assertTrue(e.getMessage().startsWith("adam "), e.getMessage());
            var otherGroups = OptimizerSpec.adamW().djl(new TorchStyleOptimizer.Setup((id, step) -> 0.01, 0,
                    ParameterGroups.standard(block)));
            e = assertThrows(IllegalArgumentException.class,
                    () -> new MuonOptimizer(setup, 0.9, true, 5, MuonScaling.MOONLIGHT, otherGroups));
            assertTrue(e.getMessage().startsWith("adam must use the same parameter groups"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> MuonOptimizer.usesMuon(null, new Shape(2, 2)));
            assertTrue(e.getMessage().startsWith("name "), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> MuonOptimizer.usesMuon("w", null));
            assertTrue(e.getMessage().startsWith("shape must be known"), e.getMessage());
        }
    }
}
