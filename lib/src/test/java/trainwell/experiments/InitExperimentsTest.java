package trainwell.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.data.CharTokenizer;
import trainwell.data.LanguageModelData;
import trainwell.initialization.DeepMlp.Nonlinearity;
import trainwell.initialization.DeepMlp.WeightInit;
import trainwell.initialization.DeepMlp;
import trainwell.initialization.InitScheme;
import trainwell.models.TransformerConfig;
import trainwell.training.LanguageModelTask;

class InitExperimentsTest {

    /** A 3-layer, 16-wide language model on a 27-character alphabet. */
    private static LanguageModelTask tinyModel(InitScheme init) {
        String text = "abcde fghij klmno pqrst uvwxy z ".repeat(20);
        LanguageModelData data = LanguageModelData.encode(text, CharTokenizer.fit(text));
        TransformerConfig config = TransformerConfig.tiny().withDModel(16).withHeads(2).withFfnWidth(32)
                .withLayers(3).withDropout(0).withInit(init);
        return LanguageModelTask.create(config, data, data, 8, 1);
    }

    @Test
    void mlpProfilesStackOneRowPerLayerAndInit() {
        Table t = InitExperiments.mlpProfiles(Nonlinearity.TANH, 5, 16, 8, 1, WeightInit.XAVIER, WeightInit.TOO_SMALL);
        assertEquals(10, t.rowCount());
        assertEquals("xavier", t.stringColumn("init").get(0));
        assertEquals("too small", t.stringColumn("init").get(9));
        assertEquals(List.of("init", "layer", "activationStd", "gradientStd"), t.columnNames());
    }

    @Test
    void mlpProfilesMatchDeepMlpForTheSameSeed() {
        Table t = InitExperiments.mlpProfiles(Nonlinearity.RELU, 4, 16, 8, 3, WeightInit.HE);
        double[] direct = new DeepMlp(4, 16, Nonlinearity.RELU, WeightInit.HE).run(8, 3).activationStd();
        assertEquals(direct[3], t.doubleColumn("activationStd").get(3), 0);
    }

    @Test
    void constantAndZeroInitializationsKeepEveryHiddenUnitACopy() {
        var results = InitExperiments.symmetry(16, 200, 0.1, 1, WeightInit.ZERO, WeightInit.CONSTANT);
        assertEquals(1, results.get(0).distinctRows());
        assertEquals(1, results.get(1).distinctRows());
    }

    @Test
    void randomInitializationBreaksSymmetryAndFitsBetter() {
        var results = InitExperiments.symmetry(16, 300, 0.1, 1, WeightInit.CONSTANT, WeightInit.XAVIER);
        assertEquals(16, results.get(1).distinctRows());
        assertTrue(results.get(1).finalLoss() < results.get(0).finalLoss(), results.toString());
    }

    @Test
    void zeroInitializationLearnsOnlyTheOutputBias() {
        var r = InitExperiments.symmetry(8, 100, 0.1, 1, WeightInit.ZERO).get(0);
        assertTrue(r.finalLoss() <= r.initialLoss());
        assertTrue(r.finalLoss() > 0.5 * r.initialLoss(), r.toString());
    }

    @Test
    void symmetryNeedsAnInitialization() {
        assertThrows(IllegalArgumentException.class, () -> InitExperiments.symmetry(8, 10, 0.1, 1));
    }

    @Test
    void activationProfilesReportEmbeddingAndEveryLayerForEachRun() {
        LongFunction<LanguageModelTask> small = s -> tinyModel(InitScheme.normal(0.02));
        LongFunction<LanguageModelTask> large = s -> tinyModel(InitScheme.normal(0.5));
        Table t = InitExperiments.activationProfiles(Map.of("small", small), 4, 1);
        assertEquals(4, t.rowCount());
        assertEquals(List.of(0, 1, 2, 3), t.intColumn("depth").asList());
        Table both = InitExperiments.activationProfiles(new java.util.LinkedHashMap<>(Map.of("small", small, "large", large)), 4, 1);
        double smallLast = both.where(both.stringColumn("run").isEqualTo("small")).doubleColumn("std").get(3);
        double largeLast = both.where(both.stringColumn("run").isEqualTo("large")).doubleColumn("std").get(3);
        assertTrue(largeLast > smallLast, both.print());
    }

    @Test
    void gradientProfilesReportOneRowPerMatchingParameter() {
        LongFunction<LanguageModelTask> task = s -> tinyModel(InitScheme.gpt2());
        Table t = InitExperiments.gradientProfiles(Map.of("gpt2", task), 4, 1, "ffn.out.weight");
        assertEquals(List.of(1, 2, 3), t.intColumn("depth").asList());
        assertEquals("decoder.layer2.ffn.out.weight", t.stringColumn("layer").get(2));
        assertTrue(t.doubleColumn("std").min() > 0);
    }
}
