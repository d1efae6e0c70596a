package trainwell.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import trainwell.optimizers.djl.ParameterGroup;
import trainwell.optimizers.djl.ParameterGroups;

/** QK-layernorm adds a gain and a bias of size d_h per attention block, initialized as a LayerNorm, without decay. */
class QkNormTest extends WithManager {

    private static Set<String> qkNormNames(Map<String, Parameter> params) {
        Set<String> names = new TreeSet<>();
        params.keySet().stream().filter(n -> n.contains("queryNorm") || n.contains("keyNorm")).forEach(names::add);
        return names;
    }

    @Test
    void offByDefault() {
        assertEquals(false, TransformerConfig.tiny().qkNorm());
        assertEquals(Set.of(), qkNormNames(Transformers.languageModel(Tiny.config()).namedParameters()));
    }

    @Test
    void eachAttentionBlockGetsAQueryAndAKeyNormOverTheHeadDimension() {
        try (NDManager m = manager.newSubManager()) {
            TransformerConfig c = Tiny.config().withDecoderLayers(2).withQkNorm(true);
            TransformerLM lm = Transformers.languageModel(c, m);
            Map<String, Parameter> params = lm.namedParameters();
            Set<String> expected = new TreeSet<>();
            for (int layer = 0; layer < 2; layer++) {
                for (String norm : new String[] {"queryNorm", "keyNorm"}) {
                    for (String p : new String[] {"gamma", "beta"}) {
                        expected.add("decoder.layer" + layer + ".selfAttention." + norm + "." + p);
                    }
                }
            }
            assertEquals(expected, qkNormNames(params));
            for (String name : expected) {
                float[] v = params.get(name).getArray().toFloatArray();
                assertEquals(c.headDim(), v.length, name);
                float init = name.endsWith("gamma") ? 1f : 0f;
                for (float x : v) {
                    assertEquals(init, x, 0f, name + " starts as an identity LayerNorm");
                }
            }
            ParameterGroups groups = ParameterGroups.standard(lm);
            for (String name : expected) {
                assertEquals(ParameterGroup.noDecay(), groups.groupOf(params.get(name).getId()), name);
            }
        }
    }

    @Test
    void encoderDecoderNormsSelfAndCrossAttention() {
        Set<String> names = qkNormNames(Transformers.encoderDecoder(Tiny.config().withLayers(1).withQkNorm(true)).namedParameters());
        assertTrue(names.contains("encoder.layer0.selfAttention.queryNorm.gamma"), names.toString());
        assertTrue(names.contains("decoder.layer0.crossAttention.keyNorm.beta"), names.toString());
        assertEquals(12, names.size(), names.toString());
    }
}
