package trainwell.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every update rule that PyTorch has follows torch.optim step for step: parameters after each of 30
 * steps on a stored gradient sequence, from lib/reference/optimizers.py (cases.csv) and
 * lib/reference/optimizer_families.py (families_cases.csv: dampening, AdaGrad's initial accumulator, and
 * Lion written from its paper) and lib/reference/schedule_free.py (schedule_free_cases.csv), to 1e-6 relative.
 */
class PyTorchReferenceTest {

    private static final String DIR = "/reference/optimizers/";
    private static final double RELATIVE = 1e-6;

    /** The Java optimizer for each case; the torch call of each is listed in cases.csv. */
    private static final Map<String, Supplier<Optimizer>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("sgd", () -> Optimizers.sgd(0.1));
        CASES.put("sgd_wd", () -> Optimizers.sgd(0.1).weightDecay(0.1));
        CASES.put("momentum", () -> Optimizers.momentum(0.05, 0.9));
        CASES.put("momentum_wd", () -> Optimizers.momentum(0.05, 0.9).weightDecay(0.01));
        CASES.put("nesterov", () -> Optimizers.nesterov(0.05, 0.9));
        CASES.put("nesterov_wd", () -> Optimizers.nesterov(0.05, 0.8).weightDecay(0.05));
        CASES.put("momentum_exponential_lr", () -> Optimizers.momentum(step -> 0.1 * Math.pow(0.9, step), 0.9));
        CASES.put("adagrad", () -> Optimizers.adaGrad(0.1));
        CASES.put("adagrad_wd", () -> Optimizers.adaGrad(0.1).weightDecay(0.1).eps(1e-6));
        CASES.put("rmsprop", () -> Optimizers.rmsProp(0.01));
        CASES.put("rmsprop_momentum", () -> Optimizers.rmsProp(0.01).momentum(0.9));
        CASES.put("rmsprop_centered", () -> Optimizers.rmsProp(0.01).centered());
        CASES.put("rmsprop_centered_momentum_wd",
                () -> Optimizers.rmsProp(0.01).alpha(0.9).eps(1e-6).momentum(0.5).centered().weightDecay(0.1));
        CASES.put("adam", () -> Optimizers.adam(0.1));
        CASES.put("adam_betas_eps", () -> Optimizers.adam(0.1).betas(0.9, 0.98).eps(1e-9));
        CASES.put("adam_l2", () -> Optimizers.adam(0.1).weightDecay(0.1));
        CASES.put("adam_amsgrad", () -> Optimizers.adam(0.1).amsgrad());
        CASES.put("adam_exponential_lr", () -> Optimizers.adam(step -> 0.1 * Math.pow(0.9, step)));
        CASES.put("adamw", () -> Optimizers.adamW(0.1));
        CASES.put("adamw_wd_amsgrad", () -> Optimizers.adamW(0.1).weightDecay(0.5).amsgrad());
        CASES.put("radam", () -> Optimizers.rAdam(0.1));
        CASES.put("radam_wd", () -> Optimizers.rAdam(0.1).weightDecay(0.1));
        CASES.put("radam_decoupled_wd", () -> Optimizers.rAdam(0.1).decoupledWeightDecay(0.1));
        // families_cases.csv, built through OptimizerSpec (the one place of the defaults)
        CASES.put("sgd_dampening", () -> OptimizerSpec.momentum(0.9).withDampening(0.5).fromScratch(0.05));
        CASES.put("sgd_dampening_wd", () -> Optimizers.momentum(0.05, 0.8).dampening(0.8).weightDecay(0.05));
        CASES.put("adagrad_initial_accumulator", () -> OptimizerSpec.adaGrad().withInitialAccumulator(0.5).fromScratch(0.1));
        CASES.put("lion", () -> OptimizerSpec.lion().fromScratch(0.05));
        CASES.put("lion_betas_wd", () -> Optimizers.lion(0.05).betas(0.95, 0.98).weightDecay(0.1));
        // schedule_free_cases.csv (lib/reference/schedule_free.py): the parameters hold y; x and z in ScheduleFreeAdamTest
        CASES.put("schedule_free", () -> Optimizers.scheduleFreeAdamW(0.1));
        CASES.put("schedule_free_warmup_wd",
                () -> Optimizers.scheduleFreeAdamW(0.2).betas(0.95, 0.99).eps(1e-6).weightDecay(0.1).warmup(8));
        CASES.put("schedule_free_changing_lr", () -> OptimizerSpec.scheduleFreeAdamW(0.05).withWarmupSteps(5)
                .fromScratch(step -> 0.1 * Math.pow(0.9, step)));
    }

    /** The files that list the reference cases, one per reference script. */
    static final List<String> CASE_LISTS = List.of("cases.csv", "families_cases.csv", "schedule_free_cases.csv");

    static Stream<String> cases() {
        return CASES.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTorchOptimAfterEveryStep(String name) {
        double[][] grads = read("gradients.csv");
        double[][] expected = read(name + ".csv");
        Optimizer optimizer = CASES.get(name).get();
        double[] params = expected[0].clone();
        for (int k = 0; k < grads.length; k++) {
            optimizer.step(params, grads[k]);
            for (int i = 0; i < params.length; i++) {
                double want = expected[k + 1][i];
                double tolerance = RELATIVE * Math.abs(want) + 1e-12;
                if (Math.abs(params[i] - want) > tolerance) {
                    fail(name + ": p" + i + " after step " + (k + 1) + " is " + params[i] + ", torch has " + want);
                }
            }
        }
        assertEquals(grads.length, optimizer.stepCount());
    }

    @Test
    void everyReferenceCaseHasAJavaOptimizer() throws IOException {
        List<String> listed = new ArrayList<>();
        for (String file : CASE_LISTS) {
            try (BufferedReader reader = open(file)) {
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    listed.add(line.substring(0, line.indexOf(',')));
                }
            }
        }
        assertEquals(listed, new ArrayList<>(CASES.keySet()));
    }

    @Test
    void referenceRunsMoveTheParameters() {
        // Guards against a degenerate reference (e.g. lr 0) that any implementation would match.
        for (String name : CASES.keySet()) {
            double[][] rows = read(name + ".csv");
            double moved = 0;
            for (int i = 0; i < rows[0].length; i++) {
                moved = Math.max(moved, Math.abs(rows[rows.length - 1][i] - rows[0][i]));
            }
            assertTrue(moved > 0.05, name + " moved only " + moved);
        }
    }

    /** Rows of a reference CSV without its header and step column. */
    static double[][] read(String file) {
        try (BufferedReader reader = open(file)) {
            reader.readLine();
            List<double[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",");
                double[] row = new double[cells.length - 1];
                for (int i = 1; i < cells.length; i++) {
                    row[i - 1] = Double.parseDouble(cells[i]);
                }
                rows.add(row);
            }
            return rows.toArray(new double[0][]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static BufferedReader open(String file) {
        InputStream in = PyTorchReferenceTest.class.getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IllegalStateException("missing reference file " + DIR + file + "; run lib/reference/optimizers.py");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
