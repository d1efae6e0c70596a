package trainwell.claims;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import trainwell.core.Args;
import trainwell.core.Language;
import trainwell.notebook.Html;
import trainwell.notebook.Show;

/**
 * A sentence of a lesson paired with the check that makes it true, evaluated on the run's own results.
 * A claim shows one short line: that it holds (with what was measured), or what was expected and what
 * was measured. Tolerances belong in the claim, sized for run-to-run noise, never for one lucky seed.
 *
 * <pre>{@code
 * Claim.everyAtMost("Post-LN without warmup ends within 0.1 of the unigram loss in every seed",
 *         "final loss - unigram loss", gaps, 0.1);
 * Claim.less("AdamW ends below SGD", "AdamW loss", adamw, "SGD loss", sgd);
 * Claim.that("the best rate is interior for every decay value", interior, "best rates " + best);
 * }</pre>
 *
 * <p>In strict mode (the test command sets {@value #STRICT_ENV}; solved lessons also turn on the
 * exercises' strict mode) a claim that does not hold throws {@link ClaimFailed}, so the notebook fails and
 * names the claim. In a learner's session it prints the failure and the notebook carries on. When the
 * environment variable {@value #LOG_ENV} names a file, every claim appends one line to it
 * ({@code holds|fails <TAB> sentence <TAB> measured}), which the notebook runner counts for its report.
 */
public final class Claim {

    /** Environment variable that makes a claim that does not hold fail the notebook. */
    public static final String STRICT_ENV = "TRAINWELL_CLAIMS_STRICT";

    /** System property with the same effect as {@value #STRICT_ENV}. */
    public static final String STRICT_PROPERTY = "trainwell.claims.strict";

    /** Environment variable naming a file to which each claim appends one line. */
    public static final String LOG_ENV = "TRAINWELL_CLAIMS_LOG";

    private static final AtomicInteger CHECKED = new AtomicInteger();
    private static final AtomicInteger HELD = new AtomicInteger();
    private static volatile Boolean strict;
    private static volatile Consumer<String> display = Show::markdown;
    private static volatile Path log;
    private static volatile boolean logFromEnvironment = true;

    private Claim() {}

    // ---------------------------------------------------------------- conditions

    /** A claim decided by a condition the notebook computed; {@code measured} says what was measured. */
    public static ClaimResult that(String sentence, boolean holds, String measured) {
        return that(sentence, holds, measured, "the sentence to hold");
    }

    /** A claim decided by a condition, saying what was expected when it does not hold. */
    public static ClaimResult that(String sentence, boolean holds, String measured, String expected) {
        return report(new ClaimResult(sentence, holds, Args.notNull("measured", measured),
                Args.notNull("expected", expected)));
    }

    // ---------------------------------------------------------------- one number

    /** Holds when {@code value <= bound}; a NaN (a diverged run) never holds. */
    public static ClaimResult atMost(String sentence, String quantity, double value, double bound) {
        Args.notNull("quantity", quantity);
        Args.finite("bound", bound);
        return that(sentence, value <= bound, quantity + " = " + Html.number(value), quantity + " \u2264 " + Html.number(bound));
    }

    /** Holds when {@code value >= bound}; a NaN never holds. */
    public static ClaimResult atLeast(String sentence, String quantity, double value, double bound) {
        Args.notNull("quantity", quantity);
        Args.finite("bound", bound);
        return that(sentence, value >= bound, quantity + " = " + Html.number(value), quantity + " \u2265 " + Html.number(bound));
    }

    /** Holds when {@code lo <= value <= hi}; a NaN never holds. */
    public static ClaimResult between(String sentence, String quantity, double value, double lo, double hi) {
        Args.notNull("quantity", quantity);
        Args.finite("lo", lo);
        Args.finite("hi", hi);
        Args.check(lo <= hi, "lo", "must not exceed hi (" + Html.number(hi) + ")", Html.number(lo));
        return that(sentence, value >= lo && value <= hi, quantity + " = " + Html.number(value),
                quantity + " in [" + Html.number(lo) + ", " + Html.number(hi) + "]");
    }

    /** Holds when {@code |value - target| <= tolerance}; a NaN never holds. */
    public static ClaimResult near(String sentence, String quantity, double value, double target, double tolerance) {
        Args.notNull("quantity", quantity);
        Args.finite("target", target);
        Args.nonNegative("tolerance", tolerance);
        return that(sentence, Math.abs(value - target) <= tolerance, quantity + " = " + Html.number(value),
                quantity + " = " + Html.number(target) + " \u00B1 " + Html.number(tolerance));
    }

    // ---------------------------------------------------------------- two numbers

    /** Holds when {@code a < b} (e.g. one recipe's mean loss below another's); a NaN never holds. */
    public static ClaimResult less(String sentence, String nameA, double a, String nameB, double b) {
        return lessBy(sentence, nameA, a, nameB, b, 0);
    }

