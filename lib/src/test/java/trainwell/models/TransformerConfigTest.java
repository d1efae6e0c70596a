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
    void dModelMustBeDivisibleByHeadsWhenAModelIsBuilt() {
        TransformerConfig odd = TransformerConfig.tiny().withDModel(10).withHeads(3); // a chain may pass through it
        assertRejected("dModel", "10", odd::check);
        assertRejected("dModel", "10", odd::headDim);
        assertRejected("dModel", "10", () -> Transformers.languageModel(odd));
        assertRejected("dModel", "10", () -> Transformers.encoderDecoder(odd));
    }

    @Test
    void theOrderOfAChainDoesNotMatter() {
        // 64 is not divisible by 6: this threw at withHeads(6) when every with* checked the rules between fields.
        TransformerConfig a = TransformerConfig.tiny().withHeads(6).withDModel(96);
        TransformerConfig b = TransformerConfig.tiny().withDModel(96).withHeads(6);
        assertEquals(a, b);
        assertEquals(16, a.check().headDim());
        assertRejected("encoderLayers + decoderLayers", "0", () -> TransformerConfig.tiny().withLayers(0).check());
        assertEquals(1, TransformerConfig.tiny().withLayers(0).withDecoderLayers(1).check().decoderLayers());
    }

    @Test
    void everyWithMethodKeepsTheOtherFields() {
        TransformerConfig base = TransformerConfig.vaswaniBase();
        assertEquals(base, base.withDropout(0.3).withDropout(base.dropout()));
        assertEquals(base, base.withVocab(7).withSourceVocab(base.sourceVocab()).withTargetVocab(base.targetVocab()));
        TransformerConfig changed = TransformerConfig.tiny().withFusedQkv(false).withTiedEmbeddings(false)
                .withScaledEmbeddings(false).withPositions(Positions.LEARNED).withMaxLength(9).withFfnWidth(33)
                .withQkNorm(true);
        assertEquals(new TransformerConfig(16, 16, 9, 64, 4, 2, 2, 33, 0.1, NormPlacement.PRE_LN, FfnActivation.GELU,
                Positions.LEARNED, TransformerConfig.tiny().init(), false, false, false, true, 0), changed);
        assertEquals(base, base.withQkNorm(true).withQkNorm(false));
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
