package trainwell.initialization;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/** Readable dotted parameter names for a DJL block, e.g. {@code encoder.layer0.selfAttention.qkv.weight}. */
public final class ParameterNames {

    private ParameterNames() {}

    /**
     * The block's parameters keyed by dotted path, in registration order. DJL joins child names with "_"
     * and prefixes each child with its position, at least two digits ("01encoder_02layer0_..."); this drops the
     * prefixes and uses dots, so block and parameter names must not contain "_" nor start with a digit.
     */
    public static Map<String, Parameter> of(Block block) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            named.put(clean(pair.getKey()), pair.getValue());
        }
        return named;
    }

    /** The dotted form of one DJL parameter key. */
    public static String clean(String djlKey) {
        StringBuilder out = new StringBuilder();
        for (String segment : djlKey.split("_")) {
            if (out.length() > 0) {
                out.append('.');
            }
            // DJL's prefix is "%02d": two digits, three from the 100th child on; our block names never start with a digit.
            out.append(segment.replaceFirst("^\\d+", ""));
        }
        return out.toString();
    }
}
