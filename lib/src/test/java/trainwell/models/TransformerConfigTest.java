package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TransformerConfigTest {

    private static void assertRejected(String argument, String value, Executable build) {
        var e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(argument) && e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void dModelMustBeDivisibleByHeads() {
        assertRejected("dModel", "10", () -> TransformerConfig.tiny().withDModel(10).withHeads(3));
    }

    @Test
    void dropoutMustBeBelowOne() {
        assertRejected("dropout", "1.0", () -> TransformerConfig.tiny().withDropout(1.0));
    }

    @Test
    void headsMustBePositive() {
        assertRejected("heads", "0", () -> TransformerConfig.tiny().withHeads(0));
    }

    @Test
    void vocabularyMustBePositive() {
        assertRejected("sourceVocab", "0", () -> TransformerConfig.tiny().withSourceVocab(0));
    }

    @Test
    void languageModelNeedsDecoderLayers() {
        assertRejected("decoderLayers", "0", () -> Transformers.languageModel(TransformerConfig.tiny().withDecoderLayers(0)));
    }

    @Test
    void classifierNeedsAtLeastTwoClasses() {
        assertRejected("classes", "1", () -> Transformers.classifier(TransformerConfig.tiny(), 1, Pooling.MEAN));
    }

    @Test
    void withMethodsChangeOnlyTheirField() {
        TransformerConfig c = TransformerConfig.tiny().withHeads(8).withLayers(3);
        assertEquals(8, c.heads());
        assertEquals(3, c.encoderLayers());
        assertEquals(3, c.decoderLayers());
        assertEquals(TransformerConfig.tiny().dModel(), c.dModel());
        assertEquals(8, c.headDim());
    }

    @Test
    void vaswaniBaseIsPostLnWithReluAndSixLayers() {
        TransformerConfig c = TransformerConfig.vaswaniBase();
        assertEquals(NormPlacement.POST_LN, c.norm());
        assertEquals(FfnActivation.RELU, c.activation());
        assertEquals(6, c.encoderLayers());
        assertEquals(64, c.headDim());
    }
}
