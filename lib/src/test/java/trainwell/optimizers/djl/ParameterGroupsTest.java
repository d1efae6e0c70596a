package trainwell.optimizers.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How parameters are sorted into groups by name. */
class ParameterGroupsTest {

    static SequentialBlock smallNetwork() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(LayerNorm.builder().axis(2).build())
                .add(Linear.builder().setUnits(3).build());
    }

    @Test
    void standardGroupsExcludeBiasesAndLayerNormFromDecay() {
        // groups can be built before the block is initialized: names and IDs already exist
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("01Linear_weight", "decay");
        expected.put("01Linear_bias", "no_decay");
        expected.put("02LayerNorm_gamma", "no_decay");
        expected.put("02LayerNorm_beta", "no_decay");
        expected.put("03Linear_weight", "decay");
        expected.put("03Linear_bias", "no_decay");
        assertEquals(expected, ParameterGroups.standard(smallNetwork()).assignment());
    }

    @Test
    void theDefaultRuleRecognisesEmbeddingsAndNormsByName() {
        assertTrue(ParameterGroups.isExcludedFromDecayByDefault("01Embedding_embedding"));
        assertTrue(ParameterGroups.isExcludedFromDecayByDefault("positionEmbedding"));
        assertTrue(ParameterGroups.isExcludedFromDecayByDefault("03RmsNorm_scale"));
        assertTrue(ParameterGroups.isExcludedFromDecayByDefault("attention_qkvBias"));
        assertFalse(ParameterGroups.isExcludedFromDecayByDefault("02Linear_weight"));
        assertFalse(ParameterGroups.isExcludedFromDecayByDefault("attention_qkvWeight"));
    }

    @Test
    void aCustomPredicateDecidesWhatSkipsDecay() {
        SequentialBlock block = smallNetwork();
        ParameterGroups groups = ParameterGroups.standard(block, name -> name.startsWith("03"));
        assertEquals("no_decay", groups.assignment().get("03Linear_weight"));
        assertEquals("decay", groups.assignment().get("01Linear_bias"));
    }

    @Test
    void theFirstMatchingRuleWins() {
        SequentialBlock block = smallNetwork();
        ParameterGroups groups = ParameterGroups.of(block)
                .add(ParameterGroup.named("head").withLrMultiplier(10), name -> name.startsWith("03"))
                .add(ParameterGroup.noDecay(), ParameterGroups::isExcludedFromDecayByDefault)
                .otherwise(ParameterGroup.decay());
        assertEquals("head", groups.assignment().get("03Linear_bias"));
        assertEquals("no_decay", groups.assignment().get("01Linear_bias"));
        String headId = block.getParameters().get("03Linear_weight").getId();
        assertEquals(10, groups.groupOf(headId).lrMultiplier());
        assertEquals("03Linear_weight", groups.nameOf(headId));
    }

    @Test
    void aGroupWithoutItsOwnWeightDecayInheritsTheOptimizers() {
        assertEquals(0.1, ParameterGroup.decay().weightDecayOr(0.1));
        assertEquals(0.0, ParameterGroup.noDecay().weightDecayOr(0.1));
        assertEquals(0.3, ParameterGroup.named("x").withWeightDecay(0.3).weightDecayOr(0.1));
    }

    @Test
    void uniformGroupsPutEveryParameterInOneGroup() {
        assertEquals("all", ParameterGroups.uniform().groupOf("any-id").name());
    }
}
