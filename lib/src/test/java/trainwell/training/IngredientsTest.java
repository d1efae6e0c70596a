package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import trainwell.initialization.InitScheme;
import trainwell.models.TransformerConfig;
import trainwell.schedules.Schedules;

class IngredientsTest {

    private static final TransformerConfig MODEL = TransformerConfig.tiny().withInit(InitScheme.gpt2());
    private static final TrainingConfig TRAINING = TrainingConfig.defaults()
            .withSchedule(Schedules.warmupCosine(4e-3, 4e-4, 40, 400)).withSteps(400);

    @Test
    void theSameRecipeHasNoChangedIngredient() {
        assertEquals(List.of(), Ingredients.changed(MODEL, TRAINING, MODEL, TRAINING));
    }

    @Test
    void bookkeepingIsNotAnIngredient() {
        TrainingConfig other = TRAINING.withSeed(7).withEvalEvery(13).withProgress(false);
        assertEquals(List.of(), Ingredients.changed(MODEL, TRAINING, MODEL, other));
    }

    @Test
    void aScheduleBuiltAgainWithTheSameRatesIsTheSameIngredient() {
        TrainingConfig rebuilt = TRAINING.withSchedule(Schedules.warmupCosine(4e-3, 4e-4, 40, 400));
        TransformerConfig reinitialized = MODEL.withInit(InitScheme.gpt2());
        assertEquals(List.of(), Ingredients.changed(MODEL, TRAINING, reinitialized, rebuilt));
    }

    @Test
    void aShorterWarmupChangesTheSchedule() {
        TrainingConfig shorter = TRAINING.withSchedule(Schedules.warmupCosine(4e-3, 4e-4, 20, 400));
        assertEquals(List.of("training.schedule"), Ingredients.changed(MODEL, TRAINING, MODEL, shorter));
    }

    @Test
    void everyChangedIngredientIsNamedModelFirst() {
        List<String> changed = Ingredients.changed(MODEL, TRAINING, MODEL.withDropout(0.3),
                TRAINING.withLabelSmoothing(0.1));
        assertEquals(List.of("model.dropout", "training.labelSmoothing"), changed);
    }

    @Test
    void anotherInitializationIsAChangedIngredient() {
        assertEquals(List.of("model.init"),
                Ingredients.changed(MODEL, TRAINING, MODEL.withInit(InitScheme.xavierUniform()), TRAINING));
    }

    @Test
    void aMissingRecipePartIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Ingredients.changed(MODEL, TRAINING, null, TRAINING));
        assertTrue(e.getMessage().contains("model"), e.getMessage());
    }
}
