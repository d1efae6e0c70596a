package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;

/** Every model and block reports the shape its forward pass really returns. */
class OutputShapesTest {

    private static void assertReported(Block block, NDManager manager, NDArray... inputs) {
        NDList out = block.forward(Tiny.store(manager), new NDList(inputs), false);
        Shape[] in = new Shape[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in[i] = inputs[i].getShape();
        }
        Shape[] reported = block.getOutputShapes(in);
        assertEquals(out.size(), reported.length, block.getClass().getSimpleName() + ": number of outputs");
        for (int i = 0; i < out.size(); i++) {
            assertArrayEquals(out.get(i).getShape().getShape(), reported[i].getShape(),
                    block.getClass().getSimpleName() + ": output " + i);
        }
    }

    @Test
    void languageModelLogitsAreBatchByTimeByVocabulary() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerLM lm = Transformers.languageModel(Tiny.config().withLayers(1), m);
            NDArray ids = m.create(new int[][] {{1, 2, 3}, {4, 5, 6}});
            assertReported(lm, m, ids);
            assertArrayEquals(new long[] {2, 3, 12}, lm.getOutputShapes(new Shape[] {ids.getShape()})[0].getShape());
        }
    }

    @Test
    void encoderDecoderLogitsFollowTheTarget() {
        try (NDManager m = NDManager.newBaseManager()) {
            Seq2SeqTransformer model = Transformers.encoderDecoder(Tiny.config().withEncoderLayers(1).withDecoderLayers(1), m);
            assertReported(model, m, m.create(new int[][] {{1, 2, 3, 4, 5}}), m.create(new int[][] {{6, 7}}));
        }
    }

    @Test
    void classifierLogitsAreBatchByClasses() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerClassifier model = Transformers.classifier(Tiny.config().withLayers(1), 3, Pooling.MEAN, m);
            assertReported(model, m, m.create(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}));
        }
    }

    @Test
    void shapeKeepingBlocksReportOneOutputLikeTheirInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            LayerNorm norm = new LayerNorm(4);
            norm.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 3, 4));
            assertReported(norm, m, m.ones(new Shape(2, 3, 4)));
        }
    }
}