    /** Holds when {@code a + margin <= b}: a is below b by at least the margin (use it for noise). */
    public static ClaimResult lessBy(String sentence, String nameA, double a, String nameB, double b, double margin) {
        Args.notNull("nameA", nameA);
        Args.notNull("nameB", nameB);
        Args.nonNegative("margin", margin);
        boolean holds = margin == 0 ? a < b : a + margin <= b;
        return that(sentence, holds, nameA + " = " + Html.number(a) + ", " + nameB + " = " + Html.number(b),
                nameA + (margin == 0 ? " < " + nameB : " \u2264 " + nameB + " \u2212 " + Html.number(margin)));
    }

    // ---------------------------------------------------------------- every seed

    /** Holds when every value (one per seed, say) is at most the bound. */
    public static ClaimResult everyAtMost(String sentence, String quantity, double[] values, double bound) {
        nonEmpty(values);
        Args.finite("bound", bound);
        boolean holds = Arrays.stream(values).allMatch(v -> v <= bound);
        return that(sentence, holds, quantity + " = " + vector(values), Language.text("every ", "每个 ") + quantity + " \u2264 " + Html.number(bound));
    }

    /** Holds when every value is at least the bound. */
    public static ClaimResult everyAtLeast(String sentence, String quantity, double[] values, double bound) {
        nonEmpty(values);
        Args.finite("bound", bound);
        boolean holds = Arrays.stream(values).allMatch(v -> v >= bound);
        return that(sentence, holds, quantity + " = " + vector(values), Language.text("every ", "每个 ") + quantity + " \u2265 " + Html.number(bound));
    }

    /**
     * Holds when {@code a[i] < b[i]} for every pair: a paired comparison (same seed, two settings), the
     * honest way to show a difference that is smaller than the spread across seeds.
     */
    public static ClaimResult lessInEveryPair(String sentence, String nameA, double[] a, String nameB, double[] b) {
        nonEmpty(a);
        Args.notNull("b", b);
        Args.check(a.length == b.length, "b", "must have as many values as a (" + a.length + ")", b.length);
        int wins = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                wins++;
            }
        }
        return that(sentence, wins == a.length,
                nameA + " = " + vector(a) + ", " + nameB + " = " + vector(b) + Language.format(" (%d of %d pairs)", "（%d / %d 对）", wins, a.length),
                nameA + " < " + nameB + Language.text(" in every pair", "（每一对）"));
    }

    // ---------------------------------------------------------------- the tally

    /** How many claims this JVM has checked. */
    public static int checked() {
        return CHECKED.get();
    }

    /** How many of them held. */
    public static int held() {
        return HELD.get();
    }

    /** A line such as "6 of 6 claims of this lesson hold." */
    public static String summary() {
        int n = checked();
        int h = held();
        if (Language.current() == Language.ZH) {
            return "本次运行检查了 " + n + " 个断言，其中 " + h + " 个成立。";
        }
        return h + " of " + n + (n == 1 ? " claim" : " claims") + " checked in this run " + (h == 1 && n == 1 ? "holds." : "hold.");
    }

    // ---------------------------------------------------------------- strictness and output

    /** Turns strict mode on or off for this JVM, overriding the environment. */
    public static void strict(boolean on) {
        strict = on;
    }

    /** Forgets {@link #strict(boolean)}, so that the environment decides again. */
    public static void resetStrict() {
        strict = null;
    }

    /**
     * Whether a claim that does not hold throws: {@link #strict(boolean)}, else the system property
     * {@value #STRICT_PROPERTY}, else the environment variable {@value #STRICT_ENV}, else the exercises'
     * strict mode (solved lessons).
     */
    public static boolean isStrict() {
        Boolean s = strict;
        if (s != null) {
            return s;
        }
        return Boolean.getBoolean(STRICT_PROPERTY) || "true".equalsIgnoreCase(System.getenv(STRICT_ENV))
                || trainwell.exercises.Check.isStrict();
    }

    /** Where messages go (tests capture them); by default {@link Show#markdown}. */
    static void display(Consumer<String> sink) {
        display = Objects.requireNonNull(sink);
    }

    /** Where claims are logged (tests); {@code null} turns logging off. Overrides {@value #LOG_ENV}. */
    static void log(Path file) {
        log = file;
        logFromEnvironment = false;
    }

    /** Clears the tally (tests). */
    static void resetTally() {
        CHECKED.set(0);
        HELD.set(0);
    }

    private static ClaimResult report(ClaimResult result) {
        CHECKED.incrementAndGet();
        if (result.holds()) {
            HELD.incrementAndGet();
        }
        display.accept(result.toMarkdown());
        append(result);
        if (!result.holds() && isStrict()) {
            throw new ClaimFailed(result);
        }
        return result;
    }

    private static void append(ClaimResult result) {
        Path file = log;
        if (logFromEnvironment) {
            String env = System.getenv(LOG_ENV);
            file = env == null || env.isBlank() ? null : Path.of(env);
        }
        if (file == null) {
            return;
        }
        String line = (result.holds() ? "holds" : "fails") + "\t" + oneLine(result.sentence()) + "\t"
                + oneLine(result.measured()) + System.lineSeparator();
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            display.accept("(the claim could not be logged to " + file + ": " + e.getMessage() + ")");
        }
    }

    private static String oneLine(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static void nonEmpty(double[] values) {
        Args.notNull("values", values);
        Args.check(values.length > 0, "values", "must not be empty", "[]");
    }

    private static String vector(double[] v) {
        return Html.numbers(v);
    }
}
