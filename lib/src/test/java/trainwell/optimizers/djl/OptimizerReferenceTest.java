package trainwell.optimizers.djl;


import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import trainwell.optimizers.OptimizerSpec;

/**
 * Each optimizer reproduces torch.optim's own steps (float32, 15 steps, changing LR, two groups); Lion
 * reproduces a torch script written from its paper (lib/reference/optimizer_families.py).
 */
class OptimizerReferenceTest {

    static final double TOLERANCE = 1e-6;
    /*
     * Relative error is normwise: |actual - expected| / max_j |expected_j| for each tensor. Float32
     * arithmetic on parameters of order 1 has an absolute precision near 1e-7, and PyTorch's kernels
     * fuse some multiply-adds that DJL's separate ops round twice; an element passing close to zero
     * (0.0009, say) keeps that absolute error, which divided by its own size would look like 1e-5.
     */
    static JsonObject reference;
    static JsonObject families;
    static NDManager manager;

    /** The spec of each case; the weight decay of the "weight" group comes from the case. */
    static final Map<String, OptimizerSpec> SPECS = Map.ofEntries(
            Map.entry("sgd", OptimizerSpec.sgd()),
            Map.entry("momentum", OptimizerSpec.momentum(0.9)),
            Map.entry("nesterov", OptimizerSpec.nesterov(0.9)),
            Map.entry("adam", OptimizerSpec.adam()),
            Map.entry("adam_l2", OptimizerSpec.adam()),
            Map.entry("adamw", OptimizerSpec.adamW().withBetas(0.8, 0.99).withEps(1e-6)),
            Map.entry("rmsprop", OptimizerSpec.rmsProp()),
            Map.entry("rmsprop_centered", OptimizerSpec.rmsProp().withCentered(true)),
            Map.entry("rmsprop_momentum", OptimizerSpec.rmsProp().withMomentum(0.8)),
            Map.entry("adagrad", OptimizerSpec.adaGrad().withInitialAccumulator(0.1)),
            Map.entry("radam", OptimizerSpec.rAdam()),
            Map.entry("radam_decoupled", OptimizerSpec.rAdam().withDecoupled(true)),
            // families.json (lib/reference/optimizer_families.py)
            Map.entry("sgd_dampening", OptimizerSpec.momentum(0.9).withDampening(0.3)),
            Map.entry("adam_amsgrad", OptimizerSpec.adam().withAmsgrad(true)),
            Map.entry("adamw_amsgrad", OptimizerSpec.adamW().withAmsgrad(true)),
            Map.entry("lion", OptimizerSpec.lion()),
            Map.entry("lion_wd", OptimizerSpec.lion().withBetas(0.95, 0.98)));

    @BeforeAll
    static void load() {
        reference = ReferenceJson.load("optimizers.json");
        families = ReferenceJson.load("families.json");
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "adam", "adam_l2", "adamw", "rmsprop",
            "rmsprop_centered", "rmsprop_momentum", "adagrad", "radam", "radam_decoupled",
            "sgd_dampening", "adam_amsgrad", "adamw_amsgrad", "lion", "lion_wd"})
    void matchesPyTorchStepByStep(String name) {
        List<JsonObject> cases = new java.util.ArrayList<>(ReferenceJson.objects(reference.get("cases")));
        cases.addAll(ReferenceJson.objects(families.get("cases")));
        JsonObject c = cases.stream()
                .filter(o -> o.get("name").getAsString().equals(name)).findFirst().orElseThrow();
        try (NDManager m = manager.newSubManager()) {
            Linear block = Linear.builder().setUnits(3).build();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            Parameter weight = block.getParameters().get("weight");
            Parameter bias = block.getParameters().get("bias");
            weight.getArray().set(ReferenceJson.floats(c.getAsJsonObject("initial").get("weight")));
            bias.getArray().set(ReferenceJson.floats(c.getAsJsonObject("initial").get("bias")));
            double[] lr = ReferenceJson.doubles(c.get("lr"));
            double biasLrMultiplier = c.get("biasLrMultiplier").getAsDouble();
            ParameterGroups groups = ParameterGroups.of(block)
                    .add(ParameterGroup.noDecay().withLrMultiplier(biasLrMultiplier),
                            ParameterGroups::isExcludedFromDecayByDefault)
                    .otherwise(ParameterGroup.decay());
            TorchStyleOptimizer optimizer = SPECS.get(name).withWeightDecay(c.get("weightDecay").getAsDouble())
                    .djlBuilder()
                    .learningRate(step -> lr[step])
                    .groups(groups)
                    .build();

            ReferenceJson.replaySteps(name, c, List.of(weight, bias), optimizer, m, TOLERANCE);
            optimizer.close();
        }
    }
}
