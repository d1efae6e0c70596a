package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import trainwell.data.CharTokenizer;
import trainwell.data.LanguageModelData;
import trainwell.models.TransformerConfig;
import trainwell.optimizers.OptimizerSpec;
import trainwell.optimizers.djl.ParameterGroup;
import trainwell.optimizers.djl.ParameterGroups;

/**
 * muP in the training loop: the parameter groups of microsoft/mup's MuAdam (hidden matrices at learning rate /
 * width_mult, weight decay x width_mult; the rest unchanged), and one Adam step that moves each hidden matrix entry
 * by lr / width_mult and every other by lr (Adam's first step is lr g / (|g| + eps)).
 */
class MupTrainingTest {

    private static final String TEXT = "the quick brown fox jumps over the lazy dog. ".repeat(20);

    /** A 2-layer language model of width 64 whose muP base width is 16 (width_mult 4), dropout off. */
    static LanguageModelTask task(TransformerConfig config) {
        LanguageModelData data = LanguageModelData.encode(TEXT, CharTokenizer.fit(TEXT));
        return LanguageModelTask.create(config, data, data, 8, 1);
    }

    private static TransformerConfig mupConfig() {
        return TransformerConfig.tiny().withDModel(64).withHeads(4).withFfnWidth(256).withDecoderLayers(2)
                .withDropout(0).withTiedEmbeddings(false).withMup(16);
    }

    /** The hidden matrices of the 2-layer LM, written out by hand. */
    private static final Set<String> HIDDEN = Set.of(
            "decoder.layer0.selfAttention.qkv.weight", "decoder.layer0.selfAttention.outProj.weight",
            "decoder.layer0.ffn.in.weight", "decoder.layer0.ffn.out.weight",
            "decoder.layer1.selfAttention.qkv.weight", "decoder.layer1.selfAttention.outProj.weight",
            "decoder.layer1.ffn.in.weight", "decoder.layer1.ffn.out.weight");

    /** Group of each parameter by dotted name. */
    private static Map<String, ParameterGroup> groupsByName(LanguageModelTask t, ParameterGroups groups) {
        Map<String, ParameterGroup> out = new LinkedHashMap<>();
        t.model().namedParameters().forEach((name, p) -> out.put(name, groups.groupOf(p.getId())));
        return out;
    }

    @Test
    void hiddenMatricesLearnAtLrOverWidthMultWithWeightDecayTimesWidthMult() {
        TrainingConfig config = TrainingConfig.defaults().withOptimizer(OptimizerSpec.adamW(0.1));
        try (LanguageModelTask t = task(mupConfig())) {
            Map<String, ParameterGroup> groups = groupsByName(t, Training.parameterGroups(t.model(), config));
            assertTrue(groups.keySet().containsAll(HIDDEN), groups.keySet().toString());
            groups.forEach((name, g) -> {
                if (HIDDEN.contains(name)) {
                    assertEquals(ParameterGroups.MUP_HIDDEN, g.name(), name);
                    assertEquals(0.25, g.lrMultiplier(), 0, name);
                    assertEquals(0.4, g.weightDecayOr(0.1), 1e-12, name);
                } else {
                    assertEquals(1.0, g.lrMultiplier(), 0, name);
                    String expected = name.equals("head.weight") ? "decay" : "no_decay";
                    assertEquals(expected, g.name(), name);
                }
            });
            // decayAll: the rest in one group "all" with the optimizer's decay; hidden matrices as before.
            Map<String, ParameterGroup> all = groupsByName(t, Training.parameterGroups(t.model(), config.withDecayAll(true)));
            assertEquals("all", all.get("embedding.token.weight").name());
            assertEquals(0.1, all.get("decoder.finalNorm.gamma").weightDecayOr(0.1), 0);
            assertEquals(0.25, all.get("decoder.layer1.ffn.out.weight").lrMultiplier(), 0);
        }
    }

    @Test
    void theStandardParametrizationKeepsTheStandardGroups() {
        TrainingConfig config = TrainingConfig.defaults();
        try (LanguageModelTask t = task(mupConfig().withMup(0))) {
            assertEquals(ParameterGroups.standard(t.model()).assignment(),
                    Training.parameterGroups(t.model(), config).assignment());
            groupsByName(t, Training.parameterGroups(t.model(), config))
                    .forEach((name, g) -> assertEquals(1.0, g.lrMultiplier(), 0, name));
        }
    }

    @Test
    void oneAdamStepMovesHiddenMatricesByLrOverWidthMult() {
        double lr = 1e-2;
        TrainingConfig config = TrainingConfig.defaults().withOptimizer(OptimizerSpec.adam()).withConstantLr(lr)
                .withSteps(1).withBatchSize(4).withoutClipping().withEvalEvery(1).withProgress(false);
        // Tied: an untied zero-initialized readout passes no gradient back at the first step (muP's zero readout).
        try (LanguageModelTask t = task(mupConfig().withTiedEmbeddings(true))) {
            Map<String, float[]> before = new LinkedHashMap<>();
            t.model().namedParameters().forEach((n, p) -> before.put(n, p.getArray().toFloatArray()));
            TrainingResult r = Training.run("mup-one-step", config, t);
            assertEquals(TrainingResult.Status.COMPLETED, r.status(), r.message());
            for (Map.Entry<String, Parameter> e : t.model().namedParameters().entrySet()) {
                float[] after = e.getValue().getArray().toFloatArray();
                float[] was = before.get(e.getKey());
                double moved = 0;
                for (int i = 0; i < after.length; i++) {
                    moved = Math.max(moved, Math.abs((double) after[i] - was[i]));
                }
                double expected = HIDDEN.contains(e.getKey()) ? lr / 4 : lr;
                System.out.printf(Locale.ROOT, "%-45s largest change %.5f (expected %.5f)%n", e.getKey(), moved, expected);
                assertEquals(expected, moved, 0.01 * expected, e.getKey());
            }
        }
    }

    @Test
    void sgdAndMuonAreRefusedForAMupModel() {
        try (LanguageModelTask t = task(mupConfig())) {
            for (OptimizerSpec spec : new OptimizerSpec[] {OptimizerSpec.sgd(), OptimizerSpec.muon()}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Training.parameterGroups(t.model(), TrainingConfig.defaults().withOptimizer(spec)));
                assertTrue(e.getMessage().contains("optimizer"), e.getMessage());
            }
        }
    }

    @Test
    void badGroupArgumentsNameTheArgument() {
        try (LanguageModelTask t = task(mupConfig())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ParameterGroups.mup(t.model(), 0, 0, false));
            assertTrue(e.getMessage().contains("widthMult"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ParameterGroups.mup(t.model(), 2, -1, false));
            assertTrue(e.getMessage().contains("weightDecay"), e.getMessage());
        }
    }
}
