package trainwell.optimizers.djl;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import trainwell.core.Args;

/**
 * Which {@link ParameterGroup} each parameter of a model belongs to.
 *
 * <p>Why this exists: DJL's {@code Optimizer.update} receives a parameter's ID (a UUID), never its
 * name, and DJL's {@code optWeightDecays} applies one value to every parameter, biases and LayerNorm
 * included. This class maps ID -> name once, from {@code block.getParameters()}, and assigns a group
 * by name, so an optimizer can skip weight decay where the literature says to.
 */
public final class ParameterGroups {

    private static final ParameterGroup ALL = ParameterGroup.named("all");

    private final Map<String, String> namesById;
    private final Map<String, ParameterGroup> groupsById;
    private final boolean uniform;

    private ParameterGroups(Map<String, String> namesById, Map<String, ParameterGroup> groupsById, boolean uniform) {
        this.namesById = Collections.unmodifiableMap(namesById);
        this.groupsById = Collections.unmodifiableMap(groupsById);
        this.uniform = uniform;
    }

    /**
     * The usual split: no weight decay on biases, normalisation parameters and embeddings
     * ("no_decay"), the optimizer's weight decay on everything else ("decay").
     */
    public static ParameterGroups standard(Block block) {
        return standard(block, ParameterGroups::isExcludedFromDecayByDefault);
    }

    /** Like {@link #standard(Block)}, but {@code noDecay} decides from a parameter's name. */
    public static ParameterGroups standard(Block block, Predicate<String> noDecay) {
        Args.notNull("noDecay", noDecay);
        return of(block).add(ParameterGroup.noDecay(), noDecay).otherwise(ParameterGroup.decay());
    }

    /** Every parameter in one group "all" with the optimizer's settings; needs no block. */
    public static ParameterGroups uniform() {
        return new ParameterGroups(new LinkedHashMap<>(), new LinkedHashMap<>(), true);
    }

    /**
     * Every parameter of {@code block} in one group "all" with the optimizer's settings, like
     * {@link #uniform()}, but with the parameters' names known: what an optimizer that decides by name
     * (Muon: hidden matrices versus embeddings and norms) needs.
     */
    public static ParameterGroups uniform(Block block) {
        return of(block).otherwise(ALL);
    }

    /** Starts custom groups for the parameters of {@code block}; the first matching rule wins. */
    public static Rules of(Block block) {
        return new Rules(Args.notNull("block", block));
    }

    /**
     * The default rule of {@link #standard(Block)}: true for names whose last part is bias, beta or
     * gamma (DJL's Linear bias, LayerNorm/BatchNorm shift and scale), and for names that contain
     * "norm" or "embed" anywhere (normalisation blocks, token and position embeddings), ignoring case.
     */
    public static boolean isExcludedFromDecayByDefault(String parameterName) {
        String name = Args.notNull("parameterName", parameterName).toLowerCase(Locale.ROOT);
        String last = name.substring(name.lastIndexOf('_') + 1);
        return last.contains("bias") || last.equals("beta") || last.equals("gamma")
                || name.contains("norm") || name.contains("embed");
    }

    /** The group of the parameter with this DJL ID. */
    public ParameterGroup groupOf(String parameterId) {
        if (uniform) {
            return ALL;
        }
        ParameterGroup group = groupsById.get(parameterId);
        Args.check(group != null, "parameterId", "is not a parameter of the block these groups were built from",
                parameterId);
        return group;
    }

    /** The name (as in {@code block.getParameters()}) of the parameter with this DJL ID, or the ID itself. */
    public String nameOf(String parameterId) {
        return namesById.getOrDefault(parameterId, parameterId);
    }

    /** Parameter name -> group name, in the block's order (empty for {@link #uniform()}): for a table. */
    public Map<String, String> assignment() {
        Map<String, String> out = new LinkedHashMap<>();
        namesById.forEach((id, name) -> out.put(name, groupsById.get(id).name()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return uniform ? "ParameterGroups[all]" : "ParameterGroups" + assignment();
    }

    /** Rules that assign groups by parameter name; finish with {@link #otherwise(ParameterGroup)}. */
    public static final class Rules {
        private final Block block;
        private final List<Pair<Predicate<String>, ParameterGroup>> rules = new ArrayList<>();

        private Rules(Block block) {
            this.block = block;
        }

        /** Parameters whose name matches {@code nameMatches} (and no earlier rule) go to {@code group}. */
        public Rules add(ParameterGroup group, Predicate<String> nameMatches) {
            rules.add(new Pair<>(Args.notNull("nameMatches", nameMatches), Args.notNull("group", group)));
            return this;
        }

        /** The remaining parameters go to {@code group}; builds the assignment. */
        public ParameterGroups otherwise(ParameterGroup group) {
            Args.notNull("group", group);
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, ParameterGroup> groups = new LinkedHashMap<>();
            for (Pair<String, Parameter> entry : block.getParameters()) {
                String id = entry.getValue().getId();
                names.put(id, entry.getKey());
                groups.put(id, rules.stream().filter(r -> r.getKey().test(entry.getKey()))
                        .map(Pair::getValue).findFirst().orElse(group));
            }
            return new ParameterGroups(names, groups, false);
        }
    }
}
