package trainwell.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import trainwell.core.Args;
import trainwell.core.Language;
import trainwell.notebook.Html;
import trainwell.training.Runs;
import trainwell.training.TrainingResult;

/**
 * A learner's expectation about an experiment, written before the experiment as a condition on what it
 * will measure, and checked on what it did measure. An expectation that would hold whatever was measured
 * (a constant, {@code o -> true}, a comparison of numbers typed in) tests nothing, and the check rejects
 * it: it must fail on at least one other outcome, the same numbers with the configurations' names
 * permuted or an outcome in which nothing was measured.
 *
 * <pre>{@code
 * Runs runs = new Runs(results);   // two configurations, two seeds each
 * Expectation.check("3. sinusoids learn reversal at least as well as learned positions", runs,
 *         o -> o.mean("SINUSOIDAL", "val_accuracy") > 0.95
 *                 && o.mean("LEARNED", "val_accuracy") <= o.mean("SINUSOIDAL", "val_accuracy") + 0.01,
 *         "look at the summary: which part failed?");
 * }</pre>
 */
public final class Expectation {

    /** The final scores an outcome holds for each run: name and how it is read from a result. */
    private static final Map<String, ToDoubleFunction<TrainingResult>> METRICS = metrics();

    /** Permutations tried at most (all of them up to five configurations). */
    private static final int MAX_PERMUTATIONS = 120;

    private Expectation() {}

    private static Map<String, ToDoubleFunction<TrainingResult>> metrics() {
        Map<String, ToDoubleFunction<TrainingResult>> m = new LinkedHashMap<>();
        m.put("loss", TrainingResult::finalLoss);
        m.put("val_loss", TrainingResult::finalValidationLoss);
        m.put("val_accuracy", TrainingResult::finalValidationAccuracy);
        return m;
    }

    /**
     * What an experiment measured: for each configuration (a run's name) the final value of each metric
     * ("loss", "val_loss", "val_accuracy") in every seed.
     */
    public static final class Outcome {
        private final Map<String, Map<String, double[]>> values;

        private Outcome(Map<String, Map<String, double[]>> values) {
            this.values = values;
        }

        /** The outcome of {@code runs}, grouped by run name in the order the runs came. */
        public static Outcome of(Runs runs) {
            Args.notNull("runs", runs);
            Map<String, List<TrainingResult>> byName = new LinkedHashMap<>();
            for (TrainingResult r : runs.results()) {
                byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
            }
            Map<String, Map<String, double[]>> values = new LinkedHashMap<>();
            byName.forEach((name, results) -> {
                Map<String, double[]> perMetric = new LinkedHashMap<>();
                METRICS.forEach((metric, read) -> perMetric.put(metric, results.stream().mapToDouble(read).toArray()));
                values.put(name, perMetric);
            });
            return new Outcome(values);
        }

        /** The configurations' names. */
        public List<String> runs() {
            return List.copyOf(values.keySet());
        }

        /** How many seeds configuration {@code run} was trained with. */
        public int seeds(String run) {
            return values(run, "loss").length;
        }

        /** The final value of {@code metric} in each seed of {@code run}. */
        public double[] values(String run, String metric) {
            Map<String, double[]> perMetric = values.get(Args.notNull("run", run));
            Args.check(perMetric != null, "run", "must be one of " + values.keySet(), run);
            double[] v = perMetric.get(Args.notNull("metric", metric));
            Args.check(v != null, "metric", "must be one of " + METRICS.keySet(), metric);
            return v.clone();
        }

        /** The mean over seeds of {@code metric}'s final value in {@code run} (e.g. "val_accuracy"). */
        public double mean(String run, String metric) {
            return Arrays.stream(values(run, metric)).average().orElse(Double.NaN);
        }

        /** The sample standard deviation over seeds (NaN for a single seed). */
        public double std(String run, String metric) {
            double[] v = values(run, metric);
            if (v.length < 2) {
                return Double.NaN;
            }
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
        }

        /** The same numbers with the configurations' names in another order ({@code order[i]} takes run i's numbers). */
        Outcome relabelled(List<String> order) {
            List<Map<String, double[]>> numbers = new ArrayList<>(values.values());
            Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
            for (int i = 0; i < order.size(); i++) {
                out.put(order.get(i), numbers.get(i));
            }
            return new Outcome(out);
        }

