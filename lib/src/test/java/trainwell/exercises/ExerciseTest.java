package trainwell.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExerciseTest {

    @Test
    void todoIsRecognised() {
        assertTrue(Exercise.isTodo(Exercise.TODO));
        assertTrue(Exercise.isTodo(Exercise.TODO_INT));
    }

    @Test
    void valuesComputedFromTodoStayTodo() {
        double answer = Exercise.TODO;
        assertTrue(Exercise.isTodo(2 * answer + 1));
        assertTrue(Exercise.isTodo(-answer));
    }

    @Test
    void anOrdinaryNaNIsNotTodo() {
        double zero = 0;
        assertFalse(Exercise.isTodo(zero / zero));
        assertFalse(Exercise.isTodo(Double.NaN));
        assertFalse(Exercise.isTodo(0));
    }
}
