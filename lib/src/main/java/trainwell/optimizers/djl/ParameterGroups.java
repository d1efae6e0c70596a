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

    /** The name of the group of hidden matrices in {@link #mup}. */
    public static final String MUP_HIDDEN = "mup_hidden";

    /**
     * The groups of the maximal update parametrization (muP; Yang et al. 2022, "Tensor Programs V", arXiv 2203.03466)
     * for an Adam-like optimizer, following microsoft/mup's MuAdam (mup/optim.py): the hidden matrices, whose two
     * dimensions both grow with the model's width, go to group {@value #MUP_HIDDEN} with learning rate times
     * 1/{@code widthMult} and weight decay {@code weightDecay} x {@code widthMult}; every other parameter (embeddings,
     * the output layer, biases, LayerNorm gains and biases: "vector-like", one or no width dimension) keeps the
     * optimizer's learning rate, in the groups of {@link #standard(Block)} ({@code decayAll} false: "no_decay",
     * "decay") or of {@link #uniform(Block)} ({@code decayAll} true: "all").
     *
     * <p>Hidden matrices are chosen as Muon chooses its matrices ({@link MuonOptimizer#usesMuon}: 2-D, not an
     * embedding, norm, bias or output layer), which is mup's "two infinite dimensions" for the course's models.
     *
     * <p>Weight decay: MuAdam, with its default {@code decoupled_wd=False}, multiplies the hidden groups' weight decay
     * by width_mult while it divides their learning rate ("group['weight_decay'] *= width_mult"), so that lr x wd is
     * the same at every width: for PyTorch-style AdamW (and this library's), whose decay step is p *= 1 - lr wd, the
     * shrink per step does not change with width. This method does the same. (MuAdam's {@code decoupled_wd=True},
     * for optimizers whose decay does not scale with the learning rate, leaves the weight decay alone; every optimizer
     * here either multiplies its decay by the learning rate (AdamW, Lion, schedule-free AdamW) or adds it to the
     * gradient as L2 (Adam, RMSprop, AdaGrad), the cases of MuAdam's default.) The learning-rate rule is Adam's; SGD
     * needs MuSGD's other rule.
     *
     * @param block       an initialized model (the rule needs the parameters' shapes)
     * @param widthMult   the model's width divided by its base width ({@code TransformerConfig.widthMult()}), > 0
     * @param weightDecay the optimizer's weight decay, >= 0
     * @param decayAll    true: the other parameters in one group "all" with the optimizer's decay; false: the
     *                    standard split
     */
    public static ParameterGroups mup(Block block, double widthMult, double weightDecay, boolean decayAll) {
        Args.notNull("block", block);
        Args.positive("widthMult", widthMult);
        Args.nonNegative("weightDecay", weightDecay);
        Map<String, ai.djl.ndarray.types.Shape> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            shapes.put(entry.getKey(), entry.getValue().getShape());
        }
        ParameterGroup hidden = ParameterGroup.named(MUP_HIDDEN).withLrMultiplier(1 / widthMult)
                .withWeightDecay(weightDecay * widthMult);
        Rules rules = of(block).add(hidden, name -> MuonOptimizer.usesMuon(name, shapes.get(name)));
        return decayAll ? rules.otherwise(ALL)
                : rules.add(ParameterGroup.noDecay(), ParameterGroups::isExcludedFromDecayByDefault)
                        .otherwise(ParameterGroup.decay());
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
