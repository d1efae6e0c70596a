package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingResultValuesTest {

    @Test
    void readsAColumnAtAStepAndItsLastValue() {
        TrainingResult r = Training.run("values", TrainingTest.quick(8).withEvalEvery(4), TrainingTest::reversal);
        var h = r.history();
        assertEquals(h.doubleColumn("loss").getDouble(2), r.valueAt("loss", 2));
        assertEquals(r.finalValidationLoss(), r.valueAt("val_loss", 7));
        assertEquals(r.finalValidationLoss(), r.lastValue("val_loss"));
        var noValue = assertThrows(IllegalArgumentException.class, () -> r.valueAt("val_loss", 2));
        assertTrue(noValue.getMessage().startsWith("step is 2"), noValue.getMessage());
        var noColumn = assertThrows(IllegalArgumentException.class, () -> r.valueAt("nope", 2));
        assertTrue(noColumn.getMessage().startsWith("column"), noColumn.getMessage());
    }
}
