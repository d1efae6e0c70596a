package trainwell.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trainwell.notebook.Show;

class ClaimTest {

    private final List<String> shown = new ArrayList<>();

    @BeforeEach
    void capture() {
        Claim.display(shown::add);
        Claim.log(null);
        Claim.strict(false);
        Claim.resetTally();
    }

    @AfterEach
    void restore() {
        Claim.display(Show::markdown);
        Claim.resetStrict();
        Claim.resetTally();
    }

    @Test
    void aClaimThatHoldsShowsOneLineWithTheMeasurement() {
        ClaimResult r = Claim.atMost("the loss ends below 2", "final loss", 1.5, 2.0);
        assertTrue(r.holds());
        assertEquals(1, shown.size());
        assertTrue(shown.get(0).contains("Claim holds"), shown.get(0));
        assertTrue(shown.get(0).contains("final loss = 1.5"), shown.get(0));
    }

    @Test
    void aClaimThatFailsSaysWhatWasExpectedAndMeasured() {
        ClaimResult r = Claim.atMost("the loss ends below 2", "final loss", 2.5, 2.0);
        assertFalse(r.holds());
        assertTrue(shown.get(0).contains("does not hold"), shown.get(0));
        assertTrue(shown.get(0).contains("final loss \u2264 2"), shown.get(0));
        assertTrue(shown.get(0).contains("final loss = 2.5"), shown.get(0));
    }

    @Test
    void inStrictModeAFailedClaimThrowsAndNamesTheSentence() {
        Claim.strict(true);
        ClaimFailed e = assertThrows(ClaimFailed.class, () -> Claim.atLeast("accuracy reaches 90%", "accuracy", 0.5, 0.9));
        assertTrue(e.getMessage().contains("accuracy reaches 90%"), e.getMessage());
        assertTrue(e.getMessage().contains("accuracy = 0.5"), e.getMessage());
        assertFalse(e.result().holds());
    }

    @Test
    void inStrictModeAClaimThatHoldsDoesNotThrow() {
        Claim.strict(true);
        assertTrue(Claim.between("the ratio is near one", "ratio", 1.02, 0.9, 1.1).holds());
    }

    @Test
    void aNaNFromADivergedRunNeverHolds() {
        assertFalse(Claim.atMost("s", "loss", Double.NaN, 10).holds());
        assertFalse(Claim.atLeast("s", "accuracy", Double.NaN, 0).holds());
        assertFalse(Claim.near("s", "x", Double.NaN, 0, 1).holds());
        assertFalse(Claim.between("s", "x", Double.NaN, 0, 1).holds());
        assertFalse(Claim.less("s", "a", Double.NaN, "b", 1).holds());
        assertFalse(Claim.everyAtMost("s", "loss", new double[] {1, Double.NaN}, 10).holds());
    }

    @Test
    void nearUsesAnAbsoluteTolerance() {
        assertTrue(Claim.near("s", "x", 2.95, 3.0, 0.1).holds());
        assertFalse(Claim.near("s", "x", 2.85, 3.0, 0.1).holds());
    }

    @Test
    void lessByNeedsTheMargin() {
        assertTrue(Claim.lessBy("s", "a", 1.0, "b", 1.2, 0.1).holds());
        assertFalse(Claim.lessBy("s", "a", 1.15, "b", 1.2, 0.1).holds());
        assertFalse(Claim.less("s", "a", 1.2, "b", 1.2).holds());
    }

    @Test
    void everyAtMostAndAtLeastLookAtEachValue() {
        assertTrue(Claim.everyAtMost("s", "gap", new double[] {0.01, 0.05}, 0.1).holds());
        assertFalse(Claim.everyAtMost("s", "gap", new double[] {0.01, 0.15}, 0.1).holds());
        assertTrue(Claim.everyAtLeast("s", "acc", new double[] {0.95, 0.97}, 0.9).holds());
        assertFalse(Claim.everyAtLeast("s", "acc", new double[] {0.95, 0.7}, 0.9).holds());
    }

    @Test
    void aPairedComparisonCountsThePairsThatAgree() {
        ClaimResult r = Claim.lessInEveryPair("decay helps on every seed", "with", new double[] {1, 2, 3}, "without",
                new double[] {1.1, 2.1, 2.9});
        assertFalse(r.holds());
        assertTrue(r.measured().contains("2 of 3 pairs"), r.measured());
        assertTrue(Claim.lessInEveryPair("s", "a", new double[] {1, 2}, "b", new double[] {3, 4}).holds());
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Claim.lessInEveryPair("s", "a", new double[] {1, 2}, "b", new double[] {1}));
        assertTrue(e.getMessage().startsWith("b "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Claim.everyAtMost("s", "x", new double[0], 1));
        assertTrue(e.getMessage().startsWith("values "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Claim.between("s", "x", 1, 2, 0));
        assertTrue(e.getMessage().startsWith("lo "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Claim.that(" ", true, ""));
        assertTrue(e.getMessage().startsWith("sentence "), e.getMessage());
    }

    @Test
    void theTallyCountsClaimsAndTheOnesThatHeld() {
        Claim.that("a", true, "");
        Claim.that("b", false, "x = 1");
        Claim.that("c", true, "");
        assertEquals(3, Claim.checked());
        assertEquals(2, Claim.held());
        assertEquals("2 of 3 claims checked in this run hold.", Claim.summary());
    }

    @Test
    void everyClaimIsLoggedAsOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("claims.tsv");
        Claim.log(file);
        Claim.that("first\tsentence", true, "x = 1");
        Claim.atMost("second", "y", 3, 2);
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("holds\tfirst sentence\tx = 1", "fails\tsecond\ty = 3"), lines);
    }

    @Test
    void theLastValueOfACellPrintsAsAShortStatus() {
        assertEquals("claim 'x': holds", Claim.that("x", true, "").toString());
        assertEquals("claim 'y': does not hold", Claim.that("y", false, "").toString());
    }
}
