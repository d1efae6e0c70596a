package trainwell.exercises;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import trainwell.notebook.Show;
import trainwell.schedules.Schedule;

class CheckTest {

    private final List<String> shown = new ArrayList<>();

    /** A reference schedule: linear warm-up to 1e-3 over 10 steps, then constant. */
    private static final Schedule WARMUP = step -> 1e-3 * Math.min(1.0, (step + 1) / 10.0);

    /** A reference optimizer step: plain SGD with learning rate 0.1 on f(w) = |w|^2 / 2 (gradient w). */
    private static final Function<double[], double[]> SGD = w -> {
        double[] out = w.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= 0.1 * w[i];
        }
        return out;
    };

    @BeforeEach
    void capture() {
        Check.display(shown::add);
        Check.resetStrict();
    }

    @AfterEach
    void restore() {
        Check.display(Show::markdown);
        Check.resetStrict();
        System.clearProperty(Check.STRICT_PROPERTY);
    }

    private static void assertNoStackTrace(String message) {
        assertFalse(message.contains("\tat ") || message.contains("at trainwell."), message);
    }

    @Nested
    class LearnerMode {

        @Test
        void aNumberWithinTheTolerancePasses() {
            CheckResult r = Check.number("peak LR", 3.0000001e-4, 3e-4, 1e-6);
            assertTrue(r.passed());
            assertEquals(List.of("\u2705 **peak LR**: correct (3.000e-04)."), shown);
        }

        @Test
        void aWrongNumberSaysWhatWasExpectedAndGivenWithTheHint() {
            CheckResult r = Check.number("peak LR", 0.01, 0.001, 1e-6, "the rate at the end of warm-up");
            assertTrue(r.failed());
            assertEquals("expected 0.001, but got 0.01. Hint: the rate at the end of warm-up", r.message());
            assertTrue(shown.get(0).startsWith("\u274C **peak LR**"));
        }

        @Test
        void nearlyEqualNumbersArePrintedWithEnoughDigitsToDiffer() {
            CheckResult r = Check.number("x", 1.00001, 1.0, 1e-9);
            assertTrue(r.message().contains("1.00001"), r.message());
        }

        @Test
        void anAnswerOfZeroPassesDespiteARelativeTolerance() {
            assertTrue(Check.number("bias", 1e-15, 0, 1e-6).passed());
        }

        @Test
        void theTodoPlaceholderIsNotSolvedAndDoesNotFail() {
            CheckResult r = Check.number("peak LR", Exercise.TODO, 0.001, 1e-6);
            assertTrue(r.notSolved());
            assertTrue(r.message().contains("not solved yet"), r.message());
        }

        @Test
        void theIntPlaceholderIsNotSolved() {
            int warmup = Exercise.TODO_INT;
            assertTrue(Check.number("warm-up steps", warmup, 400, 0).notSolved());
        }

        @Test
        void aNaNTheLearnerComputedIsAWrongAnswerWithAnExplanation() {
            double zero = 0;
            CheckResult r = Check.number("loss", zero / zero, 1.5, 1e-6);
            assertTrue(r.failed());
            assertTrue(r.message().contains("NaN (not a number"), r.message());
        }

        @Test
        void aScheduleGivenByMethodReferenceIsCompared() {
            Schedule mine = step -> 1e-3 * Math.min(1.0, (step + 1) / 10.0);
            CheckResult r = Check.function("your warm-up", mine::at, WARMUP::at, new int[] {0, 4, 9, 50}, 1e-12);
            assertTrue(r.passed(), r.message());
            assertEquals("matches the reference at all 4 inputs.", r.message());
        }

        @Test
        void aWrongFunctionReportsTheFirstMismatchAndHowManyDiffer() {
            Schedule offByOne = step -> 1e-3 * Math.min(1.0, step / 10.0);
            CheckResult r = Check.schedule("your warm-up", offByOne, WARMUP, 20, 1e-9, "steps count from 0");
            assertTrue(r.failed());
            assertEquals("at step 0, expected 1.000e-04, but got 0 (10 of 20 inputs differ). Hint: steps count from 0",
                    r.message());
        }

        @Test
        void aFunctionThatThrowsIsReportedKindly() {
            DoubleUnaryOperator mine = x -> {
                throw new IllegalStateException("forgot the square root");
            };
            CheckResult r = Check.function("your RMS", mine, Math::sqrt, new double[] {4}, 1e-9);
            assertTrue(r.failed());
            assertEquals("at input 4 your function threw IllegalStateException (\"forgot the square root\").",
                    r.message());
            assertNoStackTrace(shown.get(0));
        }

        @Test
        void aFunctionThatStillThrowsNotSolvedIsNotSolved() {
            DoubleUnaryOperator mine = x -> {
                throw Exercise.notSolved();
            };
            CheckResult r = Check.function("your RMS", mine, Math::sqrt, new double[] {4, 9}, 1e-9);
            assertTrue(r.notSolved());
            assertTrue(r.message().contains("Exercise.notSolved()"), r.message());
        }

        @Test
        void aFunctionThatReturnsTheTodoPlaceholderIsNotSolved() {
            assertTrue(Check.function("your RMS", x -> Exercise.TODO, Math::sqrt, new double[] {4}, 1e-9).notSolved());
        }

        @Test
        void anOptimizerStepThatUpdatesInPlaceIsCompared() {
            Function<double[], double[]> mine = w -> {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= 0.9;
                }
                return w;
            };
            double[] input = {1, -2};
            assertTrue(Check.function("your SGD step", mine, SGD, List.of(input), 1e-12).passed());
            assertEquals(1, input[0], 0, "the caller's input is untouched");
        }

        @Test
        void aVectorMismatchNamesTheElement() {
            Function<double[], double[]> mine = w -> new double[] {w[0] * 0.9, w[1]};
            CheckResult r = Check.function("your SGD step", mine, SGD, List.of(new double[] {1, -2}), 1e-12);
            assertTrue(r.failed());
            assertTrue(r.message().startsWith("at input [1, -2], element 1 should be -1.8, but is -2"), r.message());
        }

        @Test
        void aVectorOfTheWrongLengthOrNullFails() {
            assertTrue(Check.function("s", w -> new double[] {0}, SGD, List.of(new double[] {1, 2}), 0).failed());
            CheckResult r = Check.function("s", w -> null, SGD, List.of(new double[] {1, 2}), 0);
            assertTrue(r.message().contains("returned null"), r.message());
        }

        @Test
        void thatPassesAndFailsWithTheHint() {
            assertTrue(Check.that("loss went down", true, "lower the LR").passed());
            CheckResult r = Check.that("loss went down", false, "lower the LR");
            assertTrue(r.failed());
            assertEquals("not yet right. Hint: lower the LR", r.message());
        }

        @Test
        void thatWithLearnerCodeReportsPlaceholdersAndExceptions() {
            assertTrue(Check.that("x", () -> {
                throw Exercise.notSolved();
            }, "").notSolved());
            CheckResult r = Check.that("x", () -> {
                throw new ArithmeticException("/ by zero");
            }, "");
            assertTrue(r.failed());
            assertTrue(r.message().contains("ArithmeticException (\"/ by zero\")"), r.message());
        }

        @Test
        void badArgumentsFromTheAuthorAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> Check.number("x", 1, 1, -1e-6));
            assertThrows(IllegalArgumentException.class, () -> Check.number("x", 1, Double.NaN, 1e-6));
            assertThrows(IllegalArgumentException.class, () -> Check.function("x", x -> x, x -> x, new double[0], 1e-6));
        }

        @Test
        void textFormHasNoMarkdown() {
            CheckResult r = Check.number("peak LR", Exercise.TODO, 0.001, 1e-6);
            assertEquals("NOT SOLVED peak LR: not solved yet: replace Exercise.TODO with your answer.", r.toText());
        }
    }

    @Nested
    class StrictMode {

        @BeforeEach
        void strict() {
            Check.strict(true);
        }

        @Test
        void aPassingCheckDoesNotThrow() {
            assertDoesNotThrow(() -> Check.number("peak LR", 0.001, 0.001, 1e-9));
        }

        @Test
        void aFailedCheckThrowsWithTheFriendlyMessage() {
            var e = assertThrows(ExerciseFailed.class, () -> Check.number("peak LR", 0.01, 0.001, 1e-9, "see warm-up"));
            assertEquals("FAILED peak LR: expected 0.001, but got 0.01. Hint: see warm-up", e.getMessage());
            assertTrue(e.result().failed());
            assertEquals(1, shown.size(), "the message is shown before the throw");
        }

        @Test
        void anUnsolvedCheckThrows() {
            var e = assertThrows(ExerciseFailed.class, () -> Check.number("peak LR", Exercise.TODO, 0.001, 1e-9));
            assertTrue(e.result().notSolved());
        }

        @Test
        void aThrowingLearnerFunctionBecomesAnExerciseFailure() {
            var e = assertThrows(ExerciseFailed.class, () -> Check.function("f", x -> {
                throw new IllegalStateException("oops");
            }, x -> x, new double[] {1}, 0));
            assertTrue(e.getMessage().contains("IllegalStateException (\"oops\")"), e.getMessage());
        }

        @Test
        void aFalseConditionThrows() {
            assertThrows(ExerciseFailed.class, () -> Check.that("x", false, ""));
        }

        @Test
        void exerciseFailedIsAnAssertionError() {
            assertThrows(AssertionError.class, () -> Check.that("x", false, ""));
        }
    }

    @Nested
    class Switch {

        @Test
        void theSystemPropertyTurnsStrictModeOn() {
            System.setProperty(Check.STRICT_PROPERTY, "true");
            assertTrue(Check.isStrict());
            assertThrows(ExerciseFailed.class, () -> Check.that("x", false, ""));
        }

        @Test
        void anExplicitSettingOverridesTheProperty() {
            System.setProperty(Check.STRICT_PROPERTY, "true");
            Check.strict(false);
            assertTrue(Check.that("x", false, "").failed());
        }

        @Test
        void learnerModeIsTheDefault() {
            assertFalse(Check.isStrict());
        }
    }
}
