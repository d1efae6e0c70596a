package trainwell.exercises;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import trainwell.core.Args;
import trainwell.core.Language;
import trainwell.notebook.Html;
import trainwell.notebook.Show;
import trainwell.schedules.Schedule;

/**
 * Checks of a learner's answers in a notebook. Each check shows a friendly message (what was expected,
 * what was given, a hint) and returns a {@link CheckResult}; it never shows a stack trace. An answer
 * that is still a placeholder ({@link Exercise#TODO}, {@link Exercise#notSolved()}) is "not solved yet"
 * and does not fail.
 *
 * <p>In strict mode (solution notebooks, CI) a failed or unsolved check throws {@link ExerciseFailed}
 * so that running the notebook fails. Turn it on with {@code -Dtrainwell.exercises.strict=true} or
 * {@link #strict(boolean)}.
 *
 * <pre>{@code
 * Check.number("peak learning rate", peakLr, 3e-4, 1e-9);
 * Check.schedule("your warm-up", mySchedule, Schedules.linearWarmup(100, 3e-4), 200, 1e-9);
 * Check.function("your Adam step", mine::step, reference::step, List.of(new double[] {1, 2}), 1e-9);
 * }</pre>
 */
public final class Check {

    /** System property that turns strict mode on for the whole JVM. */
    public static final String STRICT_PROPERTY = "trainwell.exercises.strict";

    /** Environment variable that turns strict mode on for the whole JVM (set for solved lessons). */
    public static final String STRICT_ENV = "TRAINWELL_EXERCISES_STRICT";

    /** Differences up to this size count as equal whatever the relative tolerance (answers of 0). */
    public static final double ABSOLUTE_FLOOR = 1e-12;

    private static volatile Boolean strict;
    private static volatile Consumer<String> display = Show::markdown;

    private Check() {}

    /** Turns strict mode on or off for this JVM, overriding the system property. */
    public static void strict(boolean on) {
        strict = on;
    }

    /**
     * Whether failed and unsolved checks throw: {@link #strict(boolean)}, else the system property, else
     * the environment variable {@value #STRICT_ENV} (the notebook runner sets it for solved lessons).
     */
    public static boolean isStrict() {
        Boolean s = strict;
        if (s != null) {
            return s;
        }
        return Boolean.getBoolean(STRICT_PROPERTY) || "true".equalsIgnoreCase(System.getenv(STRICT_ENV));
    }

    /** Forgets {@link #strict(boolean)}, so that the system property decides again. */
    public static void resetStrict() {
        strict = null;
    }

    /** Where messages go (tests capture them); by default {@link Show#markdown}. */
    static void display(Consumer<String> sink) {
        display = Objects.requireNonNull(sink);
    }

    // ---------------------------------------------------------------- numbers

    /** Checks a number within a relative tolerance, e.g. {@code relTol = 1e-6}. */
    public static CheckResult number(String what, double given, double expected, double relTol) {
        return number(what, given, expected, relTol, "");
    }

    /** Checks a number within a relative tolerance, with a hint shown when it is wrong. */
    public static CheckResult number(String what, double given, double expected, double relTol, String hint) {
        Args.notNull("what", what);
        Args.finite("expected", expected);
        Args.nonNegative("relTol", relTol);
        Args.notNull("hint", hint);
        if (Exercise.isTodo(given)) {
            return report(new CheckResult(what, CheckResult.Outcome.NOT_SOLVED,
                    Language.text("not solved yet: replace `Exercise.TODO` with your answer.",
                            "尚未完成：请把 `Exercise.TODO` 换成你的答案。")));
        }
        if (close(given, expected, relTol)) {
            return report(new CheckResult(what, CheckResult.Outcome.PASSED, Language.text("correct (" + Html.number(given) + ").", "正确（" + Html.number(given) + "）。")));
        }
        String got = Double.isNaN(given) ? Language.text("NaN (not a number: look for 0/0 or a log of a negative number)",
                "NaN（不是数：找找 0/0 或负数的对数）")
                : pair(given, expected)[0];
        return report(failed(what, Language.text("expected " + pair(given, expected)[1] + ", but got " + got + ".",
                "预期 " + pair(given, expected)[1] + "，但得到 " + got + "。"), hint));
    }

    // ---------------------------------------------------------------- conditions

    /** Checks a condition the notebook computed, e.g. {@code loss < 2.0}. */
    public static CheckResult that(String what, boolean ok, String hint) {
        Args.notNull("what", what);
        Args.notNull("hint", hint);
        return report(ok ? new CheckResult(what, CheckResult.Outcome.PASSED, Language.text("done.", "完成。"))
                : failed(what, Language.text("not yet right.", "还不对。"), hint));
    }

