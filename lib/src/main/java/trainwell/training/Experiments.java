package trainwell.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import trainwell.core.Args;
import trainwell.notebook.Progress;

/**
 * Several training runs from one call: one configuration over several seeds, or several named
 * configurations (a comparison, a grid) each over the same seeds. Every run builds a fresh model
 * from its seed, so runs with the same seed start from the same weights.
 */
public final class Experiments {

    private Experiments() {}

    /** Runs {@code config} once per seed; every run is named {@code name} (its "seed" column tells them apart). */
    public static Runs seeds(String name, TrainingConfig config, LongFunction<? extends TrainingTask> task,
            long... seeds) {
        Args.notNull("config", config);
        return compare(Map.of(name, config), task, seeds);
    }

    /**
     * Runs every named configuration once per seed (configurations in the map's order, seeds inner), with
     * one progress line for the whole experiment; runs carry their configuration's name and their seed.
     */
    public static Runs compare(Map<String, TrainingConfig> configs, LongFunction<? extends TrainingTask> task,
            long... seeds) {
        Args.notNull("configs", configs);
        Args.notNull("task", task);
        Args.check(!configs.isEmpty(), "configs", "must name at least one configuration", configs);
        Args.check(seeds != null && seeds.length > 0, "seeds", "must hold at least one seed", "none");
        int total = configs.size() * seeds.length;
        List<TrainingResult> results = new ArrayList<>(total);
        Progress progress = Progress.start("experiment: " + total + " runs");
        long start = System.nanoTime();
        for (Map.Entry<String, TrainingConfig> e : new LinkedHashMap<>(configs).entrySet()) {
            for (long seed : seeds) {
                TrainingConfig c = e.getValue().withSeed(seed).withProgress(false);
                TrainingResult r = Training.run(e.getKey(), c, task);
                results.add(r);
                double elapsed = (System.nanoTime() - start) / 1e9;
                progress.update(String.format(java.util.Locale.ROOT,
                        "experiment: %d/%d runs done, last: %s seed %d %s (%.1f s), ~%.0f s left", results.size(),
                        total, e.getKey(), seed, r.status().name().toLowerCase(java.util.Locale.ROOT), r.seconds(),
                        elapsed / results.size() * (total - results.size())));
            }
        }
        Runs runs = new Runs(results);
        progress.done(String.format(java.util.Locale.ROOT, "experiment: %d runs in %.1f s%s", total,
                (System.nanoTime() - start) / 1e9,
                runs.diverged() > 0 ? " (" + runs.diverged() + " diverged)" : ""));
        return runs;
    }
}
