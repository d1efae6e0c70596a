package trainwell.initialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterRoleTest {

    @Test
    void fusedQkvHasThreeParts() {
        assertEquals(List.of(ParameterRole.QUERY, ParameterRole.KEY, ParameterRole.VALUE),
                ParameterRole.partsOf("encoder.layer0.selfAttention.qkv.weight"));
    }

    @Test
    void fusedKvHasTwoParts() {
        assertEquals(List.of(ParameterRole.KEY, ParameterRole.VALUE),
                ParameterRole.partsOf("decoder.layer0.crossAttention.kv.weight"));
    }

    @Test
    void rolesAreReadFromNames() {
        assertEquals(ParameterRole.QUERY, ParameterRole.of("decoder.layer0.crossAttention.query.weight"));
        assertEquals(ParameterRole.VALUE, ParameterRole.of("encoder.layer0.selfAttention.value.weight"));
        assertEquals(ParameterRole.ATTENTION_OUTPUT, ParameterRole.of("encoder.layer0.selfAttention.outProj.weight"));
        assertEquals(ParameterRole.FFN_IN, ParameterRole.of("encoder.layer3.ffn.in.weight"));
        assertEquals(ParameterRole.FFN_OUT, ParameterRole.of("encoder.layer3.ffn.out.weight"));
        assertEquals(ParameterRole.EMBEDDING, ParameterRole.of("sourceEmbedding.token.weight"));
        assertEquals(ParameterRole.EMBEDDING, ParameterRole.of("embedding.position.weight"));
        assertEquals(ParameterRole.OUTPUT, ParameterRole.of("head.weight"));
        assertEquals(ParameterRole.NORM_GAIN, ParameterRole.of("encoder.finalNorm.gamma"));
        assertEquals(ParameterRole.NORM_BIAS, ParameterRole.of("encoder.finalNorm.beta"));
        assertEquals(ParameterRole.BIAS, ParameterRole.of("encoder.layer0.selfAttention.qkv.bias"));
        assertEquals(ParameterRole.OTHER, ParameterRole.of("something.else"));
    }

    @Test
    void djlKeysBecomeDottedNames() {
        assertEquals("encoder.layer0.selfAttention.qkv.weight",
                ParameterNames.clean("02encoder_01layer0_01selfAttention_01qkv_weight"));
    }

    @Test
    void djlPrefixesOfThreeDigitsAreDroppedToo() {
        assertEquals("encoder.layer99.ffn.in.weight", ParameterNames.clean("02encoder_100layer99_03ffn_01in_weight"));
    }

    @Test
    void stackIsTheFirstSegment() {
        assertEquals(Stack.ENCODER, Stack.of("encoder.layer0.ffn.in.weight"));
        assertEquals(Stack.DECODER, Stack.of("decoder.finalNorm.gamma"));
        assertEquals(Stack.NONE, Stack.of("embedding.token.weight"));
    }
}