    /** Checks a condition that runs the learner's code, so that a placeholder or an exception is reported kindly. */
    public static CheckResult that(String what, BooleanSupplier condition, String hint) {
        Args.notNull("condition", condition);
        boolean ok;
        try {
            ok = condition.getAsBoolean();
        } catch (Exercise.NotSolved e) {
            return report(notSolvedFunction(what));
        } catch (RuntimeException | StackOverflowError e) {
            return report(failed(what, Language.text("your code threw " + describe(e) + ".",
                    "你的代码抛出了 " + describe(e) + "。"), hint));
        }
        return that(what, ok, hint);
    }

    // ---------------------------------------------------------------- functions

    /** Compares a learner's function of a step (e.g. {@code mySchedule::at}) with the reference at each input. */
    public static CheckResult function(String what, IntToDoubleFunction given, IntToDoubleFunction expected,
            int[] inputs, double relTol) {
        return function(what, given, expected, inputs, relTol, "");
    }

    /** Compares a learner's function of a step with the reference, with a hint shown when it is wrong. */
    public static CheckResult function(String what, IntToDoubleFunction given, IntToDoubleFunction expected,
            int[] inputs, double relTol, String hint) {
        Args.notNull("given", given);
        Args.notNull("expected", expected);
        Args.notNull("inputs", inputs);
        return compare(what, inputs.length, i -> Language.text("input ", "输入 ") + inputs[i],
                i -> new double[] {given.applyAsDouble(inputs[i])},
                i -> new double[] {expected.applyAsDouble(inputs[i])}, relTol, hint);
    }

    /** Compares a learner's function of a number with the reference at each input. */
    public static CheckResult function(String what, DoubleUnaryOperator given, DoubleUnaryOperator expected,
            double[] inputs, double relTol) {
        return function(what, given, expected, inputs, relTol, "");
    }

    /** Compares a learner's function of a number with the reference, with a hint shown when it is wrong. */
    public static CheckResult function(String what, DoubleUnaryOperator given, DoubleUnaryOperator expected,
            double[] inputs, double relTol, String hint) {
        Args.notNull("given", given);
        Args.notNull("expected", expected);
        Args.notNull("inputs", inputs);
        return compare(what, inputs.length, i -> Language.text("input ", "输入 ") + Html.number(inputs[i]),
                i -> new double[] {given.applyAsDouble(inputs[i])},
                i -> new double[] {expected.applyAsDouble(inputs[i])}, relTol, hint);
    }

    /**
     * Compares a learner's vector function (e.g. one optimizer step: parameters -> new parameters) with
     * the reference. Each side gets its own copy of every input, so an update in place is fine.
     */
    public static CheckResult function(String what, Function<double[], double[]> given,
            Function<double[], double[]> expected, List<double[]> inputs, double relTol) {
        return function(what, given, expected, inputs, relTol, "");
    }

    /** Compares a learner's vector function with the reference, with a hint shown when it is wrong. */
    public static CheckResult function(String what, Function<double[], double[]> given,
            Function<double[], double[]> expected, List<double[]> inputs, double relTol, String hint) {
        Args.notNull("given", given);
        Args.notNull("expected", expected);
        Args.notNull("inputs", inputs);
        for (int i = 0; i < inputs.size(); i++) {
            Args.notNull("inputs[" + i + "]", inputs.get(i));
        }
        return compare(what, inputs.size(), i -> Language.text("input ", "输入 ") + vector(inputs.get(i)),
                i -> given.apply(inputs.get(i).clone()), i -> expected.apply(inputs.get(i).clone()), relTol, hint);
    }

    /** Compares a learner's learning-rate schedule with the reference at steps 0 .. steps-1. */
    public static CheckResult schedule(String what, Schedule given, Schedule expected, int steps, double relTol) {
        return schedule(what, given, expected, steps, relTol, "");
    }

    /** Compares a learner's schedule with the reference at steps 0 .. steps-1, with a hint. */
    public static CheckResult schedule(String what, Schedule given, Schedule expected, int steps, double relTol,
            String hint) {
        Args.notNull("given", given);
        Args.notNull("expected", expected);
        Args.positive("steps", steps);
        return compare(what, steps, i -> Language.text("step ", "第 ") + i + Language.text("", " 步"), i -> new double[] {given.at(i)},
                i -> new double[] {expected.at(i)}, relTol, hint);
    }

    // ---------------------------------------------------------------- the machinery