        /** The same configurations and seeds with nothing measured (every value NaN). */
        Outcome unmeasured() {
            Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
            values.forEach((run, perMetric) -> {
                Map<String, double[]> nan = new LinkedHashMap<>();
                perMetric.forEach((metric, v) -> {
                    double[] n = new double[v.length];
                    Arrays.fill(n, Double.NaN);
                    nan.put(metric, n);
                });
                out.put(run, nan);
            });
            return new Outcome(out);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            values.forEach((run, perMetric) -> {
                s.append(s.length() == 0 ? "" : "; ").append(run).append(" (").append(seeds(run))
                        .append(Language.text(" seeds):", " 个随机种子）："));
                perMetric.keySet().forEach(metric -> s.append(' ').append(metric).append(' ')
                        .append(Html.number(mean(run, metric))));
            });
            return s.toString();
        }
    }

    /**
     * Checks {@code expectation} on what {@code runs} measured. It passes when the runs compare at least two
     * configurations over at least two seeds each, the expectation holds on their outcome, and it fails on
     * at least one other outcome (the configurations' numbers permuted, or nothing measured). A null
     * {@code runs} or an expectation that throws {@link Exercise#notSolved()} is "not solved yet".
     */
    public static CheckResult check(String what, Runs runs, Predicate<Outcome> expectation, String hint) {
        Args.notNull("what", what);
        Args.notNull("hint", hint);
        if (runs == null || expectation == null) {
            return Check.that(what, () -> {
                throw Exercise.notSolved();
            }, hint);
        }
        Outcome measured = Outcome.of(runs);
        List<String> names = measured.runs();
        if (names.size() < 2) {
            return Check.that(what, false, Language.text("compare at least two configurations (your runs have " + names.size()
                    + ": " + names + "). ", "至少比较两种配置（你的运行只有 " + names.size() + " 种：" + names + "）。") + hint);
        }
        for (String name : names) {
            if (measured.seeds(name) < 2) {
                return Check.that(what, false, Language.text("run every configuration over at least two seeds (" + name + " has "
                        + measured.seeds(name) + "). ", "每种配置至少用两个随机种子运行（" + name + " 只有 "
                        + measured.seeds(name) + " 个）。") + hint);
            }
        }
        boolean holds;
        try {
            holds = expectation.test(measured);
        } catch (Exercise.NotSolved e) {
            return Check.that(what, () -> {
                throw e;
            }, hint);
        } catch (RuntimeException e) {
            return Check.that(what, false, Language.text("your expectation threw ", "你的预期抛出了 ") + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (\"" + e.getMessage() + "\")") + Language.text(". ", "。") + hint);
        }
        if (!holds) {
            return Check.that(what, false, Language.text("your expectation does not hold on what you measured (" + measured + "). ",
                    "你的预期在你测得的结果上不成立（" + measured + "）。") + hint);
        }
        for (Outcome other : counterfactuals(measured)) {
            if (!holdsSafely(expectation, other)) {
                return Check.that(what, true, hint);
            }
        }
        String example = "o.mean(\"" + names.get(0) + "\", \"val_accuracy\") > o.mean(\"" + names.get(1) + "\", \"val_accuracy\")";
        return Check.that(what, false, Language.text("your expectation would hold whatever you measured (also with the "
                + "configurations' results swapped, and with nothing measured at all), so it tests nothing. Write it "
                + "about the numbers your runs measured, e.g. " + example + ". ",
                "无论测得什么，你的预期都会成立（把各配置的结果互换、或者什么都不测，它也成立），所以它什么也没检验。"
                + "请针对你的运行测得的数字来写，例如 " + example + "。") + hint);
    }

    /** Outcomes the experiment could have had: every other order of the configurations' numbers, then none. */
    static List<Outcome> counterfactuals(Outcome measured) {
        List<Outcome> out = new ArrayList<>();
        List<String> names = measured.runs();
        for (List<String> order : permutations(names)) {
            if (!order.equals(names) && out.size() < MAX_PERMUTATIONS) {
                out.add(measured.relabelled(order));
            }
        }
        out.add(measured.unmeasured());
        return out;
    }

    private static boolean holdsSafely(Predicate<Outcome> expectation, Outcome outcome) {
        try {
            return expectation.test(outcome);
        } catch (RuntimeException e) {
            return false; // an expectation that cannot be evaluated on this outcome does not hold there
        }
    }

    private static List<List<String>> permutations(List<String> items) {
        List<List<String>> out = new ArrayList<>();
        permute(new ArrayList<>(), new ArrayList<>(items), out);
        return out;
    }

    private static void permute(List<String> prefix, List<String> rest, List<List<String>> out) {
        if (out.size() > MAX_PERMUTATIONS) {
            return;
        }
        if (rest.isEmpty()) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < rest.size(); i++) {
            List<String> next = new ArrayList<>(rest);
            prefix.add(next.remove(i));
            permute(prefix, next, out);
            prefix.remove(prefix.size() - 1);
        }
    }
}
