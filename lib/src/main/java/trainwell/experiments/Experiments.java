package trainwell.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import trainwell.core.Args;
import trainwell.core.Language;
import trainwell.core.Parallel;
import trainwell.notebook.Progress;
import trainwell.training.Runs;
import trainwell.training.Training;
import trainwell.training.TrainingConfig;
import trainwell.training.TrainingListener;
import trainwell.training.TrainingResult;
import trainwell.training.TrainingTask;

/**
 * Several training runs from one call: one configuration over several seeds, or several named
 * configurations (a comparison, a grid) each over the same seeds. Every run builds a fresh model
 * from its seed, so runs with the same seed start from the same weights.
 *
 * <p>The runs are independent, so they run side by side, {@link Parallel#level()} at once (one per core
 * by default; {@code COURSE_PARALLEL=1} runs them one after another). A run gives the same numbers either
 * way (its model is built from its seed and its dropout draws from its own sequence, see
 * {@link trainwell.models.RunRandomness}), and the results come in the order of the configurations and
 * seeds, whatever order the runs finish in. The first run runs alone while its memory footprint is
 * measured; a run then starts beside others only while the process's resident memory plus that footprint
 * stays under {@link Parallel#memoryBoundMb()} (900 MB by default), so that a kernel stays under 1 GB. While they run, one line shows the experiment (runs done, time left) and one line each run that is
 * under way.
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
     * one progress display for the whole experiment; runs carry their configuration's name and their seed.
     */
    public static Runs compare(Map<String, TrainingConfig> configs, LongFunction<? extends TrainingTask> task,
            long... seeds) {
        Args.notNull("configs", configs);
        Args.notNull("task", task);
        Args.check(!configs.isEmpty(), "configs", "must name at least one configuration", configs);
        Args.check(seeds != null && seeds.length > 0, "seeds", "must hold at least one seed", "none");
        List<String> names = new ArrayList<>();
        List<TrainingConfig> list = new ArrayList<>();
        for (Map.Entry<String, TrainingConfig> e : new LinkedHashMap<>(configs).entrySet()) {
            for (long seed : seeds) {
                names.add(e.getKey());
                list.add(e.getValue().withSeed(seed));
            }
        }
        return runAll(names, list, task, Parallel.level());
    }

    /**
     * Runs {@code configs.get(i)} (with its own seed) as a run named {@code names.get(i)}, for every i, side by
     * side as {@link Parallel#level()} allows, and returns the results in that order: a grid, a search, or any
     * list of independent runs that {@link #compare} cannot express.
     */
    public static Runs runAll(List<String> names, List<TrainingConfig> configs, LongFunction<? extends TrainingTask> task) {
        return runAll(names, configs, task, Parallel.level());
    }

    /**
     * {@link #runAll(List, List, LongFunction)} where run i builds its own task with {@code tasks.get(i)} (runs
     * of different models).
     */
    public static Runs runAll(List<String> names, List<TrainingConfig> configs,
            List<? extends LongFunction<? extends TrainingTask>> tasks) {
        Args.notNull("tasks", tasks);
        Args.notNull("configs", configs);
        Args.check(tasks.size() == configs.size(), "tasks", "must give a task for every configuration (" + configs.size() + ")",
                tasks.size());
        return run(names, configs, tasks, Parallel.level());
    }

    /**
     * {@link #runAll(List, List, LongFunction)} with at most {@code parallel} runs at once (1: one after another).
     *
     * @throws Parallel.JobFailed if a run throws (a diverging run does not throw: it stops and keeps what it
     *                            recorded); the message names the run and its seed
     */
    public static Runs runAll(List<String> names, List<TrainingConfig> configs,
            LongFunction<? extends TrainingTask> task, int parallel) {
        Args.notNull("task", task);
        Args.notNull("configs", configs);
        return run(names, configs, Collections.nCopies(configs.size(), task), parallel);
    }

    /**
     * {@link #runAll(List, List, LongFunction)} where run i is also watched by the listeners
     * {@code listeners.apply(i)} returns (made for that run: a listener belongs to one run), e.g. a measurement
     * the notebook reads after the experiment.
     */
    public static Runs runWith(List<String> names, List<TrainingConfig> configs, LongFunction<? extends TrainingTask> task,
            IntFunction<List<? extends TrainingListener>> listeners) {
        Args.notNull("task", task);
        Args.notNull("configs", configs);
        Args.notNull("listeners", listeners);
        return run(names, configs, Collections.nCopies(configs.size(), task), listeners, Parallel.level());
    }

    /**
     * An empty plan: runs of different configurations and models collected one call at a time, then run as
     * one experiment ({@link Plan#run()}), so that no run waits for an earlier group to finish.
     */
    public static Plan plan() {
        return new Plan();
    }

    /**
     * Runs collected for one experiment: each with its name, its configuration (seed included) and the task
     * it trains. {@link #run()} runs them all side by side, as {@link #runAll(List, List, List)} does, and
     * returns the results in the order they were added.
     */
    public static final class Plan {
        private final List<String> names = new ArrayList<>();
        private final List<TrainingConfig> configs = new ArrayList<>();
        private final List<LongFunction<? extends TrainingTask>> tasks = new ArrayList<>();

        private Plan() {}

        /** Adds one run named {@code name} of {@code config}, with the config's own seed, on {@code task}. */
        public Plan add(String name, TrainingConfig config, LongFunction<? extends TrainingTask> task) {
            names.add(Args.notNull("name", name));
            configs.add(Args.notNull("config", config));
            tasks.add(Args.notNull("task", task));
            return this;
        }

        /** Adds one run of {@code config} per seed, all named {@code name}, as {@link #seeds} would run them. */
        public Plan seeds(String name, TrainingConfig config, LongFunction<? extends TrainingTask> task, long... seeds) {
            Args.notNull("config", config);
            Args.check(seeds != null && seeds.length > 0, "seeds", "must hold at least one seed", "none");
            for (long seed : seeds) {
                add(name, config.withSeed(seed), task);
            }
            return this;
        }

        /** How many runs the plan holds. */
        public int size() {
            return configs.size();
        }

        /**
         * Runs every run added so far as one experiment and returns their results in the order they were added.
         *
         * @throws IllegalArgumentException if nothing was added (argument "plan")
         */
        public Runs run() {
            Args.check(!configs.isEmpty(), "plan", "holds no run: add runs with add(...) or seeds(...) first", 0);
            return Experiments.run(List.copyOf(names), List.copyOf(configs), List.copyOf(tasks), Parallel.level());
        }
    }

    private static Runs run(List<String> names, List<TrainingConfig> configs,
            List<? extends LongFunction<? extends TrainingTask>> tasks, int parallel) {
        return run(names, configs, tasks, i -> List.of(), parallel);
    }

    private static Runs run(List<String> names, List<TrainingConfig> configs,
            List<? extends LongFunction<? extends TrainingTask>> tasks,
            IntFunction<List<? extends TrainingListener>> listeners, int parallel) {
        Args.notNull("names", names);
        Args.check(!configs.isEmpty(), "configs", "must hold at least one configuration", configs);
        Args.check(names.size() == configs.size(), "names", "must name every configuration (" + configs.size() + ")",
                names.size());
        Args.positive("parallel", parallel);
        for (int i = 0; i < tasks.size(); i++) {
            Args.notNull("task " + i, tasks.get(i));
        }
        int total = configs.size();
        Board board = new Board(total, Progress.start(Language.format("experiment: %d runs", "实验：%d 次运行", total)));
        // A run starts beside others only while the kernel's memory leaves room for one more run's footprint,
        // learned from the first run's first steps.
        Parallel.MemoryGate gate = Parallel.MemoryGate.fromSettings();
        List<Callable<TrainingResult>> jobs = new ArrayList<>(total);
        List<String> labels = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int index = i;
            String name = Args.notNull("name " + i, names.get(i));
            TrainingConfig c = Args.notNull("config " + i, configs.get(i)).withProgress(false);
            labels.add(String.format(Locale.ROOT, "%s seed %d", name, c.seed()));
            List<? extends TrainingListener> watchers = Args.notNull("listeners of run " + i, listeners.apply(i));
            jobs.add(() -> {
                board.started(index);
                try {
                    TrainingResult r = Training.run(name, c, tasks.get(index),
                            (done, steps, line) -> {
                                board.live(index, (double) done / steps, line);
                                gate.progress((double) done / steps);
                            }, watchers);
                    board.finished(index, r);
                    return r;
                } catch (RuntimeException | Error e) {
                    board.failed(index);
                    throw e;
                }
            });
        }
        List<TrainingResult> results = Parallel.map(labels, jobs, Math.min(parallel, total), board::show, gate);
        Runs runs = new Runs(results);
        double elapsed = board.elapsed();
        board.done(Language.format("experiment: %d runs in %.1f s%s%s", "实验：%d 次运行，用时 %.1f 秒%s%s", total,
                elapsed, parallel > 1 && total > 1
                        ? Language.format(", %.1f at once on average (at most %d)", "，平均 %.1f 次同时进行（最多 %d 次）",
                                board.runSeconds() / elapsed, Math.min(parallel, total)) : "",
                runs.diverged() > 0 ? Language.format(" (%d diverged)", "（%d 次发散）", runs.diverged()) : ""));
        return runs;
    }

    /**
     * The experiment's display: a first line with the runs done and the time left, then one line per run
     * under way. Runs report from their threads; only the thread that started the experiment (the cell's)
     * draws, through {@link #show}.
     */
    static final class Board {
        private final int total;
        private final Progress progress;
        private final Thread owner = Thread.currentThread();
        private final long start = System.nanoTime();
        private final Map<Integer, String> lines = new LinkedHashMap<>();
        private final Map<Integer, Double> fractions = new LinkedHashMap<>();
        private final Map<Integer, Long> startedAt = new LinkedHashMap<>();
        private double runSeconds;
        private int done;
        private String last = "";

        Board(int total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        synchronized void started(int index) {
            startedAt.put(index, System.nanoTime());
            lines.put(index, Language.format("run %d: starting", "第 %d 次运行：开始", index + 1));
            fractions.put(index, 0.0);
            showIfOwner();
        }

        synchronized void live(int index, double fraction, String line) {
            lines.put(index, line);
            fractions.put(index, fraction);
            showIfOwner();
        }

        synchronized void finished(int index, TrainingResult r) {
            ended(index);
            lines.remove(index);
            fractions.remove(index);
            done++;
            last = Language.format(", last: %s seed %d %s (%.1f s)", "，最近：%s 种子 %d %s（%.1f 秒）", r.name(), r.config().seed(),
                    r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.seconds());
            showIfOwner();
        }

        synchronized void failed(int index) {
            ended(index);
            lines.remove(index);
            fractions.remove(index);
        }

        private void ended(int index) {
            Long t = startedAt.remove(index);
            if (t != null) {
                runSeconds += (System.nanoTime() - t) / 1e9;
            }
        }

        /** The runs' time added up, each from its start to its end: over the elapsed time, how many ran at once. */
        synchronized double runSeconds() {
            return runSeconds;
        }

        double elapsed() {
            return (System.nanoTime() - start) / 1e9;
        }

        /** The display's text now. */
        synchronized String text() {
            double fraction = done;
            for (double f : fractions.values()) {
                fraction += f;
            }
            double elapsed = elapsed();
            String left = fraction > 0 ? Language.format(", ~%.0f s left", "，约剩 %.0f 秒",
                    elapsed / fraction * (total - fraction)) : "";
            StringBuilder b = new StringBuilder(Language.format("experiment: %d/%d runs done%s%s",
                    "实验：已完成 %d/%d 次运行%s%s", done, total, last, left));
            for (String line : lines.values()) {
                b.append("\n  ").append(line);
            }
            return b.toString();
        }

        void show() {
            if (Thread.currentThread() == owner) {
                progress.update(text());
            }
        }

        private void showIfOwner() {
            if (Thread.currentThread() == owner) {
                progress.update(text());
            }
        }

        void done(String text) {
            progress.done(text);
        }
    }
}