    private static CheckResult compare(String what, int n, IntFunction<String> label, IntFunction<double[]> given,
            IntFunction<double[]> expected, double relTol, String hint) {
        Args.notNull("what", what);
        Args.notNull("hint", hint);
        Args.nonNegative("relTol", relTol);
        Args.positive("number of inputs", n);
        String firstMismatch = null;
        int mismatches = 0;
        for (int i = 0; i < n; i++) {
            double[] want = expected.apply(i); // the reference's own errors are the course's bugs: let them surface
            Args.check(want != null, "reference result", "must not be null", label.apply(i));
            double[] got;
            try {
                got = given.apply(i);
            } catch (Exercise.NotSolved e) {
                return report(notSolvedFunction(what));
            } catch (RuntimeException | StackOverflowError e) {
                return report(failed(what, Language.text("at " + label.apply(i) + " your function threw " + describe(e) + ".",
                        "在" + label.apply(i) + " 处，你的函数抛出了 " + describe(e) + "。"), hint));
            }
            if (got == null) {
                return report(failed(what, Language.text("at " + label.apply(i) + " your function returned null.",
                        "在" + label.apply(i) + " 处，你的函数返回了 null。"), hint));
            }
            if (got.length == 1 && Exercise.isTodo(got[0])) {
                return report(notSolvedFunction(what));
            }
            String problem = mismatch(got, want, relTol);
            if (problem != null) {
                mismatches++;
                if (firstMismatch == null) {
                    firstMismatch = Language.text("at " + label.apply(i) + ", ", "在" + label.apply(i) + " 处，") + problem;
                }
            }
        }
        if (firstMismatch == null) {
            return report(new CheckResult(what, CheckResult.Outcome.PASSED,
                    Language.text("matches the reference at all " + n + (n == 1 ? " input." : " inputs."),
                            "在全部 " + n + " 个输入上都与参考实现一致。")));
        }
        return report(failed(what, firstMismatch + Language.text(" (" + mismatches + " of " + n + " inputs differ).",
                "（" + n + " 个输入中有 " + mismatches + " 个不一致）。"), hint));
    }

    /** Why two results differ, or null when they agree. */
    private static String mismatch(double[] got, double[] want, double relTol) {
        if (got.length != want.length) {
            return Language.text("expected " + want.length + " numbers, but got " + got.length,
                    "预期 " + want.length + " 个数，但得到 " + got.length + " 个");
        }
        for (int k = 0; k < got.length; k++) {
            if (!close(got[k], want[k], relTol)) {
                String[] p = pair(got[k], want[k]);
                if (Language.current() == Language.ZH) {
                    return got.length == 1 ? "预期 " + p[1] + "，但得到 " + p[0]
                            : "第 " + k + " 个元素应为 " + p[1] + "，但实际是 " + p[0]
                                    + "（预期 " + vector(want) + "，得到 " + vector(got) + "）";
                }
                return got.length == 1 ? "expected " + p[1] + ", but got " + p[0]
                        : "element " + k + " should be " + p[1] + ", but is " + p[0]
                                + " (expected " + vector(want) + ", got " + vector(got) + ")";
            }
        }
        return null;
    }

    /** Equal within the relative tolerance, or within {@link #ABSOLUTE_FLOOR}; NaN matches only NaN. */
    static boolean close(double given, double expected, double relTol) {
        if (Double.isNaN(given) || Double.isNaN(expected)) {
            return Double.isNaN(given) && Double.isNaN(expected);
        }
        if (Double.isInfinite(given) || Double.isInfinite(expected)) {
            return given == expected;
        }
        double diff = Math.abs(given - expected);
        return diff <= relTol * Math.abs(expected) || diff <= ABSOLUTE_FLOOR;
    }

    /** Both numbers printed with enough digits to see that they differ: {given, expected}. */
    private static String[] pair(double given, double expected) {
        String g = Html.number(given);
        String e = Html.number(expected);
        if (g.equals(e)) {
            g = Double.toString(given);
            e = Double.toString(expected);
        }
        return new String[] {g, e};
    }

    private static String vector(double[] v) {
        if (v.length > 8) {
            return "[" + Arrays.stream(v, 0, 8).mapToObj(Html::number).collect(Collectors.joining(", "))
                    + Language.text(", ... (" + v.length + " numbers)]", ", ...（共 " + v.length + " 个数）]");
        }
        return "[" + Arrays.stream(v).mapToObj(Html::number).collect(Collectors.joining(", ")) + "]";
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (\"" + m + "\")");
    }

    private static CheckResult notSolvedFunction(String what) {
        return new CheckResult(what, CheckResult.Outcome.NOT_SOLVED,
                Language.text("not solved yet: your code still throws `Exercise.notSolved()`.",
                        "尚未完成：你的代码仍然抛出 `Exercise.notSolved()`。"));
    }

    private static CheckResult failed(String what, String message, String hint) {
        return new CheckResult(what, CheckResult.Outcome.FAILED,
                hint.isBlank() ? message : message + Language.text(" Hint: ", "提示：") + hint);
    }

    private static CheckResult report(CheckResult result) {
        display.accept(result.toMarkdown());
        if (!result.passed() && isStrict()) {
            throw new ExerciseFailed(result);
        }
        return result;
    }
}
