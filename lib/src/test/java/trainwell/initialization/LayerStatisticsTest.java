package trainwell.initialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import trainwell.models.TokenLoss;
import trainwell.models.TransformerConfig;
import trainwell.models.TransformerLM;
import trainwell.models.Transformers;

class LayerStatisticsTest {

    private static Table measure(NDManager manager, TransformerLM model) {
        int[][] ids = {{3, 4, 5, 6, 7}, {8, 9, 10, 11, 3}};
        return LayerStatistics.measure(model, manager, ps -> {
            NDManager m = ps.getManager();
            NDArray in = m.create(ids).get(":, 0:4");
            NDArray out = m.create(ids).get(":, 1:5");
            return TokenLoss.crossEntropy(model.logits(ps, in, null, true), out, 0);
        });
    }

    @Test
    void reportsEveryLayerOutputAndEveryParameterGradient() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLM model = Transformers.languageModel(TransformerConfig.tiny().withVocab(12).withLayers(3), manager);
            Table t = measure(manager, model);
            Table activations = t.where(t.stringColumn("kind").isEqualTo(LayerStatistics.ACTIVATION));
            assertEquals(java.util.List.of("embedding", "decoder.layer0", "decoder.layer1", "decoder.layer2"),
                    activations.stringColumn("layer").asList());
            Table gradients = t.where(t.stringColumn("kind").isEqualTo(LayerStatistics.GRADIENT));
            assertEquals(model.namedParameters().size(), gradients.rowCount());
            assertTrue(gradients.where(gradients.stringColumn("layer").isEqualTo("decoder.layer0.ffn.in.weight"))
                    .doubleColumn("std").get(0) > 0);
        }
    }

    @Test
    void leavesGradientsAtZero() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLM model = Transformers.languageModel(TransformerConfig.tiny().withVocab(12), manager);
            measure(manager, model);
            Parameter p = model.namedParameters().get("decoder.layer0.ffn.in.weight");
            try (NDArray g = p.getArray().getGradient()) {
                assertEquals(0f, g.abs().max().getFloat());
            }
        }
    }
}
