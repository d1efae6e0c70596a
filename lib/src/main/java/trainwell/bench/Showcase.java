package trainwell.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import trainwell.data.CharTokenizer;
import trainwell.data.Datasets;
import trainwell.data.LanguageModelData;
import trainwell.data.Tasks;
import trainwell.data.TextPair;
import trainwell.data.TranslationData;
import trainwell.data.WordTokenizer;
import trainwell.models.TransformerConfig;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedules;
import trainwell.training.LanguageModelTask;
import trainwell.training.Training;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingResult;
import trainwell.training.TranslationTask;

/**
 * What small models trained with the library reach, as a command (bin/showcase): English number words
 * to digits (exact match of greedy translations of held-out numbers) and a character language model on
 * Moby-Dick (generated text). Usage: {@code Showcase [numbers|moby|all]}.
 */
public final class Showcase {

    private Showcase() {}

    /** Runs the showcase named by the first argument ("all" by default) and prints scores, samples and times. */
    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "all";
        if (which.equals("numbers") || which.equals("all")) {
            numbers();
        }
        if (which.equals("moby") || which.equals("all")) {
            mobyDick();
        }
    }

    /**
     * Numbers 0..99,999 written in English to digits: 20,000 training pairs, 2,000 held-out ones (no
     * source in both), words in, characters out, the tiny 2+2-layer encoder-decoder (d_model 64), 2,000 steps.
     */
    static void numbers() {
        List<TextPair> pairs = Tasks.englishNumbers(0, 99_999).pairs(22_000, 42);
        List<TextPair> trainPairs = pairs.subList(0, 20_000);
        List<TextPair> heldOut = pairs.subList(20_000, pairs.size());
        WordTokenizer words = WordTokenizer.fit(trainPairs.stream().map(TextPair::source).toList());
        CharTokenizer digits = CharTokenizer.fit(trainPairs.stream().map(TextPair::target).toList());
        TranslationData train = TranslationData.encode(trainPairs, words, digits);
        TranslationData validation = TranslationData.encode(heldOut, words, digits);
        TransformerConfig model = TransformerConfig.tiny();
        int steps = 2000;
        TrainingConfig config = TrainingConfig.defaults().withOptimizer(OptimizerSpec.adamW(0.01))
                .withSchedule(Schedules.warmupCosine(2e-3, 2e-5, 100, steps)).withSteps(steps).withBatchSize(64)
                .withEvalEvery(500).withLabelSmoothing(0.1).withProgress(false);
        try (TranslationTask task = TranslationTask.create(model, train, validation, 1)) {
            TrainingResult r = Training.run("english numbers", config, task);
            long start = System.nanoTime();
            double exact = task.exactMatch(heldOut.size());
            double decodeSeconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT,
                    "NUMBERS %s; %d parameters; trained %d steps in %.1f s (%.1f ms/step); exact match on %d held-out"
                            + " numbers (greedy): %.2f%% (decoding %.1f s)",
                    task, task.model().parameterCount(), r.stepsRun(), r.seconds(), r.msPerStep(), heldOut.size(),
                    100 * exact, decodeSeconds));
            List<TextPair> shown = heldOut.subList(0, 5);
            List<String> got = task.translate(shown.stream().map(TextPair::source).toList());
            for (int i = 0; i < shown.size(); i++) {
                System.out.println("  " + shown.get(i).source() + " -> " + got.get(i) + "  (expected "
                        + shown.get(i).target() + ")");
            }
        }
    }

    /**
     * A character language model on Moby-Dick (first 90% to train, last 10% to validate): 4 layers,
     * d_model 64, windows of 64 characters, 3,000 steps of batch 32; prints greedy and sampled continuations of three prompts.
     */
    static void mobyDick() {
        String text = Datasets.mobyDick();
        LanguageModelData all = LanguageModelData.encode(text, CharTokenizer.fit(text));
        LanguageModelData train = all.slice(0, 0.9);
        LanguageModelData validation = all.slice(0.9, 1);
        TransformerConfig model = TransformerConfig.tiny().withDecoderLayers(4);
        int steps = 3000;
        TrainingConfig config = TrainingConfig.defaults().withOptimizer(OptimizerSpec.adamW(0.1))
                .withSchedule(Schedules.warmupCosine(3e-3, 1e-4, 100, steps)).withSteps(steps).withBatchSize(32)
                .withEvalEvery(500).withProgress(false);
        try (LanguageModelTask task = LanguageModelTask.create(model, train, validation, 64, 8)) {
            TrainingResult r = Training.run("moby-dick", config, task);
            System.out.println(String.format(Locale.ROOT,
                    "MOBY-DICK %d characters, vocabulary %d; %d parameters; trained %d steps in %.1f s (%.1f ms/step);"
                            + " validation loss %.3f nats/char, next-character accuracy %.1f%%",
                    all.size(), train.tokenizer().vocabulary().size(), task.model().parameterCount(), r.stepsRun(),
                    r.seconds(), r.msPerStep(), r.finalValidationLoss(), 100 * r.finalValidationAccuracy()));
            for (String prompt : List.of("Call me Ishmael. ", "The whale ", "Captain Ahab ")) {
                System.out.println("  greedy  [" + prompt + "]" + task.generate(prompt, 160).replace('\n', ' '));
                System.out.println("  sampled [" + prompt + "]" + sample(task, prompt, 160, 0.8, 7).replace('\n', ' '));
            }
        }
    }

    /**
     * {@code tokens} characters drawn one by one from the model's softmax at {@code temperature} after
     * {@code prompt}: greedy decoding of a small character model soon repeats one phrase, sampling shows
     * the words it has learnt.
     */
    static String sample(LanguageModelTask task, String prompt, int tokens, double temperature, long seed) {
        Random random = new Random(seed);
        List<Integer> ids = new ArrayList<>();
        for (int id : task.train().tokenizer().encode(prompt)) {
            ids.add(id);
        }
        int[] out = new int[tokens];
        int window = task.model().config().maxLength();
        for (int n = 0; n < tokens; n++) {
            int[][] context = {ids.subList(Math.max(0, ids.size() - window), ids.size()).stream()
                    .mapToInt(Integer::intValue).toArray()};
            float[] p;
            try (NDManager m = task.manager().newSubManager()) {
                NDArray logits = task.model().logits(new ParameterStore(m, false), m.create(context), null, false);
                p = logits.get(":, -1, :").div((float) temperature).softmax(-1).toFloatArray();
            }
            double u = random.nextDouble();
            int next = p.length - 1;
            for (int i = 0; i < p.length; i++) {
                u -= p[i];
                if (u < 0) {
                    next = i;
                    break;
                }
            }
            ids.add(next);
            out[n] = next;
        }
        return task.train().tokenizer().decode(out);
    }
}
